// The nearest centre of each row, the E-step of k-means: ‖x − c‖² = ‖x‖² + ‖c‖² − 2x·c, and the
// nearest centre minimises ‖c‖² − 2x·c, so the work is blocks of dot products (products.ts).

import { crossDots } from "./products";

/** Rows per block: the block's dot products (256 × k) stay in cache. */
const BLOCK = 256;

/**
 * For rows [i0, i1) of x (p columns): the nearest of the k centres into labels (i32, ties to the
 * lower index) and, when dist2 is not 0, the squared distance to it from the expansion with the
 * rows' squared norms `rowNorms`, clamped at 0. `scratch` holds 256 × k values.
 */
export function nearest(
  x: usize, p: i32, i0: i32, i1: i32, centers: usize, centerNorms: usize, k: i32,
  labels: usize, dist2: usize, rowNorms: usize, scratch: usize,
): void {
  for (let start = i0; start < i1; start += BLOCK) {
    const end = min(i1, start + BLOCK);
    crossDots(x, p, start, end, centers, k, scratch);
    for (let i = start; i < end; i++) {
      const o = scratch + ((<usize>(i - start) * <usize>k) << 3);
      let best = 0;
      let bestScore = load<f64>(centerNorms) - 2 * load<f64>(o);
      for (let j = 1; j < k; j++) {
        const s = load<f64>(centerNorms + (<usize>j << 3)) - 2 * load<f64>(o + (<usize>j << 3));
        if (s < bestScore) {
          bestScore = s;
          best = j;
        }
      }
      store<i32>(labels + (<usize>i << 2), best);
      if (dist2 != 0) {
        const d = load<f64>(rowNorms + (<usize>i << 3)) + bestScore;
        store<f64>(dist2 + (<usize>i << 3), d > 0 ? d : 0);
      }
    }
  }
}
