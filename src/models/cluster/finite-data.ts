// The checks clusterers and decompositions make of X: a dense matrix of finite numbers (these
// methods have no notion of a missing value), copied into a Float64Array they may centre in place.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../inputs.js";
import type { LinalgWorkspace } from "../linalg/index.js";

/** A Float64 copy of X's data; InvalidInput naming the first NaN or infinite cell. */
export function finiteData(X: Matrix, owner: string): Float64Array {
  checkedMatrix(X);
  const { data } = X;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) throw notFinite(X, i, owner);
    out[i] = v;
  }
  return out;
}

export interface CentredData {
  /** Offset of the centred n × p data (float64) in the workspace. */
  readonly x: number;
  /** The column means taken off. */
  readonly mean: Float64Array;
  /** Σ of squares of each centred column. */
  readonly squares: Float64Array;
}

/**
 * X copied into the workspace, checked finite and centred on its column means there, by the
 * kernels (assembly/linalg/columns.ts): the same values as finiteData then centerColumns, without
 * the JavaScript copy and loops, which cost more than a PCA's whole decomposition.
 */
export function centredInWorkspace(ws: LinalgWorkspace, X: Matrix, owner: string): CentredData {
  checkedMatrix(X);
  const { rows: n, cols: p } = X;
  const x = ws.alloc(8 * n * p);
  ws.f64(x, n * p).set(X.data);
  const bad = ws.kernels.firstNonFinite(x, n * p);
  if (bad >= 0) throw notFinite(X, bad, owner);
  const mean = ws.alloc(8 * p);
  const squares = ws.alloc(8 * p);
  ws.kernels.centreColumns(x, n, p, mean, squares);
  return { x, mean: ws.f64(mean, p).slice(), squares: ws.f64(squares, p).slice() };
}

function notFinite(X: Matrix, i: number, owner: string): InvalidInput {
  const v = X.data[i];
  const row = Math.floor(i / X.cols);
  return new InvalidInput(`${owner} needs finite values: X has ${v} at row ${row}, column ${i - row * X.cols}`, {
    hint: Number.isNaN(v) ? "impute or drop missing values first" : "clip or drop infinite values first",
  });
}

/** Feature names as given, or f0, f1, … */
export function featureNamesOf(given: readonly string[] | undefined, cols: number): string[] {
  const names = given ? [...given] : Array.from({ length: cols }, (_, j) => `f${j}`);
  if (names.length !== cols) throw new InvalidInput(`featureNames has ${names.length} names for ${cols} columns`);
  return names;
}

/** Column means, and X minus them in place. */
export function centerColumns(data: Float64Array, rows: number, cols: number): Float64Array {
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let f = 0; f < cols; f++) mean[f] += data[i * cols + f];
  for (let f = 0; f < cols; f++) mean[f] /= rows;
  for (let i = 0; i < rows; i++) for (let f = 0; f < cols; f++) data[i * cols + f] -= mean[f];
  return mean;
}
