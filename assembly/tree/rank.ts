// Ranking a training column (src/models/tree/training-set.ts): each value's rank among the
// column's distinct values. Integer columns over a short span are ranked by counting, others by
// an LSD radix sort of their bits; both linear.

import { geti, seti, getf, setf } from "./memory";

/** Integer columns spanning fewer values than this per row (plus the allowance) are counted. */
const COUNT_SPAN_PER_ROW: f64 = 4;
const COUNT_SPAN_ALLOWANCE: f64 = 131072;
const DIGIT_BITS: i32 = 11;
const DIGIT_MASK: i32 = (1 << DIGIT_BITS) - 1;

/**
 * Ranks values[0, n) (finite): each value's rank to ranksOut, the distinct values, increasing,
 * to distinctOut; returns how many there are. `scratch` holds 16n + 2^19 + 8 bytes (-0 and 0 are one value).
 */
export function rankColumn(values: usize, n: i32, ranksOut: usize, distinctOut: usize, scratch: usize): i32 {
  const d = rankIntegers(values, n, ranksOut, distinctOut, scratch);
  return d >= 0 ? d : rankBySorting(values, n, ranksOut, distinctOut, scratch);
}

/** Counting through a table of the values present, or -1 when the column is not short-span integers. */
function rankIntegers(values: usize, n: i32, ranksOut: usize, distinctOut: usize, table: usize): i32 {
  let lo: f64 = Infinity;
  let hi: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = getf(values, i);
    if (Math.floor(v) != v) return -1;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo >= COUNT_SPAN_PER_ROW * <f64>n + COUNT_SPAN_ALLOWANCE) return -1;
  const size = <i32>(hi - lo) + 1;
  memory.fill(table, 0, <usize>size << 2);
  for (let i = 0; i < n; i++) seti(table, <i32>(getf(values, i) - lo), 1);
  let d: i32 = 0;
  for (let v = 0; v < size; v++) {
    if (geti(table, v) == 1) {
      d++;
      seti(table, v, d);
      setf(distinctOut, d - 1, lo + <f64>v);
    }
  }
  for (let i = 0; i < n; i++) seti(ranksOut, i, geti(table, <i32>(getf(values, i) - lo)) - 1);
  return d;
}

/** Orders the rows by their values' bits (mapped so that unsigned order is numeric order), then counts distinct values in order. */
function rankBySorting(values: usize, n: i32, ranksOut: usize, distinctOut: usize, scratch: usize): i32 {
  const keys = scratch;
  let order = keys + (<usize>n << 3);
  let spare = order + (<usize>n << 2);
  const counts = spare + (<usize>n << 2);
  for (let i = 0; i < n; i++) {
    const bits = reinterpret<u64>(getf(values, i) + 0);
    // Negative values: flip every bit (larger magnitude first); positive: set the sign bit.
    store<u64>(keys + (<usize>i << 3), (bits >> 63) != 0 ? ~bits : bits | 0x8000000000000000);
    seti(order, i, i);
  }
  for (let shift: i32 = 0; shift < 64; shift += DIGIT_BITS) {
    memory.fill(counts, 0, <usize>(DIGIT_MASK + 2) << 2);
    for (let i = 0; i < n; i++) {
      const digit = <i32>((load<u64>(keys + (<usize>i << 3)) >> <u64>shift) & <u64>DIGIT_MASK) + 1;
      seti(counts, digit, geti(counts, digit) + 1);
    }
    // A pass where every row has the same digit moves nothing.
    let isSingleDigit = false;
    for (let d = 1; d <= DIGIT_MASK + 1; d++) if (geti(counts, d) == n) isSingleDigit = true;
    if (isSingleDigit) continue;
    for (let d = 1; d <= DIGIT_MASK; d++) seti(counts, d, geti(counts, d) + geti(counts, d - 1));
    for (let i = 0; i < n; i++) {
      const row = geti(order, i);
      const digit = <i32>((load<u64>(keys + (<usize>row << 3)) >> <u64>shift) & <u64>DIGIT_MASK);
      const at = geti(counts, digit);
      seti(counts, digit, at + 1);
      seti(spare, at, row);
    }
    const t = order;
    order = spare;
    spare = t;
  }
  let d: i32 = 0;
  for (let i = 0; i < n; i++) {
    const row = geti(order, i);
    const v = getf(values, row) + 0;
    if (d == 0 || v != getf(distinctOut, d - 1)) {
      setf(distinctOut, d, v);
      d++;
    }
    seti(ranksOut, row, d - 1);
  }
  return d;
}
