// The training matrix as a tree grower reads it: one column after another (values of a feature
// are read together), and each value's rank among its feature's distinct values. Split search
// works on ranks: a node gathers the ranks of its rows for a feature, then either counts them
// into one bin per distinct value (exact, no sort, when the node spans few values) or sorts them
// (assembly/tree.ts); the thresholds are read back from the distinct values. Ranking runs in
// WebAssembly too (rankColumn: counting for short-span integer columns, a radix sort of the
// values' bits for the rest): it runs once per fit, so as JavaScript it ran mostly uncompiled.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../inputs.js";
import { columnRanker } from "./tree-memory.js";

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
  const bad = transposeFinite(data, n, p, columns);
  if (bad >= 0) throw nonFinite(data[bad], Math.floor(bad / p), bad % p);
  const ranks = new Int32Array(alloc(4 * n * p));
  const distinctStart = new Int32Array(alloc(4 * (p + 1)));
  const perFeature: Float64Array[] = [];
  const rank = columnRanker(n);
  for (let f = 0; f < p; f++) {
    const values = rank(columns.subarray(f * n, f * n + n), ranks.subarray(f * n, f * n + n));
    perFeature.push(values);
    distinctStart[f + 1] = distinctStart[f] + values.length;
  }
  const distinct = new Float64Array(alloc(8 * distinctStart[p]));
  perFeature.forEach((values, f) => distinct.set(values, distinctStart[f]));
  return { nRows: n, nFeatures: p, columns, ranks, distinct, distinctStart };
}

/**
 * Copies the row-major n × p matrix to `columns`, column after column; returns the index of its
 * first value that is not finite (and stops there), or -1. Nothing but a return follows the loop:
 * see collectSamples in grower.ts.
 */
function transposeFinite(data: Float64Array | Float32Array, n: number, p: number, columns: Float64Array): number {
  for (let at = 0, i = 0; i < n; i++) {
    for (let f = 0; f < p; f++, at++) {
      const v = data[at];
      if (!Number.isFinite(v)) return at;
      columns[f * n + i] = v;
    }
  }
  return -1;
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
