// A dense, row-major numeric matrix: the shape every model takes as input.

import { InvalidInput } from "./errors.js";

export interface Matrix {
  readonly data: Float64Array | Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Wraps a typed array as a rows × cols matrix, checking that the sizes agree. */
export function matrix(data: Float64Array | Float32Array, shape: { rows: number; cols: number }): Matrix {
  const { rows, cols } = shape;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new InvalidInput(`Matrix shape must be non-negative integers: received ${rows} × ${cols}`);
  }
  if (data.length !== rows * cols) {
    throw new InvalidInput(
      `Matrix data has ${data.length} values but the shape ${rows} × ${cols} needs ${rows * cols}`,
    );
  }
  return { data, rows, cols };
}
