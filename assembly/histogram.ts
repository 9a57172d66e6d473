// Gradient histograms: (grad, hess) f64 pairs per bin, summed over a node's rows from the rows'
// (grad, hess) f32 pairs.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.
//
// Bins are stored column by column (feature f's bin of row i at binned + f·n + i): a node deep in
// a tree holds rows scattered over the whole data set, and a one-byte column of a million rows
// stays in cache where whole rows would each cost a trip to memory. A node's rows are taken a
// block at a time: their (grad, hess) pairs are gathered once into a small buffer, then each
// feature's column adds the block into that feature's bins, which stay in the L1 cache.

/**
 * Rows gathered per block: their widened pairs (16 bytes each) and four features' bins fit in L1.
 * A caller's buffer holds BLOCK × 16 bytes (HISTOGRAM_BUFFER_BYTES in src/models/gbdt/histogram.ts).
 */
const BLOCK: i32 = 1024;

/**
 * Builds the histogram of features [f0, f1) over rows[start..end) — bins [bin0, bin1), zeroed
 * here — and, when `counts` is not 0, the row count of each of those bins. Each bin is summed by
 * one caller in row order, so splitting features between threads does not change the result.
 * `buffer` holds BLOCK × 16 bytes of this caller's own.
 */
export function histogram(
  binned: usize,
  n: i32,
  offsets: usize,
  rows: usize,
  start: i32,
  end: i32,
  gh: usize,
  hist: usize,
  counts: usize,
  f0: i32,
  f1: i32,
  bin0: i32,
  bin1: i32,
  buffer: usize,
): void {
  memory.fill(hist + (<usize>bin0 << 4), 0, <usize>(bin1 - bin0) << 4);
  if (counts != 0) memory.fill(counts + (<usize>bin0 << 2), 0, <usize>(bin1 - bin0) << 2);
  const stride = <usize>n;
  for (let s = start; s < end; s += BLOCK) {
    const e = min(s + BLOCK, end);
    const at = rows + (<usize>s << 2);
    const m = <usize>(e - s);
    // The block's (grad, hess) pairs, widened to f64 once, in row order.
    for (let k: usize = 0; k < m; k++) {
      const i = <usize>load<i32>(at + (k << 2));
      v128.store(buffer + (k << 4), f64x2.promote_low_f32x4(v128.load64_zero(gh + (i << 3))));
    }
    let f = f0;
    // Four features a pass: one index load serves four independent bin updates.
    for (; f + 4 <= f1; f += 4) {
      const c0 = binned + <usize>f * stride;
      const c1 = c0 + stride;
      const c2 = c1 + stride;
      const c3 = c2 + stride;
      const h0 = hist + (<usize>load<i32>(offsets + (<usize>f << 2)) << 4);
      const h1 = hist + (<usize>load<i32>(offsets + (<usize>(f + 1) << 2)) << 4);
      const h2 = hist + (<usize>load<i32>(offsets + (<usize>(f + 2) << 2)) << 4);
      const h3 = hist + (<usize>load<i32>(offsets + (<usize>(f + 3) << 2)) << 4);
      for (let k: usize = 0; k < m; k++) {
        const i = <usize>load<i32>(at + (k << 2));
        const pair = v128.load(buffer + (k << 4));
        const p0 = h0 + (<usize>load<u8>(c0 + i) << 4);
        v128.store(p0, f64x2.add(v128.load(p0), pair));
        const p1 = h1 + (<usize>load<u8>(c1 + i) << 4);
        v128.store(p1, f64x2.add(v128.load(p1), pair));
        const p2 = h2 + (<usize>load<u8>(c2 + i) << 4);
        v128.store(p2, f64x2.add(v128.load(p2), pair));
        const p3 = h3 + (<usize>load<u8>(c3 + i) << 4);
        v128.store(p3, f64x2.add(v128.load(p3), pair));
      }
    }
    for (; f < f1; f++) {
      const c = binned + <usize>f * stride;
      const h = hist + (<usize>load<i32>(offsets + (<usize>f << 2)) << 4);
      for (let k: usize = 0; k < m; k++) {
        const i = <usize>load<i32>(at + (k << 2));
        const p = h + (<usize>load<u8>(c + i) << 4);
        v128.store(p, f64x2.add(v128.load(p), v128.load(buffer + (k << 4))));
      }
    }
    if (counts != 0) {
      for (let g = f0; g < f1; g++) {
        const c = binned + <usize>g * stride;
        const h = counts + (<usize>load<i32>(offsets + (<usize>g << 2)) << 2);
        for (let k: usize = 0; k < m; k++) {
          const p = h + (<usize>load<u8>(c + <usize>load<i32>(at + (k << 2))) << 2);
          store<u32>(p, load<u32>(p) + 1);
        }
      }
    }
  }
}

/** dst -= src over n f64 values (n even): the larger child's histogram from its parent's. */
export function subtract(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 3;
  for (let k: usize = 0; k < bytes; k += 16) v128.store(dst + k, f64x2.sub(v128.load(dst + k), v128.load(src + k)));
}

/** dst -= src over n u32 row counts: the larger child's counts from its parent's. */
export function subtractCounts(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let k: usize = 0;
  for (; k + 16 <= bytes; k += 16) v128.store(dst + k, i32x4.sub(v128.load(dst + k), v128.load(src + k)));
  for (; k < bytes; k += 4) store<u32>(dst + k, load<u32>(dst + k) - load<u32>(src + k));
}

/**
 * histogram() over all features for several nodes: jobs are i32 quadruples (start, end, hist,
 * counts) at `jobs`. This caller builds jobs first, first + step, …, each whole and alone, so a
 * node's sums are the same whichever thread builds it.
 */
export function histogramJobs(
  binned: usize,
  n: i32,
  offsets: usize,
  rows: usize,
  gh: usize,
  jobs: usize,
  nJobs: i32,
  first: i32,
  step: i32,
  nFeatures: i32,
  totalBins: i32,
  buffer: usize,
): void {
  for (let j = first; j < nJobs; j += step) {
    const at = jobs + (<usize>j << 4);
    const hist = <usize>load<i32>(at + 8);
    const counts = <usize>load<i32>(at + 12);
    histogram(binned, n, offsets, rows, load<i32>(at), load<i32>(at + 4), gh, hist, counts, 0, nFeatures, 0, totalBins, buffer);
  }
}
