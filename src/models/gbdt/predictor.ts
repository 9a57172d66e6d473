// Prediction from a fitted forest: raw scores for rows of feature values, one row at a time (for
// serving, no allocation) or a batch. Reads only the flat Tree arrays.

import type { Tree } from "./tree.js";
import { leafOf } from "./tree.js";

export interface Forest {
  /** Iteration t, output k at index t * nOutputs + k. */
  readonly trees: readonly Tree[];
  readonly nOutputs: number;
  readonly baseScore: Float64Array;
  readonly nFeatures: number;
}

/** Raw scores of one row (values at row[offset .. offset + nFeatures)) into `out` (length nOutputs). */
export function predictRowRaw(forest: Forest, row: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  const K = forest.nOutputs;
  for (let k = 0; k < K; k++) out[k] = forest.baseScore[k];
  const trees = forest.trees;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t];
    out[t % K] += tree.value[leafOf(tree, row, offset)];
  }
  return out;
}

/** Raw scores of n rows of a row-major array, class-major: output k of row i at k * n + i. */
export function predictRaw(forest: Forest, rows: ArrayLike<number>, n: number): Float64Array {
  const K = forest.nOutputs;
  const p = forest.nFeatures;
  const out = new Float64Array(n * K);
  for (let k = 0; k < K; k++) out.fill(forest.baseScore[k], k * n, (k + 1) * n);
  const trees = forest.trees;
  // Tree by tree over all rows: a tree's arrays stay in cache while the rows stream past.
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t];
    const value = tree.value;
    const base = (t % K) * n;
    for (let i = 0; i < n; i++) out[base + i] += value[leafOf(tree, rows, i * p)];
  }
  return out;
}
