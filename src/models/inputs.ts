// Checks every estimator makes of what it is given to fit on: the matrix, a numeric target, class
// labels, sample weights. Each problem is an InvalidInput naming the row or the sizes.

import { InvalidInput, type Matrix } from "../core/index.js";

/** A class label as given in y: string, finite number or boolean. */
export type ClassLabel = string | number | boolean;

/** X as a dense matrix whose data matches its shape, with at least one row and one column. */
export function checkedMatrix(X: Matrix, what = "X"): Matrix {
  if (!X || typeof X !== "object" || !("data" in X) || !(X.data instanceof Float64Array || X.data instanceof Float32Array)) {
    throw new InvalidInput(`${what} must be a matrix { data: Float64Array | Float32Array, rows, cols }`);
  }
  const { data, rows, cols } = X;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) throw new InvalidInput(`${what} shape must be non-negative integers: received ${rows} × ${cols}`);
  if (data.length !== rows * cols) throw new InvalidInput(`Matrix data has ${data.length} values but its shape ${rows} × ${cols} needs ${rows * cols}`);
  if (rows === 0) throw new InvalidInput(`${what} has no rows: there is nothing to fit`);
  if (cols === 0) throw new InvalidInput(`${what} has no columns: there are no features to fit on`);
  return X;
}

/** At predict time: X has the `cols` columns the model was fitted on. */
export function checkPredictMatrix(X: Matrix, cols: number): void {
  if (!X || typeof X !== "object" || !("data" in X)) throw new InvalidInput("X must be a matrix { data, rows, cols }");
  if (X.data.length !== X.rows * X.cols) throw new InvalidInput(`Matrix data has ${X.data.length} values but its shape ${X.rows} × ${X.cols} needs ${X.rows * X.cols}`);
  if (X.cols !== cols) throw new InvalidInput(`X has ${X.cols} columns but the model was fitted on ${cols}`);
}

export function numericTarget(y: ArrayLike<unknown>, n: number, name: string): Float64Array {
  if (!y || typeof y.length !== "number") throw new InvalidInput(`${name} must be an array of numbers`);
  if (y.length !== n) throw new InvalidInput(`${name} has ${y.length} values but X has ${n} rows`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidInput(`${name} must hold finite numbers: row ${i} is ${String(v)}`, { hint: "drop rows with a missing target before fitting" });
    }
    out[i] = v;
  }
  return out;
}

/** Class labels to codes 0..K-1 over the sorted distinct labels (or the given classes). */
export function encodeLabels(y: ArrayLike<unknown>, n: number, known?: readonly ClassLabel[]): { classes: ClassLabel[]; codes: Float64Array } {
  if (!y || typeof y.length !== "number") throw new InvalidInput("y must be an array of class labels");
  if (y.length !== n) throw new InvalidInput(`y has ${y.length} labels but X has ${n} rows`);
  const classes = known ? [...known] : distinctLabels(y);
  if (!known && classes.length < 2) {
    throw new InvalidInput(`y has a single class (${String(classes[0])}): a classifier needs at least two`, { hint: "check the target column and the rows kept" });
  }
  const index = new Map<unknown, number>(classes.map((c, k) => [c, k]));
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = index.get(y[i]);
    if (k === undefined) {
      throw new InvalidInput(
        y[i] === null || y[i] === undefined || (typeof y[i] === "number" && Number.isNaN(y[i] as number))
          ? `y is missing at row ${i}: drop rows without a label before fitting`
          : `y holds ${String(y[i])} at row ${i}, a class the model was not fitted on`,
      );
    }
    codes[i] = k;
  }
  return { classes, codes };
}

export function distinctLabels(y: ArrayLike<unknown>): ClassLabel[] {
  const seen = new Set<ClassLabel>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
      throw new InvalidInput(`y is missing at row ${i}: drop rows without a label before fitting`);
    }
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw new InvalidInput(`y holds a ${typeof v} at row ${i}: labels must be strings, numbers or booleans`);
    seen.add(v);
  }
  return [...seen].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

export function weightsOf(weight: ArrayLike<number> | undefined, n: number): Float64Array | null {
  if (weight === undefined) return null;
  if (weight.length !== n) throw new InvalidInput(`sampleWeight has ${weight.length} values but X has ${n} rows`);
  const out = Float64Array.from(weight);
  for (let i = 0; i < n; i++) {
    if (!(out[i] >= 0) || !Number.isFinite(out[i])) throw new InvalidInput(`sampleWeight must be finite and ≥ 0: row ${i} is ${out[i]}`);
  }
  return out;
}

/** The most probable class of each row of a rows × classes probability matrix (first on ties). */
export function argmaxLabels(proba: Matrix, classes: readonly ClassLabel[]): ClassLabel[] {
  const { data, rows, cols } = proba;
  const out = new Array<ClassLabel>(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < cols; k++) if (data[i * cols + k] > data[i * cols + best]) best = k;
    out[i] = classes[best];
  }
  return out;
}
