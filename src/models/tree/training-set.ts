// The training matrix as a tree grower reads it: one column after another (values of a feature
// are read together), and each value's rank among its feature's distinct values. Split search
// works on ranks: a node gathers the ranks of its rows for a feature, then either counts them
// into one bin per distinct value (exact, no sort, when the node spans few values) or sorts them
// (radix on integer ranks); the thresholds are read back from the distinct values.

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

/** Integer columns spanning at most this many values per row are ranked by counting, not sorting. */
const COUNT_SPAN_PER_ROW = 4;

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
  if (hi - lo >= COUNT_SPAN_PER_ROW * column.length + 1024) return null;
  const rankAt = new Int32Array(hi - lo + 1);
  for (let i = 0; i < column.length; i++) rankAt[column[i] - lo] = 1;
  let d = 0;
  for (let v = 0; v < rankAt.length; v++) if (rankAt[v] === 1) rankAt[v] = ++d;
  const values = new Float64Array(d);
  for (let v = 0; v < rankAt.length; v++) if (rankAt[v] > 0) values[rankAt[v] - 1] = lo + v;
  for (let i = 0; i < column.length; i++) out[i] = rankAt[column[i] - lo] - 1;
  return values;
}

/** Ranks any column: its distinct values sorted, each value found among them by bisection. */
function rankBySorting(column: Float64Array, out: Int32Array): Float64Array {
  const sorted = column.slice().sort();
  let d = 0;
  // -0 and 0 are one value.
  for (let i = 0; i < sorted.length; i++) if (d === 0 || sorted[i] !== sorted[d - 1]) sorted[d++] = sorted[i];
  const values = sorted.slice(0, d);
  for (let i = 0; i < column.length; i++) out[i] = rankOf(values, column[i]);
  return values;
}

/** Index of v in the increasing `values` (where it is). */
function rankOf(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
