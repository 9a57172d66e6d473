// One k-means run by Lloyd's iterations from given centres, on data already centred on its mean.
// Each iteration is one pass over the data in the workspace (assignment and the centres' sums
// together, linalg/kmeans-steps.ts), then the new centres here. Stopping follows scikit-learn:
// labels unchanged from the previous iteration ("strict" convergence), or the summed squared
// centre shift at most tol; after a tol stop the labels are recomputed once so that they match
// the returned centres.

import type { CenterTotals, KMeansSteps } from "../linalg/index.js";
import { updateCenters } from "./center-update.js";

export interface KMeansRun {
  readonly centers: Float64Array;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly nIter: number;
}

export interface RunOptions {
  readonly maxIter: number;
  /** Absolute tolerance on the summed squared shift of the centres. */
  readonly tol: number;
  /** The passes over the same X in the linear-algebra workspace (WebAssembly SIMD, threads). */
  readonly steps: KMeansSteps;
}

export function lloydRun(X: Float64Array, p: number, weights: Float64Array, initial: Float64Array, options: RunOptions): KMeansRun {
  const { steps } = options;
  const k = initial.length / p;
  let centers = Float64Array.from(initial);
  let next = new Float64Array(k * p);
  const shift = new Float64Array(k);
  const state = { X, p, weights, labels: () => steps.labels() };
  steps.resetLabels();
  let strict = false;
  let iter = 0;
  for (; iter < options.maxIter; iter++) {
    const totals = steps.lloyd(centers, true) as CenterTotals;
    const moved = updateCenters(totals, state, centers, next, shift);
    [centers, next] = [next, centers];
    // The first pass changes every label (they start at −1), so it never counts as converged.
    if (totals.changed === 0) {
      strict = true;
      break;
    }
    if (moved <= options.tol) break;
  }
  if (!strict) steps.lloyd(centers, false);
  return { centers, labels: steps.labels(), inertia: steps.inertia(centers), nIter: Math.min(iter + 1, options.maxIter) };
}
