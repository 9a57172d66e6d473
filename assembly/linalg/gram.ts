// The centred, weighted Gram matrix XᵀWX (and XᵀWy, yᵀWy) of a row-major X: the whole cost of
// least squares, ridge, the elastic net's Gram form and PCA's covariance.

import { lanes } from "./simd";

/** Rows per block: the block's transposed columns (pp × BLOCK values) stay in cache. */
const BLOCK = 128;
/**
 * Values between the starts of two transposed columns: not a power of two, so that the columns
 * a row is scattered into fall in different cache sets (1 KiB apart, 50 columns would share 4).
 */
const STRIDE = BLOCK + 8;

/**
 * Adds to the rows [j0, j1) (j0 even) of the upper triangle of `out` (pp × pp, pp = p rounded up
 * to 4; blocks of 2 × 4 entries, so a few entries just below the diagonal are filled too) the sums
 * Σᵢ sᵢ²(x_ij − m_j)(x_ik − m_k) over all rows, and Σᵢ sᵢ²(x_ij − m_j)(yᵢ − ȳ) into xty[j].
 * Rows go by blocks of 128, each centred, scaled by sᵢ = √wᵢ and transposed into `scratch`
 * (pp × 136 + 136 values), so that every column of the block is contiguous and the products of
 * 2 columns by 4 run two rows per SIMD lane pair, in registers. Threads take disjoint ranges
 * [j0, j1) of output rows over all the data, so each entry is summed the same way whatever the
 * number of threads. `mean`, `sw` (√weights) and `y` may be 0: no centring, unit weights, no y.
 * When j0 = 0, yᵀWy goes to yty[0]. An empty range [j0, j1) does nothing.
 */
export function gram(
  x: usize, n: i32, p: i32, mean: usize, sw: usize, y: usize, yMean: f64,
  j0: i32, j1: i32, out: usize, xty: usize, yty: usize, scratch: usize,
): void {
  if (j0 >= j1) return;
  const pp = (p + 3) & ~3;
  const colBytes = <usize>STRIDE << 3;
  const r = scratch + <usize>pp * colBytes;
  const first = j0 & ~3; // the first column this thread's blocks read
  for (let j = j0; j < j1; j++) memory.fill(out + ((<usize>j * <usize>pp) << 3), 0, <usize>pp << 3);
  for (let j = j0; j < min(j1, p); j++) store<f64>(xty + (<usize>j << 3), 0);
  // Padding columns and rows stay zero: they add nothing to the sums.
  memory.fill(scratch, 0, (<usize>pp * colBytes) + colBytes);
  let yy = 0.0;
  for (let start = 0; start < n; start += BLOCK) {
    const m = min(BLOCK, n - start);
    for (let b = 0; b < m; b++) {
      const i = <usize>(start + b);
      const s = sw == 0 ? 1.0 : load<f64>(sw + (i << 3));
      const row = x + ((i * <usize>p) << 3);
      const to = scratch + (<usize>b << 3);
      if (mean == 0) {
        for (let j = first; j < p; j++) store<f64>(to + <usize>j * colBytes, s * load<f64>(row + (<usize>j << 3)));
      } else {
        for (let j = first; j < p; j++) store<f64>(to + <usize>j * colBytes, s * (load<f64>(row + (<usize>j << 3)) - load<f64>(mean + (<usize>j << 3))));
      }
      if (y != 0) {
        const v = s * (load<f64>(y + (i << 3)) - yMean);
        store<f64>(r + (<usize>b << 3), v);
        yy += v * v;
      }
    }
    if (m < BLOCK) {
      // A short last block: its stale rows are zeroed so the full-width sums below stay exact.
      for (let j = first; j < p; j++) memory.fill(scratch + <usize>j * colBytes + (<usize>m << 3), 0, <usize>(BLOCK - m) << 3);
      memory.fill(r + (<usize>m << 3), 0, <usize>(BLOCK - m) << 3);
    }
    const len = <usize>((m + 1) & ~1) << 3;
    blockProducts(scratch, pp, j0, j1, out, len);
    if (y != 0) {
      for (let j = j0; j < min(j1, p); j++) {
        const c = scratch + <usize>j * colBytes;
        let acc = f64x2.splat(0);
        for (let t: usize = 0; t < len; t += 16) acc = f64x2.add(acc, f64x2.mul(v128.load(c + t), v128.load(r + t)));
        const o = xty + (<usize>j << 3);
        store<f64>(o, load<f64>(o) + lanes(acc));
      }
    }
  }
  if (j0 == 0 && y != 0) store<f64>(yty, yy);
}

/** out[j][k] += Σ_b T[j][b]·T[k][b] for j in [j0, j1) by pairs, k in fours from j rounded down to 4. */
function blockProducts(T: usize, pp: i32, j0: i32, j1: i32, out: usize, len: usize): void {
  const colBytes = <usize>STRIDE << 3;
  for (let j = j0; j < j1; j += 2) {
    const t0 = T + <usize>j * colBytes, t1 = t0 + colBytes;
    for (let k = j & ~3; k < pp; k += 4) {
      const u0 = T + <usize>k * colBytes, u1 = u0 + colBytes, u2 = u1 + colBytes, u3 = u2 + colBytes;
      let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s02 = f64x2.splat(0), s03 = f64x2.splat(0);
      let s10 = f64x2.splat(0), s11 = f64x2.splat(0), s12 = f64x2.splat(0), s13 = f64x2.splat(0);
      for (let t: usize = 0; t < len; t += 16) {
        const a0 = v128.load(t0 + t), a1 = v128.load(t1 + t);
        const b0 = v128.load(u0 + t), b1 = v128.load(u1 + t), b2 = v128.load(u2 + t), b3 = v128.load(u3 + t);
        s00 = f64x2.add(s00, f64x2.mul(a0, b0));
        s01 = f64x2.add(s01, f64x2.mul(a0, b1));
        s02 = f64x2.add(s02, f64x2.mul(a0, b2));
        s03 = f64x2.add(s03, f64x2.mul(a0, b3));
        s10 = f64x2.add(s10, f64x2.mul(a1, b0));
        s11 = f64x2.add(s11, f64x2.mul(a1, b1));
        s12 = f64x2.add(s12, f64x2.mul(a1, b2));
        s13 = f64x2.add(s13, f64x2.mul(a1, b3));
      }
      const g0 = out + ((<usize>j * <usize>pp + <usize>k) << 3);
      const g1 = g0 + (<usize>pp << 3);
      store<f64>(g0, load<f64>(g0) + lanes(s00));
      store<f64>(g0 + 8, load<f64>(g0 + 8) + lanes(s01));
      store<f64>(g0 + 16, load<f64>(g0 + 16) + lanes(s02));
      store<f64>(g0 + 24, load<f64>(g0 + 24) + lanes(s03));
      store<f64>(g1, load<f64>(g1) + lanes(s10));
      store<f64>(g1 + 8, load<f64>(g1 + 8) + lanes(s11));
      store<f64>(g1 + 16, load<f64>(g1 + 16) + lanes(s12));
      store<f64>(g1 + 24, load<f64>(g1 + 24) + lanes(s13));
    }
  }
}
