// One k-means run by Elkan's algorithm (Elkan 2003): the same iterations as Lloyd's, but each row
// keeps an upper bound on the distance to its centre and a lower bound to every other centre, and
// the triangle inequality skips most distance computations once centres settle. Same stopping rule
// as lloyd.ts; with the same initial centres both give the same clustering.

import { crossDots, dotScratch, inertiaOf, rowSquaredNorms, squaredDistance, squaredNormsOfRows } from "./distances.js";
import { CenterSums } from "./center-update.js";
import { sameLabels, type KMeansRun, type RunOptions } from "./lloyd.js";

export function elkanRun(X: Float64Array, p: number, weights: Float64Array, initial: Float64Array, options: RunOptions): KMeansRun {
  const n = weights.length;
  const k = initial.length / p;
  let centers = Float64Array.from(initial);
  let next = new Float64Array(k * p);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const half = new Float64Array(k * k);
  const nextCenter = new Float64Array(k);
  const shift = new Float64Array(k);
  const sums = new CenterSums(X, p, weights, k);

  centerGaps(centers, p, half, nextCenter);
  initBounds(X, p, centers, k, { labels, upper, lower });
  // -1: the first iteration never counts as converged, as in Lloyd's runs.
  const previous = new Int32Array(n).fill(-1);
  let strict = false;
  let iter = 0;
  for (; iter < options.maxIter; iter++) {
    elkanAssign(X, p, centers, half, nextCenter, { labels, upper, lower });
    const moved = sums.update(labels, centers, next, shift);
    shiftBounds(labels, shift, upper, lower);
    centerGaps(next, p, half, nextCenter);
    [centers, next] = [next, centers];
    if (sameLabels(labels, previous)) {
      strict = true;
      break;
    }
    if (moved <= options.tol) break;
    previous.set(labels);
  }
  if (!strict) elkanAssign(X, p, centers, half, nextCenter, { labels, upper, lower });
  return { centers, labels, inertia: inertiaOf(X, p, weights, centers, labels), nIter: Math.min(iter + 1, options.maxIter) };
}

interface Bounds {
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
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

/**
 * Every row's distance to every centre, by blocks of dot products (distances.ts). The expansion's
 * rounding error is subtracted from each lower bound so that no bound overstates a distance (a bound
 * that did could skip the true nearest centre); the upper bound to the chosen centre is computed
 * exactly. A near-tie misjudged here is settled by the first E-step, which rechecks every centre
 * whose lower bound is below the upper bound.
 */
function initBounds(X: Float64Array, p: number, centers: Float64Array, k: number, bounds: Bounds): void {
  const { labels, upper, lower } = bounds;
  const n = labels.length;
  const rowNorms = squaredNormsOfRows(X, p, n);
  const centerNorms = rowSquaredNorms(centers, k, p);
  const dots = dotScratch(k);
  const block = dots.length / k;
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    crossDots(X, p, { start, end }, centers, k, dots);
    for (let i = start; i < end; i++) {
      let best = 0;
      let bestD2 = Infinity;
      for (let j = 0; j < k; j++) {
        const scale = rowNorms[i] + centerNorms[j];
        const d2 = scale - 2 * dots[(i - start) * k + j];
        if (d2 < bestD2) {
          bestD2 = d2;
          best = j;
        }
        const safe = d2 - ROUNDING * (p + 2) * scale;
        lower[i * k + j] = safe > 0 ? Math.sqrt(safe) : 0;
      }
      labels[i] = best;
      upper[i] = Math.sqrt(squaredDistance(X, i, centers, best, p));
      lower[i * k + best] = upper[i];
    }
  }
}

/** Relative rounding of one floating-point operation, with a margin. */
const ROUNDING = 4 * Number.EPSILON;

/** The E-step with bounds: a row's distances are computed only where the bounds cannot rule a centre out. */
function elkanAssign(X: Float64Array, p: number, centers: Float64Array, half: Float64Array, nextCenter: Float64Array, bounds: Bounds): void {
  const { labels, upper, lower } = bounds;
  const k = nextCenter.length;
  for (let i = 0; i < labels.length; i++) {
    let label = labels[i];
    let up = upper[i];
    if (nextCenter[label] >= up) continue;
    let tight = false;
    const lo = i * k;
    for (let j = 0; j < k; j++) {
      if (j === label || !(up > lower[lo + j]) || !(up > half[label * k + j])) continue;
      if (!tight) {
        up = Math.sqrt(squaredDistance(X, i, centers, label, p));
        lower[lo + label] = up;
        tight = true;
      }
      if (up > lower[lo + j] || up > half[label * k + j]) {
        const d = Math.sqrt(squaredDistance(X, i, centers, j, p));
        lower[lo + j] = d;
        if (d < up) {
          label = j;
          up = d;
        }
      }
    }
    labels[i] = label;
    upper[i] = up;
  }
}

/** After the centres move by `shift`: upper bounds grow, lower bounds shrink (never below 0). */
function shiftBounds(labels: Int32Array, shift: Float64Array, upper: Float64Array, lower: Float64Array): void {
  const k = shift.length;
  for (let i = 0; i < labels.length; i++) {
    upper[i] += shift[labels[i]];
    const lo = i * k;
    for (let j = 0; j < k; j++) {
      const v = lower[lo + j] - shift[j];
      lower[lo + j] = v > 0 ? v : 0;
    }
  }
}
