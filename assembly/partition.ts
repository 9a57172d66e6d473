// Row partitions and the row-index helpers around them.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * One chunk of a stable partition of rows by the bin of one feature: of rows[start..end), those
 * whose bin is marked in goesLeft (one byte per bin) move to the front of the chunk, in place (a
 * left row is never written past the row being read), and the others are copied to `right`, both
 * in row order; the number that went left is stored at `result`. Chunks can run on different
 * threads; a stable partition is unique, so the result never depends on the chunking.
 */
export function partitionChunk(column: usize, goesLeft: usize, rows: usize, start: i32, end: i32, right: usize, result: usize): void {
  // `column` is the feature's bins, one byte a row.
  // Branch-free: each row is written to both places and only the matching count moves on. Which
  // side a row goes is close to a coin flip, and a mispredicted branch per row cost more than
  // the extra store (measured: partitions took a fifth of a 1M-row fit with the branch).
  let nLeft: i32 = 0;
  let nRight: i32 = 0;
  for (let r = start; r < end; r++) {
    const i = load<i32>(rows + (<usize>r << 2));
    const left = <i32>load<u8>(goesLeft + <usize>load<u8>(column + <usize>i));
    store<i32>(rows + (<usize>(start + nLeft) << 2), i);
    store<i32>(right + (<usize>nRight << 2), i);
    nLeft += left;
    nRight += 1 - left;
  }
  store<i32>(result, nLeft);
}

/** Copies n i32 from src to dst; overlapping regions are fine (memmove). */
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

/**
 * The rows of 0..n-1 missing from sample[0..k) (increasing) written to `out`, in order; returns
 * how many. Branch-free: every row is written and only rows outside the sample move on.
 */
export function complementRows(sample: usize, k: i32, n: i32, out: usize): i32 {
  let m: i32 = 0;
  let s: i32 = 0;
  const last = k > 0 ? load<i32>(sample + (<usize>(k - 1) << 2)) : -1;
  // Up to the last sampled row, sample[s] is always in range.
  for (let i: i32 = 0; i <= last; i++) {
    const taken = <i32>(load<i32>(sample + (<usize>s << 2)) == i);
    store<i32>(out + (<usize>m << 2), i);
    m += 1 - taken;
    s += taken;
  }
  for (let i = last + 1; i < n; i++) {
    store<i32>(out + (<usize>m << 2), i);
    m++;
  }
  return m;
}

/**
 * Stable partitions of several nodes, each whole and by one caller: jobs are 8-i32 records
 * (column, goesLeft, start, end, nLeft, …) at `jobs`; this caller does jobs first, first + step,
 * …, moving each node's left rows to its front and its right rows after them (through
 * scratch[start..end)), and writes how many went left into the record. A stable partition is
 * unique, so the rows end up the same whichever thread does a node.
 */
export function partitionNodes(jobs: usize, nJobs: i32, first: i32, step: i32, rows: usize, scratch: usize): void {
  for (let j = first; j < nJobs; j += step) {
    const at = jobs + (<usize>j << 5);
    const start = load<i32>(at + 8);
    const end = load<i32>(at + 12);
    const right = scratch + (<usize>start << 2);
    partitionChunk(<usize>load<i32>(at), <usize>load<i32>(at + 4), rows, start, end, right, at + 16);
    const nLeft = load<i32>(at + 16);
    memory.copy(rows + (<usize>(start + nLeft) << 2), right, <usize>(end - start - nLeft) << 2);
  }
}
