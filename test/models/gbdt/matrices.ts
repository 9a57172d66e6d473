// Small builders shared by the boosting tests.

import { matrix, type Matrix } from "../../../src/core/index.js";

/** A row-major matrix from columns of equal length. */
export function byColumns(...columns: ArrayLike<number>[]): Matrix {
  const rows = columns[0].length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  columns.forEach((column, j) => {
    for (let i = 0; i < rows; i++) data[i * cols + j] = column[i];
  });
  return matrix(data, { rows, cols });
}

/** Whether two typed arrays hold the same bytes. */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}
