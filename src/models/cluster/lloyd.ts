// One k-means run by Lloyd's iterations from given centres, on data already centred on its mean.
// Stopping follows scikit-learn: labels unchanged from the previous iteration ("strict"
// convergence), or the summed squared centre shift at most tol; after a tol stop the labels are
// recomputed once so that they match the returned centres.

import type { ElkanBounds, NearestCentres } from "../linalg/index.js";
import { inertiaOf } from "./distances.js";
import { CenterSums } from "./center-update.js";

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
  /** The E-step over the same X in the linear-algebra workspace (WebAssembly SIMD, threads). */
  readonly nearest: NearestCentres;
  /** Elkan's bounds over the same X, for elkanRun. */
  readonly elkan?: ElkanBounds;
}

export function lloydRun(X: Float64Array, p: number, weights: Float64Array, initial: Float64Array, options: RunOptions): KMeansRun {
  const n = weights.length;
  const k = initial.length / p;
  let centers = Float64Array.from(initial);
  let next = new Float64Array(k * p);
  const labels = new Int32Array(n).fill(-1);
  const previous = new Int32Array(n).fill(-1);
  const shift = new Float64Array(k);
  const sums = new CenterSums(X, p, weights, k);
  let strict = false;
  let iter = 0;
  for (; iter < options.maxIter; iter++) {
    options.nearest.assign(centers, labels);
    const moved = sums.update(labels, centers, next, shift);
    [centers, next] = [next, centers];
    if (sameLabels(labels, previous)) {
      strict = true;
      break;
    }
    if (moved <= options.tol) break;
    previous.set(labels);
  }
  if (!strict) options.nearest.assign(centers, labels);
  return { centers, labels, inertia: inertiaOf(X, p, weights, centers, labels), nIter: Math.min(iter + 1, options.maxIter) };
}

export function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
