// The training matrix as a tree grower reads it: one column after another (values of a feature
// are read together), and each value's rank among its feature's distinct values. Split search
// works on ranks: a node gathers the ranks of its rows for a feature, then either counts them
// into one bin per distinct value (exact, no sort, when the node spans few values) or sorts them
// (assembly/tree.ts); the thresholds are read back from the distinct values.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../inputs.js";

export interface TrainingSet {
  readonly nRows: number;
  readonly nFeatures: number;
  /** Feature f of row i at f × nRows + i. */
  readonly columns: Float64Array;
  /** Rank of that value among feature f's distinct values (0 = smallest), at f × nRows + i. */
  readonly ranks: Int32Array;
  /** Feature f's distinct values, increasing, at distinctStart[f] .. distinctStart[f + 1] - 1. */
  readonly distinct: Float64Array;
  readonly distinctStart: Int32Array;
}

/**
 * Checks X (finite values only: the trees refuse missing values rather than guess where they go)
 * and ranks each column. Buffers are shared memory when asked, for worker threads.
 */
export function trainingSet(X: Matrix, options: { shared?: boolean } = {}): TrainingSet {
  const { data, rows: n, cols: p } = checkedMatrix(X);
  const alloc = (bytes: number): ArrayBuffer | SharedArrayBuffer => (options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const columns = new Float64Array(alloc(8 * n * p));
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < p; f++) {
      const v = data[i * p + f];
      if (!Number.isFinite(v)) throw nonFinite(v, i, f);
      columns[f * n + i] = v;
    }
  }
  const ranks = new Int32Array(alloc(4 * n * p));
  const distinctStart = new Int32Array(alloc(4 * (p + 1)));
  const perFeature: Float64Array[] = [];
  for (let f = 0; f < p; f++) {
    const column = columns.subarray(f * n, f * n + n);
    const out = ranks.subarray(f * n, f * n + n);
    const values = rankIntegers(column, out) ?? rankBySorting(column, out);
    perFeature.push(values);
    distinctStart[f + 1] = distinctStart[f] + values.length;
  }
  const distinct = new Float64Array(alloc(8 * distinctStart[p]));
  perFeature.forEach((values, f) => distinct.set(values, distinctStart[f]));
  return { nRows: n, nFeatures: p, columns, ranks, distinct, distinctStart };
}

/**
 * Integer columns spanning at most this many values per row (plus a fixed allowance, so codes
 * up to about 100 000 count even in small sets) are ranked by counting, not sorting.
 */
const COUNT_SPAN_PER_ROW = 4;
const COUNT_SPAN_ALLOWANCE = 1 << 17;

/**
 * Ranks a column of integers over a short span (codes, counts, ages: most tabular columns) in
 * linear time, through a table of the values present; null for any other column.
 */
function rankIntegers(column: Float64Array, out: Int32Array): Float64Array | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (!Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo >= COUNT_SPAN_PER_ROW * column.length + COUNT_SPAN_ALLOWANCE) return null;
  const rankAt = new Int32Array(hi - lo + 1);
  for (let i = 0; i < column.length; i++) rankAt[column[i] - lo] = 1;
  let d = 0;
  for (let v = 0; v < rankAt.length; v++) if (rankAt[v] === 1) rankAt[v] = ++d;
  const values = new Float64Array(d);
  for (let v = 0; v < rankAt.length; v++) if (rankAt[v] > 0) values[rankAt[v] - 1] = lo + v;
  for (let i = 0; i < column.length; i++) out[i] = rankAt[column[i] - lo] - 1;
  return values;
}

/** Bits per radix pass: 2048 counters stay in the L1 cache; six passes cover 64 bits. */
const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;

/**
 * Ranks any column of finite values: orders its rows by an LSD radix sort of the values' bits
 * (mapped so that unsigned order is numeric order; passes where every row has the same digit
 * are skipped), then walks them in order counting distinct values. Linear, where a comparison
 * sort of the values and a bisection per row were not.
 */
function rankBySorting(column: Float64Array, out: Int32Array): Float64Array {
  const n = column.length;
  const values = new Float64Array(n);
  // -0 and 0 are one value.
  for (let i = 0; i < n; i++) values[i] = column[i] + 0;
  // The two 32-bit halves of each value (little-endian, as on every platform Node runs on).
  const words = new Uint32Array(values.buffer);
  const keyLow = new Uint32Array(n);
  const keyHigh = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i];
    const high = words[2 * i + 1];
    // Negative values: flip every bit (larger magnitude first); positive: set the sign bit.
    const isNegative = high >>> 31 === 1;
    keyLow[i] = isNegative ? ~low >>> 0 : low;
    keyHigh[i] = isNegative ? ~high >>> 0 : (high | 0x80000000) >>> 0;
  }
  let order = new Int32Array(n);
  let spare = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Int32Array(DIGIT_MASK + 2);
  for (const key of [keyLow, keyHigh]) {
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[((key[i] >>> shift) & DIGIT_MASK) + 1]++;
      let isSingleDigit = false;
      for (let d = 1; d <= DIGIT_MASK + 1; d++) if (counts[d] === n) isSingleDigit = true;
      if (isSingleDigit) continue;
      for (let d = 1; d <= DIGIT_MASK; d++) counts[d] += counts[d - 1];
      for (let i = 0; i < n; i++) {
        const row = order[i];
        spare[counts[(key[row] >>> shift) & DIGIT_MASK]++] = row;
      }
      [order, spare] = [spare, order];
    }
  }
  const distinct = new Float64Array(n);
  let d = 0;
  for (let i = 0; i < n; i++) {
    const row = order[i];
    const v = values[row];
    if (d === 0 || v !== distinct[d - 1]) distinct[d++] = v;
    out[row] = d - 1;
  }
  return distinct.slice(0, d);
}

function nonFinite(v: number, row: number, feature: number): InvalidInput {
  return Number.isNaN(v)
    ? new InvalidInput(`X is missing (NaN) at row ${row}, feature ${feature}: decision trees and forests here do not handle missing values`, {
        hint: "impute the column first (or use GradientBoostingClassifier/Regressor, which route missing values natively)",
      })
    : new InvalidInput(`X holds ${v} at row ${row}, feature ${feature}: tree models need finite values`, { hint: "clip or drop infinite values before fitting" });
}

/** Checks X at predict time: the fitted width and finite values (a NaN would silently go right). */
export function checkFiniteRows(X: Matrix, nFeatures: number): void {
  const { data, cols } = X;
  if (cols !== nFeatures) return;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw nonFinite(data[i], Math.floor(i / cols), i % cols);
  }
}
