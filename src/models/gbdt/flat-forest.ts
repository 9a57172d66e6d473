// All trees of a forest in one set of typed arrays, for prediction: a row walks node indices in
// shared arrays instead of loading each tree's object, and one row's walk through 100 trees
// touches only a few cache lines per node. Built once from the trees; never changed.

import type { Forest } from "./predictor.js";
import type { Tree } from "./tree.js";

export interface FlatForest {
  readonly nTrees: number;
  readonly nOutputs: number;
  readonly nFeatures: number;
  readonly baseScore: Float64Array;
  /** Root node of each tree. */
  readonly roots: Int32Array;
  /** Split feature, or -1 at a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** Absolute indices of the children. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  /** Categorical nodes: offset of their bitset in catBits, else -1; words of the bitset. */
  readonly catOffset: Int32Array;
  readonly catWords: Int32Array;
  readonly catBits: Uint32Array;
  /** Leaf outputs (learning rate applied). */
  readonly value: Float64Array;
  /** Children interleaved (left at 2i, right at 2i + 1), for branch-free walks. */
  readonly children: Int32Array;
  /** 1 where a missing value goes right. */
  readonly missingRight: Int32Array;
}

export function flattenForest(forest: Forest): FlatForest {
  const trees = forest.trees as readonly Tree[];
  const nNodes = trees.reduce((sum, t) => sum + t.nNodes, 0);
  const nBits = trees.reduce((sum, t) => sum + t.catBits.length, 0);
  const out = {
    nTrees: trees.length,
    nOutputs: forest.nOutputs,
    nFeatures: forest.nFeatures,
    baseScore: Float64Array.from(forest.baseScore),
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nNodes),
    threshold: new Float64Array(nNodes),
    left: new Int32Array(nNodes),
    right: new Int32Array(nNodes),
    missingLeft: new Uint8Array(nNodes),
    catOffset: new Int32Array(nNodes),
    catWords: new Int32Array(nNodes),
    catBits: new Uint32Array(nBits),
    value: new Float64Array(nNodes),
    children: new Int32Array(2 * nNodes),
    missingRight: new Int32Array(nNodes),
  };
  let base = 0;
  let bitBase = 0;
  trees.forEach((tree, t) => {
    out.roots[t] = base;
    for (let i = 0; i < tree.nNodes; i++) {
      const j = base + i;
      out.feature[j] = tree.feature[i];
      out.threshold[j] = tree.threshold[i];
      out.left[j] = tree.left[i] < 0 ? -1 : base + tree.left[i];
      out.right[j] = tree.right[i] < 0 ? -1 : base + tree.right[i];
      out.missingLeft[j] = tree.missingLeft[i];
      out.catOffset[j] = tree.catOffset[i] < 0 ? -1 : bitBase + tree.catOffset[i];
      out.catWords[j] = tree.catWords[i];
      out.value[j] = tree.value[i];
      out.children[2 * j] = out.left[j];
      out.children[2 * j + 1] = out.right[j];
      out.missingRight[j] = tree.missingLeft[i] === 1 ? 0 : 1;
    }
    out.catBits.set(tree.catBits, bitBase);
    base += tree.nNodes;
    bitBase += tree.catBits.length;
  });
  return out;
}

/**
 * The leaf a row reaches through numeric splits only: x <= threshold goes left, x > threshold
 * right, and a NaN (neither) follows missingLeft. Kept apart so this hot loop has no categorical
 * branch.
 */
function numericLeafAt(feature: Int32Array, threshold: Float64Array, children: Int32Array, missingRight: Int32Array, root: number, row: ArrayLike<number>, offset: number): number {
  let node = root;
  let f = feature[node];
  while (f >= 0) {
    const v = row[offset + f];
    // Branch-free: which way a row goes is unpredictable, so compute the child index instead of
    // jumping. NaN compares false: it goes right exactly when missingRight is 1.
    const goRight = (v > threshold[node] ? 1 : 0) | (missingRight[node] & (v !== v ? 1 : 0));
    node = children[2 * node + goRight];
    f = feature[node];
  }
  return node;
}

/** The leaf a row reaches in the tree rooted at `root` (row values at row[offset + feature]). */
function leafAt(ff: FlatForest, root: number, row: ArrayLike<number>, offset: number): number {
  const { feature, threshold, left, right, missingLeft, catOffset } = ff;
  let node = root;
  let f = feature[node];
  while (f >= 0) {
    const v = row[offset + f];
    let goLeft: boolean;
    if (v !== v) goLeft = missingLeft[node] === 1;
    else if (catOffset[node] < 0) goLeft = v <= threshold[node];
    else {
      const word = v >>> 5;
      goLeft = v >= 0 && word < ff.catWords[node] && ((ff.catBits[catOffset[node] + word] >>> (v & 31)) & 1) === 1;
    }
    node = goLeft ? left[node] : right[node];
    f = feature[node];
  }
  return node;
}

/** Raw scores of one row into `out` (nOutputs values); no allocation. */
export function predictFlatRow(ff: FlatForest, row: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  const K = ff.nOutputs;
  for (let k = 0; k < K; k++) out[k] = ff.baseScore[k];
  const { roots, value, feature, threshold, children, missingRight } = ff;
  if (ff.catBits.length === 0) {
    for (let t = 0; t < roots.length; t++) out[t % K] += value[numericLeafAt(feature, threshold, children, missingRight, roots[t], row, offset)];
    return out;
  }
  if (K === 1) {
    let sum = out[0];
    for (let t = 0; t < roots.length; t++) sum += value[leafAt(ff, roots[t], row, offset)];
    out[0] = sum;
    return out;
  }
  for (let t = 0; t < roots.length; t++) out[t % K] += value[leafAt(ff, roots[t], row, offset)];
  return out;
}

/** Raw scores of n rows (row-major, nFeatures each), class-major: output k of row i at k·n + i. */
export function predictFlat(ff: FlatForest, rows: ArrayLike<number>, n: number): Float64Array {
  const K = ff.nOutputs;
  const p = ff.nFeatures;
  const out = new Float64Array(n * K);
  for (let k = 0; k < K; k++) out.fill(ff.baseScore[k], k * n, (k + 1) * n);
  const { roots, value, feature, threshold, children, missingRight } = ff;
  const numeric = ff.catBits.length === 0;
  // Blocks of rows through all trees: a block's rows and the trees' top nodes stay in cache.
  const block = 256;
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let t = 0; t < roots.length; t++) {
      const base = (t % K) * n;
      const root = roots[t];
      if (numeric) for (let i = i0; i < i1; i++) out[base + i] += value[numericLeafAt(feature, threshold, children, missingRight, root, rows, i * p)];
      else for (let i = i0; i < i1; i++) out[base + i] += value[leafAt(ff, root, rows, i * p)];
    }
  }
  return out;
}
