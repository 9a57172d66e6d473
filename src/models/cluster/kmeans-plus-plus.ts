// Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the local trials scikit-learn uses):
// each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to
// weight × squared distance to the nearest centre so far, "best" meaning the one that lowers the
// total weighted squared distance most.

import type { Rng } from "../../core/index.js";
import { squaredDistance } from "./distances.js";

/** k centres (k × p, row-major) chosen among the n rows of X. */
export function kmeansPlusPlus(X: Float64Array, p: number, weights: Float64Array, k: number, rng: Rng): Float64Array {
  const n = weights.length;
  const nTrials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * p);
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const trial = new Float64Array(nTrials * n);
  const candidates = new Int32Array(nTrials);

  const first = drawWeighted(weights, null, rng.next() * sum(weights));
  centers.set(X.subarray(first * p, first * p + p), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(X, i, X, first, p);
    potential += weights[i] * closest[i];
  }
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += weights[i] * closest[i];
      cumulative[i] = running;
    }
    for (let t = 0; t < nTrials; t++) candidates[t] = searchLeft(cumulative, rng.next() * potential);
    let bestTrial = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < nTrials; t++) {
      const row = trial.subarray(t * n, t * n + n);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const d = squaredDistance(X, i, X, candidates[t], p);
        row[i] = d < closest[i] ? d : closest[i];
        pot += weights[i] * row[i];
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestTrial = t;
      }
    }
    potential = bestPotential;
    closest.set(trial.subarray(bestTrial * n, bestTrial * n + n));
    const chosen = candidates[bestTrial];
    centers.set(X.subarray(chosen * p, chosen * p + p), c * p);
  }
  return centers;
}

/** The first index whose cumulative weight reaches `value` (weights × factor, factor null = 1). */
function drawWeighted(weights: Float64Array, factor: Float64Array | null, value: number): number {
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i] * (factor ? factor[i] : 1);
    if (running > value) return i;
  }
  return weights.length - 1;
}

/** numpy's searchsorted(side="left") clipped to the last index: first i with sorted[i] ≥ value. */
function searchLeft(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, sorted.length - 1);
}

function sum(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
