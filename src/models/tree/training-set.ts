// The training matrix as a tree grower reads it: one column after another (values of a feature
// are read together), each feature's rows sorted once by value. A tree's own rows (a bootstrap
// sample, rows of weight 0 left out) are then filtered from this order in O(rows × features), so
// no node ever sorts: growing a tree is linear scans and stable partitions.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../inputs.js";

export interface TrainingSet {
  readonly nRows: number;
  readonly nFeatures: number;
  /** Feature f of row i at f × nRows + i. */
  readonly columns: Float64Array;
  /** For each feature f, at f × nRows.., the rows in increasing order of their value (ties by row). */
  readonly sortedRows: Int32Array;
}

/**
 * Checks X (finite values only: the trees refuse missing values rather than guess where they go)
 * and builds the sorted columns. Buffers are shared memory when asked, for worker threads.
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
  const sortedRows = new Int32Array(alloc(4 * n * p));
  const order = new Array<number>(n);
  for (let f = 0; f < p; f++) {
    const column = columns.subarray(f * n, f * n + n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Array.prototype.sort is stable: ties stay in row order, so the order is deterministic.
    order.sort((a, b) => column[a] - column[b]);
    for (let i = 0; i < n; i++) sortedRows[f * n + i] = order[i];
  }
  return { nRows: n, nFeatures: p, columns, sortedRows };
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
