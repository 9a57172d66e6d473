// Copies a materialized DuckDB result into typed arrays, one column at a time per chunk. The final
// query has already cast every column to DOUBLE, TINYINT or VARCHAR, so three readers suffice.
// Strings arrive dictionary-encoded: each distinct value is decoded once, however often it repeats.

import duckdb from "@duckdb/node-bindings";

/** A string column as ids into its distinct values, in order of first appearance; -1 is NULL. */
export interface StringDictionary {
  readonly ids: Int32Array;
  readonly values: string[];
  readonly counts: number[];
}

export type Extracted = Float64Array | Int8Array | StringDictionary;

export type ExtractType = "double" | "tinyint" | "varchar";

/** Reads every chunk of a result into one array per column, in row order, counting NULLs. */
export function extractColumns(
  result: duckdb.Result,
  types: readonly ExtractType[],
  onChunk?: (fraction: number) => void,
): { columns: Extracted[]; nulls: Float64Array } {
  const nRows = Number(duckdb.row_count(result));
  const builders = types.map((t) =>
    t === "double" ? new Float64Array(nRows) : t === "tinyint" ? new Int8Array(nRows) : new DictionaryBuilder(nRows),
  );
  const nChunks = duckdb.result_chunk_count(result);
  const nulls = new Float64Array(types.length);
  let offset = 0;
  for (let k = 0; k < nChunks; k++) {
    const chunk = duckdb.result_get_chunk(result, k);
    const size = duckdb.data_chunk_get_size(chunk);
    for (let j = 0; j < types.length; j++) {
      const vector = duckdb.data_chunk_get_vector(chunk, j);
      const out = builders[j];
      if (out instanceof Float64Array) nulls[j] += readDoubles(vector, size, out, offset);
      else if (out instanceof Int8Array) nulls[j] += readTinyInts(vector, size, out, offset);
      else nulls[j] += out.read(vector, size, offset);
    }
    offset += size;
    if (onChunk && (k & 63) === 63) onChunk(offset / nRows);
  }
  return { columns: builders.map((b) => (b instanceof DictionaryBuilder ? b.finish() : b)), nulls };
}

function validityOf(vector: duckdb.Vector, size: number): Uint8Array | null {
  const bytes = duckdb.vector_get_validity(vector, Math.ceil(size / 64) * 8);
  return bytes && bytes.length > 0 ? bytes : null;
}

/** Copies a DOUBLE vector; returns its NULL count. */
function readDoubles(vector: duckdb.Vector, size: number, out: Float64Array, offset: number): number {
  const data = duckdb.vector_get_data(vector, size * 8);
  out.set(new Float64Array(data.buffer, data.byteOffset, size), offset);
  const validity = validityOf(vector, size);
  if (!validity) return 0;
  // NULL slots hold whatever DuckDB left there: mark them missing.
  let nulls = 0;
  for (let i = 0; i < size; i++) {
    if (((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      out[offset + i] = NaN;
      nulls++;
    }
  }
  return nulls;
}

/** Copies a TINYINT vector (booleans); returns its NULL count. */
function readTinyInts(vector: duckdb.Vector, size: number, out: Int8Array, offset: number): number {
  const data = duckdb.vector_get_data(vector, size);
  out.set(new Int8Array(data.buffer, data.byteOffset, size), offset);
  const validity = validityOf(vector, size);
  if (!validity) return 0;
  let nulls = 0;
  for (let i = 0; i < size; i++) {
    if (((validity[i >> 3] >> (i & 7)) & 1) === 0) {
      out[offset + i] = -1;
      nulls++;
    }
  }
  return nulls;
}

const decoder = new TextDecoder();

/**
 * Builds a dictionary from DuckDB string vectors. A DuckDB string is 16 bytes: a 4-byte length,
 * then either the bytes themselves (up to 12, zero-padded) or a prefix and a pointer. Short strings
 * are looked up by their raw words, so a repeated value costs a hash probe and no decoding.
 */
class DictionaryBuilder {
  readonly #ids: Int32Array;
  readonly #values: string[] = [];
  readonly #counts: number[] = [];
  readonly #byString = new Map<string, number>();
  readonly #byWords = new Map<number, number>();
  #words = new Uint32Array(64 * 3);

  constructor(nRows: number) {
    this.#ids = new Int32Array(nRows);
  }

  /** Reads one vector; returns its NULL count. */
  read(vector: duckdb.Vector, size: number, offset: number): number {
    const data = duckdb.vector_get_data(vector, size * 16);
    const aligned = data.byteOffset % 4 === 0;
    const words = aligned ? new Uint32Array(data.buffer, data.byteOffset, size * 4) : new Uint32Array(data.slice().buffer);
    const validity = validityOf(vector, size);
    const ids = this.#ids;
    let nulls = 0;
    for (let i = 0; i < size; i++) {
      if (validity && ((validity[i >> 3] >> (i & 7)) & 1) === 0) {
        ids[offset + i] = -1;
        nulls++;
        continue;
      }
      const length = words[4 * i];
      let id: number;
      if (length <= 12) id = this.#inline(data, i, length, words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
      else id = this.#intern(decoder.decode(duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + 16 * i + 8, length)));
      ids[offset + i] = id;
      this.#counts[id]++;
    }
    return nulls;
  }

  finish(): StringDictionary {
    return { ids: this.#ids, values: this.#values, counts: this.#counts };
  }

  #inline(data: Uint8Array, i: number, length: number, w1: number, w2: number, w3: number): number {
    // Bytes past the length are zero in DuckDB's inline form; mask them anyway to be safe.
    if (length < 12) {
      if (length <= 4) {
        w1 = length === 4 ? w1 : w1 & ((1 << (8 * length)) - 1);
        w2 = 0;
        w3 = 0;
      } else if (length <= 8) {
        w2 = length === 8 ? w2 : w2 & ((1 << (8 * (length - 4))) - 1);
        w3 = 0;
      } else {
        w3 = w3 & ((1 << (8 * (length - 8))) - 1);
      }
    }
    const key = (w1 >>> 0) * 0x100000 + (((w2 ^ Math.imul(w3, 0x9e3779b1) ^ length) >>> 0) & 0xfffff);
    const found = this.#byWords.get(key);
    if (found !== undefined) {
      const w = this.#words;
      if (w[3 * found] === w1 >>> 0 && w[3 * found + 1] === w2 >>> 0 && w[3 * found + 2] === w3 >>> 0) return found;
      // A hash collision between two different strings: settle it by the decoded text.
      return this.#intern(decoder.decode(data.subarray(16 * i + 4, 16 * i + 4 + length)));
    }
    const id = this.#intern(decoder.decode(data.subarray(16 * i + 4, 16 * i + 4 + length)));
    while (3 * id + 2 >= this.#words.length) {
      const grown = new Uint32Array(this.#words.length * 2);
      grown.set(this.#words);
      this.#words = grown;
    }
    this.#words[3 * id] = w1 >>> 0;
    this.#words[3 * id + 1] = w2 >>> 0;
    this.#words[3 * id + 2] = w3 >>> 0;
    this.#byWords.set(key, id);
    return id;
  }

  #intern(value: string): number {
    let id = this.#byString.get(value);
    if (id === undefined) {
      id = this.#values.length;
      this.#values.push(value);
      this.#counts.push(0);
      this.#byString.set(value, id);
    }
    return id;
  }
}
