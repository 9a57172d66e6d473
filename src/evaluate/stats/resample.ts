// Row selection for resampling: the same index array picks rows out of a label array, a typed
// array of values or a row-major probability matrix, whichever a metric takes.

import { InvalidInput, type Matrix } from "../../core/index.js";

/** What a metric can be given: labels, values, or a rows × classes matrix. */
export type Rows = ArrayLike<unknown> | Matrix;

export function isMatrix(values: unknown): values is Matrix {
  return typeof values === "object" && values !== null && "data" in values && "rows" in values && "cols" in values;
}

export function rowCount(values: Rows): number {
  return isMatrix(values) ? values.rows : values.length;
}

/** The rows at `index`, as the same kind of container. */
export function takeRows<T extends Rows>(values: T, index: Int32Array): T {
  if (isMatrix(values)) {
    const { data, cols } = values;
    const out = new (data.constructor as Float64ArrayConstructor)(index.length * cols);
    for (let r = 0; r < index.length; r++) out.set(data.subarray(index[r] * cols, index[r] * cols + cols), r * cols);
    return { data: out, rows: index.length, cols } as unknown as T;
  }
  const source = values as ArrayLike<unknown>;
  if (ArrayBuffer.isView(source)) {
    const typed = source as unknown as Float64Array;
    const out = new (typed.constructor as Float64ArrayConstructor)(index.length);
    for (let i = 0; i < index.length; i++) out[i] = typed[index[i]];
    return out as unknown as T;
  }
  const out = new Array<unknown>(index.length);
  for (let i = 0; i < index.length; i++) out[i] = source[index[i]];
  return out as unknown as T;
}

export function checkSameRows(n: number, values: Rows, what: string): void {
  if (rowCount(values) !== n) throw new InvalidInput(`${what} has ${rowCount(values)} rows but yTrue has ${n}`);
}
