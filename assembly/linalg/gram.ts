// The centred, weighted Gram matrix XᵀWX (and XᵀWy, yᵀWy) of a row-major X: the whole cost of
// least squares, ridge, the elastic net's Gram form and PCA's covariance.

/** Rows per block: the block's centred rows (128 × p values) stay in cache while its products are taken. */
const BLOCK = 128;

/**
 * Adds to the rows [j0, j1) (j0 a multiple of 4) of the upper triangle of `out` (pp × pp, pp = p
 * rounded up to 4; blocks of 4 × 4 entries, so a few entries just below the diagonal are filled
 * too) the sums Σᵢ sᵢ²(x_ij − m_j)(x_ik − m_k) over all rows, and Σᵢ sᵢ²(x_ij − m_j)(yᵢ − ȳ) into
 * xty[j]. Rows go by blocks of 128, each centred and scaled by sᵢ = √wᵢ into `scratch` (row-major,
 * pp wide, zero padded: 128·(pp + 1) values); a 4 × 4 block of entries is then held in eight SIMD
 * registers while the block's rows go by, each row giving four broadcast loads and two vector
 * loads for eight multiply-adds. Each entry sums its block's rows in order, then adds the block to
 * `out`: threads take disjoint ranges [j0, j1) of output rows over all the data, so each entry is
 * summed the same way whatever the number of threads. `mean`, `sw` (√weights) and `y` may be 0:
 * no centring, unit weights, no y. When j0 = 0, yᵀWy goes to yty[0]. An empty range does nothing.
 */
export function gram(
  x: usize, n: i32, p: i32, mean: usize, sw: usize, y: usize, yMean: f64,
  j0: i32, j1: i32, out: usize, xty: usize, yty: usize, scratch: usize,
): void {
  if (j0 >= j1) return;
  const pp = (p + 3) & ~3;
  const rowBytes = <usize>pp << 3;
  const r = scratch + <usize>BLOCK * rowBytes;
  for (let j = j0; j < j1; j++) memory.fill(out + <usize>j * rowBytes, 0, rowBytes);
  for (let j = j0; j < min(j1, p); j++) store<f64>(xty + (<usize>j << 3), 0);
  // Padding columns stay zero: they add nothing to the sums.
  memory.fill(scratch, 0, <usize>BLOCK * rowBytes);
  let yy = 0.0;
  for (let start = 0; start < n; start += BLOCK) {
    const m = min(BLOCK, n - start);
    for (let b = 0; b < m; b++) {
      const i = <usize>(start + b);
      const s = sw == 0 ? 1.0 : load<f64>(sw + (i << 3));
      const row = x + ((i * <usize>p) << 3);
      const to = scratch + <usize>b * rowBytes;
      if (mean == 0) {
        for (let j = j0; j < p; j++) store<f64>(to + (<usize>j << 3), s * load<f64>(row + (<usize>j << 3)));
      } else {
        for (let j = j0; j < p; j++) store<f64>(to + (<usize>j << 3), s * (load<f64>(row + (<usize>j << 3)) - load<f64>(mean + (<usize>j << 3))));
      }
      if (y != 0) {
        const v = s * (load<f64>(y + (i << 3)) - yMean);
        store<f64>(r + (<usize>b << 3), v);
        yy += v * v;
      }
    }
    blockProducts(scratch, pp, j0, j1, m, out);
    if (y != 0) {
      for (let j = j0; j < min(j1, p); j++) {
        let acc = 0.0;
        for (let b = 0; b < m; b++) acc += load<f64>(scratch + <usize>b * rowBytes + (<usize>j << 3)) * load<f64>(r + (<usize>b << 3));
        const o = xty + (<usize>j << 3);
        store<f64>(o, load<f64>(o) + acc);
      }
    }
  }
  if (j0 == 0 && y != 0) store<f64>(yty, yy);
}

/** out[j][k] += Σ_b Z[b][j]·Z[b][k] over the block's m rows, for j in [j0, j1) by fours and k in fours from j. */
function blockProducts(Z: usize, pp: i32, j0: i32, j1: i32, m: i32, out: usize): void {
  const rowBytes = <usize>pp << 3;
  const end = <usize>m * rowBytes;
  for (let j = j0; j < j1; j += 4) {
    const zj = Z + (<usize>j << 3);
    for (let k = j; k < pp; k += 4) {
      const zk = Z + (<usize>k << 3);
      let s00 = f64x2.splat(0), s01 = f64x2.splat(0), s10 = f64x2.splat(0), s11 = f64x2.splat(0);
      let s20 = f64x2.splat(0), s21 = f64x2.splat(0), s30 = f64x2.splat(0), s31 = f64x2.splat(0);
      for (let t: usize = 0; t < end; t += rowBytes) {
        const c0 = v128.load(zk + t), c1 = v128.load(zk + t + 16);
        const a0 = v128.load64_splat(zj + t), a1 = v128.load64_splat(zj + t + 8);
        s00 = f64x2.add(s00, f64x2.mul(a0, c0));
        s01 = f64x2.add(s01, f64x2.mul(a0, c1));
        s10 = f64x2.add(s10, f64x2.mul(a1, c0));
        s11 = f64x2.add(s11, f64x2.mul(a1, c1));
        const a2 = v128.load64_splat(zj + t + 16), a3 = v128.load64_splat(zj + t + 24);
        s20 = f64x2.add(s20, f64x2.mul(a2, c0));
        s21 = f64x2.add(s21, f64x2.mul(a2, c1));
        s30 = f64x2.add(s30, f64x2.mul(a3, c0));
        s31 = f64x2.add(s31, f64x2.mul(a3, c1));
      }
      const g = out + ((<usize>j * <usize>pp + <usize>k) << 3);
      v128.store(g, f64x2.add(v128.load(g), s00));
      v128.store(g + 16, f64x2.add(v128.load(g + 16), s01));
      v128.store(g + rowBytes, f64x2.add(v128.load(g + rowBytes), s10));
      v128.store(g + rowBytes + 16, f64x2.add(v128.load(g + rowBytes + 16), s11));
      v128.store(g + 2 * rowBytes, f64x2.add(v128.load(g + 2 * rowBytes), s20));
      v128.store(g + 2 * rowBytes + 16, f64x2.add(v128.load(g + 2 * rowBytes + 16), s21));
      v128.store(g + 3 * rowBytes, f64x2.add(v128.load(g + 3 * rowBytes), s30));
      v128.store(g + 3 * rowBytes + 16, f64x2.add(v128.load(g + 3 * rowBytes + 16), s31));
    }
  }
}
