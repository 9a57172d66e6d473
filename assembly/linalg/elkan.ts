// Elkan's k-means E-step (Elkan 2003), one row at a time (kmeans.ts runs them by chunks): each row keeps an upper bound on the
// distance to its centre and a lower bound to every centre, and the triangle inequality skips
// most distance computations once centres settle. Rows are independent, so threads may share them.
// Layout: labels i32[n], upper f64[n], lower f64[n·k], half f64[k·k] (half the distance between
// two centres), nextCenter f64[k] (half the distance to a centre's nearest other).

import { crossDots } from "./products";
import { lanes } from "./simd";

/** Relative rounding of one floating-point operation, with a margin. */
const ROUNDING = 4 * f64.EPSILON;
const BLOCK = 256;

/** ‖x_i − c_j‖², features two per SIMD lane pair. */
// @ts-ignore: decorator
@inline export function distance2(x: usize, i: i32, c: usize, j: i32, p: i32): f64 {
  const a = x + ((<usize>i * <usize>p) << 3);
  const b = c + ((<usize>j * <usize>p) << 3);
  const even = <usize>(p & ~1) << 3;
  let acc = f64x2.splat(0);
  for (let f: usize = 0; f < even; f += 16) {
    const d = f64x2.sub(v128.load(a + f), v128.load(b + f));
    acc = f64x2.add(acc, f64x2.mul(d, d));
  }
  let s = lanes(acc);
  if (p & 1) {
    const d = load<f64>(a + even) - load<f64>(b + even);
    s += d * d;
  }
  return s;
}

/**
 * Initial labels and bounds from every row's distance to every centre (blocks of dot products).
 * The expansion's rounding error is subtracted from each lower bound so that no bound overstates a
 * distance; the upper bound to the chosen centre is computed directly. `scratch`: 256·k values.
 */
// @ts-ignore: decorator
@inline export function elkanInitRows(
  x: usize, p: i32, i0: i32, i1: i32, centers: usize, k: i32, rowNorms: usize, centerNorms: usize,
  labels: usize, upper: usize, lower: usize, scratch: usize,
): void {
  for (let start = i0; start < i1; start += BLOCK) {
    const end = min(i1, start + BLOCK);
    crossDots(x, p, start, end, centers, k, scratch);
    for (let i = start; i < end; i++) {
      const lo = lower + ((<usize>i * <usize>k) << 3);
      const dots = scratch + ((<usize>(i - start) * <usize>k) << 3);
      const rn = load<f64>(rowNorms + (<usize>i << 3));
      let best = 0;
      let bestD2 = Infinity;
      for (let j = 0; j < k; j++) {
        const scale = rn + load<f64>(centerNorms + (<usize>j << 3));
        const d2 = scale - 2 * load<f64>(dots + (<usize>j << 3));
        if (d2 < bestD2) {
          bestD2 = d2;
          best = j;
        }
        const safe = d2 - ROUNDING * <f64>(p + 2) * scale;
        store<f64>(lo + (<usize>j << 3), safe > 0 ? Math.sqrt(safe) : 0);
      }
      const up = Math.sqrt(distance2(x, i, centers, best, p));
      store<i32>(labels + (<usize>i << 2), best);
      store<f64>(upper + (<usize>i << 3), up);
      store<f64>(lo + (<usize>best << 3), up);
    }
  }
}

/**
 * The E-step with bounds for row i: its distances are computed only where the bounds cannot rule
 * a centre out. Returns the row's label (also stored).
 */
// @ts-ignore: decorator
@inline export function elkanRow(
  x: usize, p: i32, i: i32, centers: usize, k: i32, half: usize, nextCenter: usize, labels: usize, upper: usize, lower: usize,
): i32 {
  let label = load<i32>(labels + (<usize>i << 2));
  let up = load<f64>(upper + (<usize>i << 3));
  if (load<f64>(nextCenter + (<usize>label << 3)) >= up) return label;
  const lo = lower + ((<usize>i * <usize>k) << 3);
  let tight = false;
  for (let j = 0; j < k; j++) {
    const hj = load<f64>(half + ((<usize>label * <usize>k + <usize>j) << 3));
    if (j == label || !(up > load<f64>(lo + (<usize>j << 3))) || !(up > hj)) continue;
    if (!tight) {
      up = Math.sqrt(distance2(x, i, centers, label, p));
      store<f64>(lo + (<usize>label << 3), up);
      tight = true;
    }
    const hl = load<f64>(half + ((<usize>label * <usize>k + <usize>j) << 3));
    if (up > load<f64>(lo + (<usize>j << 3)) || up > hl) {
      const d = Math.sqrt(distance2(x, i, centers, j, p));
      store<f64>(lo + (<usize>j << 3), d);
      if (d < up) {
        label = j;
        up = d;
      }
    }
  }
  store<i32>(labels + (<usize>i << 2), label);
  store<f64>(upper + (<usize>i << 3), up);
  return label;
}

/** Row i's bounds after the centres moved by `shift`: the upper bound grows, the lower bounds shrink (never below 0). */
// @ts-ignore: decorator
@inline export function elkanShiftRow(i: i32, k: i32, labels: usize, shift: usize, upper: usize, lower: usize): void {
  const u = upper + (<usize>i << 3);
  store<f64>(u, load<f64>(u) + load<f64>(shift + (<usize>load<i32>(labels + (<usize>i << 2)) << 3)));
  const lo = lower + ((<usize>i * <usize>k) << 3);
  for (let j = 0; j < k; j++) {
    const v = load<f64>(lo + (<usize>j << 3)) - load<f64>(shift + (<usize>j << 3));
    store<f64>(lo + (<usize>j << 3), v > 0 ? v : 0);
  }
}
