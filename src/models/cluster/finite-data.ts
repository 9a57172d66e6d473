// The checks clusterers and decompositions make of X: a dense matrix of finite numbers (these
// methods have no notion of a missing value), copied into a Float64Array they may centre in place.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../inputs.js";

/** A Float64 copy of X's data; InvalidInput naming the first NaN or infinite cell. */
export function finiteData(X: Matrix, owner: string): Float64Array {
  checkedMatrix(X);
  const { data, cols } = X;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      const row = Math.floor(i / cols);
      throw new InvalidInput(`${owner} needs finite values: X has ${v} at row ${row}, column ${i - row * cols}`, {
        hint: Number.isNaN(v) ? "impute or drop missing values first" : "clip or drop infinite values first",
      });
    }
    out[i] = v;
  }
  return out;
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
