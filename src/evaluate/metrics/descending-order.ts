// The order of rows by decreasing score, which every ranking metric (ROC and precision-recall
// curves, AUC, average precision) walks once. A least-significant-digit radix sort over the bits of
// each double: O(n) per pass, six passes of 11 bits at most, and passes whose digit is the same
// for every row are skipped (probabilities share most of their exponent bits). Measured against
// `Uint32Array.prototype.sort` with a comparator, it is several times faster on a million rows.

/** Below this many rows a comparison sort beats the radix sort's fixed cost of its count tables. */
const RADIX_MIN_ROWS = 512;
const DIGIT_BITS = 11;
const DIGIT_COUNT = 1 << DIGIT_BITS;
const DIGIT_MASK = DIGIT_COUNT - 1;
/** Passes over the low word then the high word: bits 0–10, 11–21, 22–31 of each. */
const SHIFTS = [0, 11, 22] as const;

/**
 * Row indices ordered by decreasing score; rows with equal scores keep their input order. Scores
 * must be free of NaN (callers check); −0 and +0 are equal.
 */
export function descendingOrder(scores: Float64Array): Uint32Array {
  const n = scores.length;
  if (n < RADIX_MIN_ROWS) {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => scores[b] - scores[a] || a - b);
  }
  // Keys whose unsigned order is the reverse of the scores' numeric order.
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = bits[2 * i + 1];
    let l = bits[2 * i];
    if (h === 0x80000000 && l === 0) h = 0; // −0 sorts with +0
    if (h & 0x80000000) {
      hi[i] = h;
      lo[i] = l;
    } else {
      hi[i] = (h ^ 0x7fffffff) >>> 0;
      lo[i] = ~l >>> 0;
    }
    order[i] = i;
  }
  const counts = digitCounts(hi, lo);
  let hiNext = new Uint32Array(n);
  let loNext = new Uint32Array(n);
  let orderNext = new Uint32Array(n);
  for (let pass = 0; pass < 6; pass++) {
    const count = counts.subarray(pass * DIGIT_COUNT, (pass + 1) * DIGIT_COUNT);
    if (count.includes(n)) continue; // every row shares this digit: the pass would not move anything
    const start = new Uint32Array(DIGIT_COUNT);
    for (let d = 1; d < DIGIT_COUNT; d++) start[d] = start[d - 1] + count[d - 1];
    const source = pass < 3 ? lo : hi;
    const shift = SHIFTS[pass % 3];
    const moveLow = pass < 3; // the low word is no longer read once the high passes begin
    for (let i = 0; i < n; i++) {
      const at = start[(source[i] >>> shift) & DIGIT_MASK]++;
      hiNext[at] = hi[i];
      if (moveLow) loNext[at] = lo[i];
      orderNext[at] = order[i];
    }
    [hi, hiNext] = [hiNext, hi];
    if (moveLow) [lo, loNext] = [loNext, lo];
    [order, orderNext] = [orderNext, order];
  }
  return order;
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
