// Gradient histograms: (grad, hess) f64 pairs per bin, summed over a node's rows from the rows'
// (grad, hess) f32 pairs.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * Builds the histogram of features [f0, f1) over rows[start..end): zeroes those features' bins
 * [bin0, bin1), then adds each row's (grad, hess) into its bin, one SIMD add per feature. Threads
 * take disjoint feature ranges, so each bin is summed by one thread in row order: the result does
 * not depend on how many threads share the work.
 */
export function histogram(
  binned: usize,
  nFeatures: i32,
  offsets: usize,
  rows: usize,
  start: i32,
  end: i32,
  gh: usize,
  hist: usize,
  f0: i32,
  f1: i32,
  bin0: i32,
  bin1: i32,
): void {
  memory.fill(hist + (<usize>bin0 << 4), 0, <usize>(bin1 - bin0) << 4);
  const nf = <usize>nFeatures;
  const first = <usize>f0;
  const last = <usize>f1;
  for (let r = start; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    // (grad, hess) f32 side by side: one load, widened to f64 for the sums.
    const pair = f64x2.promote_low_f32x4(v128.load64_zero(gh + (i << 3)));
    const base = binned + i * nf;
    let f: usize = first;
    // Four features per step: independent adds keep the load/store units busy.
    for (; f + 4 <= last; f += 4) {
      const p0 = hist + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 4);
      v128.store(p0, f64x2.add(v128.load(p0), pair));
      const p1 = hist + (<usize>(load<i32>(offsets + ((f + 1) << 2)) + <i32>load<u8>(base + f + 1)) << 4);
      v128.store(p1, f64x2.add(v128.load(p1), pair));
      const p2 = hist + (<usize>(load<i32>(offsets + ((f + 2) << 2)) + <i32>load<u8>(base + f + 2)) << 4);
      v128.store(p2, f64x2.add(v128.load(p2), pair));
      const p3 = hist + (<usize>(load<i32>(offsets + ((f + 3) << 2)) + <i32>load<u8>(base + f + 3)) << 4);
      v128.store(p3, f64x2.add(v128.load(p3), pair));
    }
    for (; f < last; f++) {
      const p = hist + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 4);
      v128.store(p, f64x2.add(v128.load(p), pair));
    }
  }
}

/**
 * histogram() over all features and the row counts per bin (u32, zeroed here too) in the same
 * pass: for minSamplesLeaf above 1 on one thread, where a second pass over the rows for counts()
 * cost more than the sums.
 */
export function histogramCounts(binned: usize, nFeatures: i32, offsets: usize, rows: usize, start: i32, end: i32, gh: usize, hist: usize, counts: usize, totalBins: i32): void {
  memory.fill(hist, 0, <usize>totalBins << 4);
  memory.fill(counts, 0, <usize>totalBins << 2);
  const nf = <usize>nFeatures;
  for (let r = start; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    const pair = f64x2.promote_low_f32x4(v128.load64_zero(gh + (i << 3)));
    const base = binned + i * nf;
    for (let f: usize = 0; f < nf; f++) {
      const bin = <usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f));
      const p = hist + (bin << 4);
      v128.store(p, f64x2.add(v128.load(p), pair));
      const c = counts + (bin << 2);
      store<u32>(c, load<u32>(c) + 1);
    }
  }
}

/** Row counts per bin (u32), for minSamplesLeaf: only built when that limit is above 1. */
export function counts(binned: usize, nFeatures: i32, offsets: usize, rows: usize, start: i32, end: i32, out: usize): void {
  const nf = <usize>nFeatures;
  for (let r = start; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    const base = binned + i * nf;
    for (let f: usize = 0; f < nf; f++) {
      const p = out + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 2);
      store<u32>(p, load<u32>(p) + 1);
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

/** dst += src over n f64 values (n even). */
export function add(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 3;
  for (let k: usize = 0; k < bytes; k += 16) v128.store(dst + k, f64x2.add(v128.load(dst + k), v128.load(src + k)));
}

/**
 * Histograms of row chunks: chunk c of nChunks covers rows [start + ⌊c·n/nChunks⌋, start +
 * ⌊(c+1)·n/nChunks⌋) and goes to out(c) = first ? … : partials + (c − 1) × 16 × totalBins (chunk
 * 0 goes to `hist` itself). This thread does chunks first, first + step, … Chunking depends only
 * on the row count, and chunks are later summed in order, so the result does not depend on how
 * many threads share them.
 */
export function histogramChunks(
  binned: usize,
  nFeatures: i32,
  offsets: usize,
  rows: usize,
  start: i32,
  end: i32,
  gh: usize,
  hist: usize,
  partials: usize,
  totalBins: i32,
  nChunks: i32,
  first: i32,
  step: i32,
): void {
  const n = <i64>(end - start);
  for (let c = first; c < nChunks; c += step) {
    const s = start + <i32>((<i64>c * n) / <i64>nChunks);
    const e = start + <i32>((<i64>(c + 1) * n) / <i64>nChunks);
    const out = c == 0 ? hist : partials + <usize>(c - 1) * (<usize>totalBins << 4);
    histogram(binned, nFeatures, offsets, rows, s, e, gh, out, 0, nFeatures, 0, totalBins);
  }
}
