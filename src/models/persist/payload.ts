// The binary half of a model document: typed arrays laid end to end, little-endian, each starting
// on an 8-byte boundary, and located by the JSON header. Every read is checked against the
// payload's size before anything is allocated, so a truncated or inconsistent file fails with a
// message naming the array instead of producing a wrong model.
//
// Values go through a DataView one element at a time: the byte order is fixed whatever the host's,
// and a payload may sit at any offset of a larger buffer (a Node Buffer from a pool, a bundle).

import { InvalidInput } from "../../core/index.js";

export type DType = "int32" | "uint32" | "uint8" | "float64";

export interface ArrayOfDType {
  int32: Int32Array;
  uint32: Uint32Array;
  uint8: Uint8Array;
  float64: Float64Array;
}

/** Where one array lives in the payload: byte offset from the payload's start, element count. */
export interface Section {
  readonly offset: number;
  readonly length: number;
}

export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = { int32: 4, uint32: 4, uint8: 1, float64: 8 };

export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Collects arrays into one payload; `add` says where each one will be. */
export class PayloadWriter {
  readonly #parts: { offset: number; dtype: DType; array: ArrayLike<number> }[] = [];
  #end = 0;

  add(dtype: DType, array: ArrayLike<number>): Section {
    const offset = align8(this.#end);
    this.#parts.push({ offset, dtype, array });
    this.#end = offset + array.length * BYTES_PER_ELEMENT[dtype];
    return { offset, length: array.length };
  }

  /** Bytes the payload will have (padded to a multiple of 8). */
  get byteLength(): number {
    return align8(this.#end);
  }

  finish(): Uint8Array {
    const bytes = new Uint8Array(this.byteLength);
    const view = new DataView(bytes.buffer);
    for (const { offset, dtype, array } of this.#parts) writeArray(view, offset, dtype, array);
    return bytes;
  }
}

/** Reads arrays out of a payload, each a fresh copy, after checking the section fits. */
export class PayloadReader {
  readonly #view: DataView;

  constructor(readonly payload: Uint8Array) {
    this.#view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  }

  read<D extends DType>(dtype: D, section: Section, what: string): ArrayOfDType[D] {
    const { offset, length } = section;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset % 8 !== 0) {
      throw new InvalidInput(`Model payload: ${what} starts at byte ${String(offset)}, which is not a non-negative multiple of 8`);
    }
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new InvalidInput(`Model payload: ${what} has length ${String(length)}, which is not a non-negative integer`);
    }
    const end = offset + length * BYTES_PER_ELEMENT[dtype];
    if (end > this.payload.byteLength) {
      throw new InvalidInput(
        `Model payload is truncated or inconsistent: ${what} (${length} × ${dtype}) needs bytes ${offset}..${end} but the payload has ${this.payload.byteLength}`,
      );
    }
    return readArray(this.#view, offset, dtype, length);
  }
}

function writeArray(view: DataView, offset: number, dtype: DType, array: ArrayLike<number>): void {
  const n = array.length;
  switch (dtype) {
    case "int32":
      for (let i = 0; i < n; i++) view.setInt32(offset + 4 * i, array[i], true);
      return;
    case "uint32":
      for (let i = 0; i < n; i++) view.setUint32(offset + 4 * i, array[i], true);
      return;
    case "uint8":
      for (let i = 0; i < n; i++) view.setUint8(offset + i, array[i]);
      return;
    case "float64":
      for (let i = 0; i < n; i++) view.setFloat64(offset + 8 * i, array[i], true);
      return;
  }
}

function readArray<D extends DType>(view: DataView, offset: number, dtype: D, n: number): ArrayOfDType[D] {
  switch (dtype) {
    case "int32": {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(offset + 4 * i, true);
      return out as ArrayOfDType[D];
    }
    case "uint32": {
      const out = new Uint32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getUint32(offset + 4 * i, true);
      return out as ArrayOfDType[D];
    }
    case "uint8": {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getUint8(offset + i);
      return out as ArrayOfDType[D];
    }
    default: {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(offset + 8 * i, true);
      return out as ArrayOfDType[D];
    }
  }
}
