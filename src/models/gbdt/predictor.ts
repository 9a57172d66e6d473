// Prediction from a fitted forest: raw scores for rows of feature values, one row at a time (for
// serving, no allocation) or a batch. Reads only the flat Tree arrays.

import { flattenForest, predictFlat, predictFlatRow, type FlatForest } from "./flat-forest.js";
import { defaultThreads } from "../../core/index.js";
import { WasmForest } from "./wasm-forest.js";
import type { Tree } from "./tree.js";

export interface Forest {
  /** Iteration t, output k at index t * nOutputs + k. */
  readonly trees: readonly Tree[];
  readonly nOutputs: number;
  readonly baseScore: Float64Array;
  readonly nFeatures: number;
}

const flat = new WeakMap<Forest, FlatForest>();
const compiled = new WeakMap<Forest, WasmForest>();
// A compiled forest may have started worker threads: end them once its model is collected.
const closer = new FinalizationRegistry<WasmForest>((wf) => wf.close());

/** The forest's flat form, built on first use and kept with it. */
export function flatOf(forest: Forest): FlatForest {
  let ff = flat.get(forest);
  if (!ff) {
    ff = flattenForest(forest);
    flat.set(forest, ff);
  }
  return ff;
}

/** The forest in WebAssembly memory, built on first use and kept with it. */
function wasmOf(forest: Forest): WasmForest {
  let wf = compiled.get(forest);
  if (!wf) {
    wf = new WasmForest(flatOf(forest), defaultThreads());
    compiled.set(forest, wf);
    closer.register(forest, wf);
  }
  return wf;
}

/** Raw scores of one row (values at row[offset .. offset + nFeatures)) into `out` (length nOutputs). */
export function predictRowRaw(forest: Forest, row: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  return wasmOf(forest).predictRow(row, offset, out);
}

/** Raw scores of n rows of a row-major array, class-major: output k of row i at k * n + i. */
export function predictRaw(forest: Forest, rows: ArrayLike<number>, n: number): Float64Array {
  return wasmOf(forest).predict(rows, n);
}

/** The same scores by the JavaScript walk (the reference the WebAssembly kernel is tested against). */
export function predictRawJs(forest: Forest, rows: ArrayLike<number>, n: number): Float64Array {
  return predictFlat(flatOf(forest), rows, n);
}

export function predictRowRawJs(forest: Forest, row: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  return predictFlatRow(flatOf(forest), row, offset, out);
}
