// One k-means run by Elkan's algorithm (Elkan 2003): the same iterations as Lloyd's, but each row
// keeps an upper bound on the distance to its centre and a lower bound to every other centre, and
// the triangle inequality skips most distance computations once centres settle. Same stopping rule
// as lloyd.ts; with the same initial centres both give the same clustering. The bounds, the
// per-row work and the centres' sums live in the workspace (linalg/kmeans-steps.ts, WebAssembly):
// each pass first moves the bounds by the centres' last shifts, then assigns; the M-step and the
// centres' half-distances stay here.

import type { CenterTotals } from "../linalg/index.js";
import { squaredDistance } from "./distances.js";
import { updateCenters } from "./center-update.js";
import type { KMeansRun, RunOptions } from "./lloyd.js";

export function elkanRun(X: Float64Array, p: number, weights: Float64Array, initial: Float64Array, options: RunOptions): KMeansRun {
  const { steps } = options;
  const k = initial.length / p;
  let centers = Float64Array.from(initial);
  let next = new Float64Array(k * p);
  const gaps = { half: new Float64Array(k * k), nextCenter: new Float64Array(k) };
  const shift = new Float64Array(k);
  const state = { X, p, weights, labels: () => steps.labels() };

  centerGaps(centers, p, gaps.half, gaps.nextCenter);
  steps.elkanInit(centers);
  let shifted = false;
  let strict = false;
  let iter = 0;
  for (; iter < options.maxIter; iter++) {
    const totals = steps.elkan(centers, gaps, shifted ? shift : null, true) as CenterTotals;
    const moved = updateCenters(totals, state, centers, next, shift);
    shifted = true;
    centerGaps(next, p, gaps.half, gaps.nextCenter);
    [centers, next] = [next, centers];
    // The first pass compares with the initial labels: it never counts as converged, as in Lloyd's runs.
    if (iter > 0 && totals.changed === 0) {
      strict = true;
      break;
    }
    if (moved <= options.tol) break;
  }
  if (!strict) steps.elkan(centers, gaps, shift, false);
  return { centers, labels: steps.labels(), inertia: steps.inertia(centers), nIter: Math.min(iter + 1, options.maxIter) };
}

/** Half the distance between every two centres, and each centre's half-distance to its nearest other. */
function centerGaps(centers: Float64Array, p: number, half: Float64Array, nextCenter: Float64Array): void {
  const k = nextCenter.length;
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) half[a * k + b] = half[b * k + a] = Math.sqrt(squaredDistance(centers, a, centers, b, p)) / 2;
  }
  for (let a = 0; a < k; a++) {
    let m = Infinity;
    for (let b = 0; b < k; b++) if (b !== a && half[a * k + b] < m) m = half[a * k + b];
    nextCenter[a] = k > 1 ? m : Infinity;
  }
}
