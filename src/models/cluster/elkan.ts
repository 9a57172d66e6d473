// One k-means run by Elkan's algorithm (Elkan 2003): the same iterations as Lloyd's, but each row
// keeps an upper bound on the distance to its centre and a lower bound to every other centre, and
// the triangle inequality skips most distance computations once centres settle. Same stopping rule
// as lloyd.ts; with the same initial centres both give the same clustering. The bounds and the
// per-row work live in the linear-algebra workspace (linalg/elkan-bounds.ts, WebAssembly); the
// M-step and the centres' half-distances stay here.

import { OrchardError } from "../../core/index.js";
import { inertiaOf, squaredDistance } from "./distances.js";
import { CenterSums } from "./center-update.js";
import { sameLabels, type KMeansRun, type RunOptions } from "./lloyd.js";

export function elkanRun(X: Float64Array, p: number, weights: Float64Array, initial: Float64Array, options: RunOptions): KMeansRun {
  const n = weights.length;
  const k = initial.length / p;
  const bounds = options.elkan;
  if (!bounds) throw new OrchardError("internal", "elkanRun needs the workspace's Elkan bounds (RunOptions.elkan)");
  let centers = Float64Array.from(initial);
  let next = new Float64Array(k * p);
  const labels = new Int32Array(n);
  const half = new Float64Array(k * k);
  const nextCenter = new Float64Array(k);
  const shift = new Float64Array(k);
  const sums = new CenterSums(X, p, weights, k);

  centerGaps(centers, p, half, nextCenter);
  bounds.init(centers, labels);
  // -1: the first iteration never counts as converged, as in Lloyd's runs.
  const previous = new Int32Array(n).fill(-1);
  let strict = false;
  let iter = 0;
  for (; iter < options.maxIter; iter++) {
    bounds.assign(centers, half, nextCenter, labels);
    const moved = sums.update(labels, centers, next, shift);
    bounds.shift(shift);
    centerGaps(next, p, half, nextCenter);
    [centers, next] = [next, centers];
    if (sameLabels(labels, previous)) {
      strict = true;
      break;
    }
    if (moved <= options.tol) break;
    previous.set(labels);
  }
  if (!strict) bounds.assign(centers, half, nextCenter, labels);
  return { centers, labels, inertia: inertiaOf(X, p, weights, centers, labels), nIter: Math.min(iter + 1, options.maxIter) };
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
