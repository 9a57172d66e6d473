// Hot loops of the boosting engine, compiled to WebAssembly with SIMD (AssemblyScript).
// All arrays live in this module's linear memory, laid out by the JavaScript side
// (src/models/gbdt/arena.ts), which passes byte offsets. Nothing here allocates.

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
  grad: usize,
  hess: usize,
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
    const gh = f64x2(<f64>load<f32>(grad + (i << 2)), <f64>load<f32>(hess + (i << 2)));
    const base = binned + i * nf;
    let f: usize = first;
    // Four features per step: independent adds keep the load/store units busy.
    for (; f + 4 <= last; f += 4) {
      const p0 = hist + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 4);
      v128.store(p0, f64x2.add(v128.load(p0), gh));
      const p1 = hist + (<usize>(load<i32>(offsets + ((f + 1) << 2)) + <i32>load<u8>(base + f + 1)) << 4);
      v128.store(p1, f64x2.add(v128.load(p1), gh));
      const p2 = hist + (<usize>(load<i32>(offsets + ((f + 2) << 2)) + <i32>load<u8>(base + f + 2)) << 4);
      v128.store(p2, f64x2.add(v128.load(p2), gh));
      const p3 = hist + (<usize>(load<i32>(offsets + ((f + 3) << 2)) + <i32>load<u8>(base + f + 3)) << 4);
      v128.store(p3, f64x2.add(v128.load(p3), gh));
    }
    for (; f < last; f++) {
      const p = hist + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 4);
      v128.store(p, f64x2.add(v128.load(p), gh));
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

/** dst += src over n f64 values (n even). */
export function add(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 3;
  for (let k: usize = 0; k < bytes; k += 16) v128.store(dst + k, f64x2.add(v128.load(dst + k), v128.load(src + k)));
}

/**
 * One chunk of a stable partition of rows by the bin of one feature: rows[start..end) whose bin is
 * marked in goesLeft (one byte per bin) are copied to `left`, the others to `right`, both in row
 * order; the number that went left is stored at `result`. `column` is the feature's bins, one
 * byte per row (a column-major copy: increasing row indices stream through it). Chunks can run on
 * different threads; since a stable partition is unique, the result never depends on the chunking.
 */
export function partitionChunk(column: usize, goesLeft: usize, rows: usize, start: i32, end: i32, left: usize, right: usize, result: usize): void {
  let nLeft: i32 = 0;
  let nRight: i32 = 0;
  for (let r = start; r < end; r++) {
    const i = load<i32>(rows + (<usize>r << 2));
    if (load<u8>(goesLeft + <usize>load<u8>(column + <usize>i))) {
      store<i32>(left + (<usize>nLeft << 2), i);
      nLeft++;
    } else {
      store<i32>(right + (<usize>nRight << 2), i);
      nRight++;
    }
  }
  store<i32>(result, nLeft);
}

/** Copies n i32 from src to dst (regions may not overlap). */
export function copy32(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 2);
}

/** rows[r] = r for r in [0, n). */
export function iota(rows: usize, n: i32): void {
  for (let r = 0; r < n; r++) store<i32>(rows + (<usize>r << 2), r);
}

/** raw[rows[r]] += value for r in [start, end): a leaf's output added to its rows' scores. */
export function addToRows(rows: usize, start: i32, end: i32, raw: usize, value: f64): void {
  for (let r = start; r < end; r++) {
    const p = raw + (<usize>load<i32>(rows + (<usize>r << 2)) << 3);
    store<f64>(p, load<f64>(p) + value);
  }
}
