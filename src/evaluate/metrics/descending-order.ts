// Rows by decreasing score, which every ranking metric (ROC and precision-recall curves, AUC,
// average precision) walks once. A least-significant-digit radix sort over the bits of each
// double: O(n) per pass, six passes of 11 bits at most, and a pass whose digit is the same for every
// row is skipped (probabilities share most of their exponent bits). The scores come back sorted
// alongside the order, and a one-bit tag per row (the class) can ride in the order's top bit, so
// the walk that follows reads memory in sequence instead of jumping to each row: on a million rows
// those random reads cost more than the sort.

/** Below this many rows a comparison sort beats the radix sort's fixed cost of its count tables. */
const RADIX_MIN_ROWS = 512;
const DIGIT_BITS = 11;
const DIGIT_COUNT = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGIT_COUNT - 1;
/** Passes over the low word then the high word: bits 0–10, 11–21, 22–31 of each. */
const SHIFTS = [0, 11, 22] as const;
/** The tag's bit in `order`; indices use the 31 below it. */
export const TAG_BIT = 0x80000000;
const INDEX_MASK = 0x7fffffff;

export interface DescendingOrder {
  /** Row index of the r-th highest score (ties in input order), with the row's tag in TAG_BIT. */
  readonly order: Uint32Array;
  /** The scores, decreasing; −0 comes back as +0. */
  readonly sorted: Float64Array;
}

/** Scores must be free of NaN (callers check); −0 and +0 are equal. `tag[i]` is 0 or 1. */
export function descendingOrder(scores: Float64Array, tag: Uint8Array | null = null): DescendingOrder {
  const n = scores.length;
  if (n > INDEX_MASK) throw new RangeError(`descendingOrder sorts at most ${INDEX_MASK} rows: received ${n}`);
  if (n < RADIX_MIN_ROWS) return comparisonOrder(scores, tag);
  // Keys whose unsigned order is the reverse of the scores' numeric order.
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1];
    const l = bits[2 * i];
    if (h === 0x80000000 && l === 0) h = 0; // −0 sorts with +0
    const negative = (h & 0x80000000) !== 0;
    hi[i] = negative ? h : (h ^ 0x7fffffff) >>> 0;
    lo[i] = negative ? l : ~l >>> 0;
    order[i] = tag !== null && tag[i] === 1 ? (i | TAG_BIT) >>> 0 : i;
  }
  const counts = digitCounts(hi, lo);
  let hiNext = new Uint32Array(n);
  let loNext = new Uint32Array(n);
  let orderNext = new Uint32Array(n);
  const start = new Uint32Array(DIGIT_COUNT);
  for (let pass = 0; pass < 6; pass++) {
    const count = counts.subarray(pass * DIGIT_COUNT, (pass + 1) * DIGIT_COUNT);
    if (count.includes(n)) continue; // every row shares this digit: the pass would not move anything
    start[0] = 0;
    for (let d = 1; d < DIGIT_COUNT; d++) start[d] = start[d - 1] + count[d - 1];
    const source = pass < 3 ? lo : hi;
    const shift = SHIFTS[pass % 3];
    for (let i = 0; i < n; i++) {
      const at = start[(source[i] >>> shift) & DIGIT_MASK]++;
      hiNext[at] = hi[i];
      loNext[at] = lo[i];
      orderNext[at] = order[i];
    }
    [hi, hiNext] = [hiNext, hi];
    [lo, loNext] = [loNext, lo];
    [order, orderNext] = [orderNext, order];
  }
  // Undo the key transform: the sorted keys are the sorted scores.
  const sorted = new Float64Array(n);
  const out = new Uint32Array(sorted.buffer);
  for (let r = 0; r < n; r++) {
    const h = hi[r];
    const negative = (h & 0x80000000) !== 0;
    out[2 * r + 1] = negative ? h : (h ^ 0x7fffffff) >>> 0;
    out[2 * r] = negative ? lo[r] : ~lo[r] >>> 0;
  }
  return { order, sorted };
}

/** The row index of an entry of `order`. */
export function rowOf(entry: number): number {
  return entry & INDEX_MASK;
}

function comparisonOrder(scores: Float64Array, tag: Uint8Array | null): DescendingOrder {
  const n = scores.length;
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  index.sort((a, b) => scores[b] - scores[a] || a - b);
  const order = new Uint32Array(n);
  const sorted = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = index[r];
    order[r] = tag !== null && tag[i] === 1 ? (i | TAG_BIT) >>> 0 : i;
    sorted[r] = scores[i] + 0; // −0 → +0, as the radix path
  }
  return { order, sorted };
}

/** The six digit histograms, counted in one pass over the keys. */
function digitCounts(hi: Uint32Array, lo: Uint32Array): Uint32Array {
  const counts = new Uint32Array(6 * DIGIT_COUNT);
  for (let i = 0; i < hi.length; i++) {
    const l = lo[i];
    const h = hi[i];
    counts[l & DIGIT_MASK]++;
    counts[DIGIT_COUNT + ((l >>> 11) & DIGIT_MASK)]++;
    counts[2 * DIGIT_COUNT + (l >>> 22)]++;
    counts[3 * DIGIT_COUNT + (h & DIGIT_MASK)]++;
    counts[4 * DIGIT_COUNT + ((h >>> 11) & DIGIT_MASK)]++;
    counts[5 * DIGIT_COUNT + (h >>> 22)]++;
  }
  return counts;
}
