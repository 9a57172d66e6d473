// Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the local trials scikit-learn uses):
// each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to
// weight × squared distance to the nearest centre so far, "best" meaning the one that lowers the
// total weighted squared distance most.

import type { Rng } from "../../core/index.js";
import type { SeedingTrials } from "../linalg/index.js";
import { crossDots, rowSquaredNorms, squaredDistance } from "./distances.js";

/**
 * k centres (k × p, row-major) chosen among the n rows of X; rowNorms are the rows' squared norms.
 * `trials`, when given (the same X in the linear-algebra workspace), computes the candidates'
 * distances in WebAssembly, with the same formulas and summation order as the loop here.
 */
export function kmeansPlusPlus(X: Float64Array, p: number, weights: Float64Array, k: number, rng: Rng, options: { rowNorms?: Float64Array; trials?: SeedingTrials } = {}): Float64Array {
  const { rowNorms, trials } = options;
  const n = weights.length;
  const norms = rowNorms ?? rowSquaredNorms(X, n, p, new Float64Array(n));
  const nTrials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * p);
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const trial = new Float64Array(nTrials * n);
  const candidates = new Int32Array(nTrials);
  const candidateRows = new Float64Array(nTrials * p);
  const dots = new Float64Array(BLOCK * nTrials);

  const first = drawWeighted(weights, rng.next() * sum(weights));
  centers.set(X.subarray(first * p, first * p + p), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = squaredDistance(X, i, X, first, p);
    potential += weights[i] * closest[i];
  }
  const pots = new Float64Array(nTrials);
  const candidateNorms = new Float64Array(nTrials);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += weights[i] * closest[i];
      cumulative[i] = running;
    }
    for (let t = 0; t < nTrials; t++) {
      candidates[t] = searchLeft(cumulative, rng.next() * potential);
      candidateRows.set(X.subarray(candidates[t] * p, candidates[t] * p + p), t * p);
    }
    if (trials) {
      for (let t = 0; t < nTrials; t++) candidateNorms[t] = norms[candidates[t]];
      trials.evaluate(candidateRows, candidateNorms, closest, pots);
      let bestTrial = 0;
      for (let t = 1; t < nTrials; t++) if (pots[t] < pots[bestTrial]) bestTrial = t;
      potential = pots[bestTrial];
      trials.take(bestTrial, closest);
      const chosen = candidates[bestTrial];
      centers.set(X.subarray(chosen * p, chosen * p + p), c * p);
      continue;
    }
    // Squared distances of every row to every candidate, by blocks of dot products (distances.ts),
    // clamped at 0 and capped by the distance to the nearest centre so far.
    pots.fill(0);
    for (let start = 0; start < n; start += BLOCK) {
      const end = Math.min(n, start + BLOCK);
      crossDots(X, p, { start, end }, candidateRows, nTrials, dots);
      for (let t = 0; t < nTrials; t++) {
        const cn = norms[candidates[t]];
        const row = t * n;
        let pot = 0;
        for (let i = start; i < end; i++) {
          let d = norms[i] + cn - 2 * dots[(i - start) * nTrials + t];
          if (d < 0) d = 0;
          if (d > closest[i]) d = closest[i];
          trial[row + i] = d;
          pot += weights[i] * d;
        }
        pots[t] += pot;
      }
    }
    let bestTrial = 0;
    for (let t = 1; t < nTrials; t++) if (pots[t] < pots[bestTrial]) bestTrial = t;
    potential = pots[bestTrial];
    closest.set(trial.subarray(bestTrial * n, bestTrial * n + n));
    const chosen = candidates[bestTrial];
    centers.set(X.subarray(chosen * p, chosen * p + p), c * p);
  }
  return centers;
}

const BLOCK = 256;

/** The first index whose cumulative weight exceeds `value`. */
function drawWeighted(weights: Float64Array, value: number): number {
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i];
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
