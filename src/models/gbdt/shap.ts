// Per-row feature contributions of a fitted forest by TreeSHAP: Lundberg, Erion & Lee (2018),
// "Consistent Individualized Feature Attribution for Tree Ensembles", Algorithm 2. For one row and
// one tree it gives the exact Shapley values of the game v(S) = E[f(x) | x_S], where the
// expectation follows the row at splits on features in S and averages the two children weighted
// by cover at the others, in O(leaves · depth²) instead of O(2^features).
//
// The idea: one walk down the tree carries, for the unique features met on the current path, what
// share of the subsets reach this point with the feature absent ("zero fraction": the cover share
// of the branch taken) and present ("one fraction": 1 on the branch the row takes, 0 on the
// other), plus the Shapley weights summed by subset size. EXTEND adds a feature to the path,
// UNWIND takes one out (to read off its contribution at a leaf, or when a feature repeats).

import { InvalidInput } from "../../core/index.js";
import type { Forest } from "./predictor.js";
import type { Tree } from "./tree.js";
import { categoryGoesLeft } from "./tree.js";

/**
 * Contributions of every feature to the raw score of every row, laid out [row][output][feature + 1]:
 * output k of row i has its contributions at ((i * nOutputs + k) * (nFeatures + 1)) + f, and the
 * last slot holds the bias (baseScore plus each tree's expected value). Each row's slots for an
 * output sum to that output's raw score. Rows are row-major, NaN = missing, categories as codes.
 */
export function treeShap(forest: Forest, rows: ArrayLike<number>, nRows: number, nFeatures: number): Float64Array {
  checkInput(forest, rows, nRows, nFeatures);
  const K = forest.nOutputs;
  const width = nFeatures + 1;
  const trees = forest.trees;
  const bias = Float64Array.from(forest.baseScore);
  let maxDepth = 0;
  for (let t = 0; t < trees.length; t++) {
    bias[t % K] += expectedValue(trees[t]);
    maxDepth = Math.max(maxDepth, depthBelow(trees[t], 0));
  }
  const out = new Float64Array(nRows * K * width);
  const walk = new PathWalk(maxDepth);
  for (let i = 0; i < nRows; i++) {
    for (let t = 0; t < trees.length; t++) walk.explain(trees[t], rows, i * nFeatures, out, (i * K + (t % K)) * width);
    for (let k = 0; k < K; k++) out[(i * K + k) * width + nFeatures] = bias[k];
  }
  return out;
}

/** The tree's output averaged over its training rows: at each split, children weighted by cover. */
export function expectedValue(tree: Tree): number {
  return meanBelow(tree, 0);
}

function meanBelow(tree: Tree, node: number): number {
  if (tree.feature[node] < 0) return tree.value[node];
  const left = tree.left[node];
  const right = tree.right[node];
  return coverShare(tree, node, left) * meanBelow(tree, left) + coverShare(tree, node, right) * meanBelow(tree, right);
}

/**
 * Share of `node`'s training rows that went to `child`. A node without cover (possible with zero
 * hessians) splits its weight evenly, so that the expectation stays defined.
 */
function coverShare(tree: Tree, node: number, child: number): number {
  const total = tree.cover[node];
  return total > 0 ? tree.cover[child] / total : 0.5;
}

/** Recursion rather than a pass over node indices: it does not assume parents come first. */
function depthBelow(tree: Tree, node: number): number {
  if (tree.feature[node] < 0) return 0;
  return 1 + Math.max(depthBelow(tree, tree.left[node]), depthBelow(tree, tree.right[node]));
}

/** The direction one row takes at one internal node (the rule of leafOf in tree.ts). */
function goesLeft(tree: Tree, node: number, rows: ArrayLike<number>, offset: number): boolean {
  const v = rows[offset + tree.feature[node]];
  if (v !== v) return tree.missingLeft[node] === 1;
  if (tree.catOffset[node] >= 0) return categoryGoesLeft(tree, node, v);
  return v <= tree.threshold[node];
}

/**
 * The path state of Algorithm 2 for every level of the recursion, preallocated once: level L owns
 * `stride` slots starting at L * stride, and a child copies its parent's path into its own level
 * rather than allocating. A path holds a placeholder plus at most one entry per level above, so
 * maxDepth + 2 slots per level and maxDepth + 1 levels are enough.
 */
class PathWalk {
  readonly #stride: number;
  /** Feature of each path entry (-1 for the placeholder that starts every path). */
  readonly #feature: Int32Array;
  readonly #zero: Float64Array;
  readonly #one: Float64Array;
  /** Summed Shapley weights of the subsets of each size; positional, not tied to an entry. */
  readonly #weight: Float64Array;
  #tree!: Tree;
  #rows!: ArrayLike<number>;
  #offset = 0;
  #out!: Float64Array;
  #base = 0;

  constructor(maxDepth: number) {
    this.#stride = maxDepth + 2;
    const size = this.#stride * (maxDepth + 2);
    this.#feature = new Int32Array(size);
    this.#zero = new Float64Array(size);
    this.#one = new Float64Array(size);
    this.#weight = new Float64Array(size);
  }

  /** Adds the tree's contributions for the row at rows[offset ..] to out[base + feature]. */
  explain(tree: Tree, rows: ArrayLike<number>, offset: number, out: Float64Array, base: number): void {
    this.#tree = tree;
    this.#rows = rows;
    this.#offset = offset;
    this.#out = out;
    this.#base = base;
    this.#recurse(0, 0, 0, 1, 1, -1);
  }

  /**
   * RECURSE of Algorithm 2 at `node`, on level `level`, whose parent's path has `parentLength`
   * entries; the edge into the node adds feature `feature` with fractions (zero, one).
   */
  #recurse(node: number, level: number, parentLength: number, zero: number, one: number, feature: number): void {
    const tree = this.#tree;
    const start = level * this.#stride;
    if (level > 0) this.#copyPath(start - this.#stride, start, parentLength);
    let length = this.#extend(start, parentLength, zero, one, feature);
    if (tree.feature[node] < 0) {
      const value = tree.value[node];
      for (let i = 1; i < length; i++) {
        const e = start + i;
        const w = this.#unwoundWeight(start, length, i);
        this.#out[this.#base + this.#feature[e]] += w * (this.#one[e] - this.#zero[e]) * value;
      }
      return;
    }
    const split = tree.feature[node];
    const left = goesLeft(tree, node, this.#rows, this.#offset);
    const hot = left ? tree.left[node] : tree.right[node];
    const cold = left ? tree.right[node] : tree.left[node];
    // A feature met again: its earlier entry leaves the path and its fractions carry over, so each
    // feature appears once and its fractions are products over all its splits on the path.
    let zeroBefore = 1;
    let oneBefore = 1;
    for (let i = 1; i < length; i++) {
      if (this.#feature[start + i] !== split) continue;
      zeroBefore = this.#zero[start + i];
      oneBefore = this.#one[start + i];
      length = this.#unwind(start, length, i);
      break;
    }
    const hotZero = zeroBefore * coverShare(tree, node, hot);
    const coldZero = zeroBefore * coverShare(tree, node, cold);
    // An entry with both fractions 0 zeroes every weight below it, so its subtree adds nothing; it
    // is skipped, which also keeps UNWIND from dividing by a zero fraction.
    if (hotZero !== 0 || oneBefore !== 0) this.#recurse(hot, level + 1, length, hotZero, oneBefore, split);
    if (coldZero !== 0) this.#recurse(cold, level + 1, length, coldZero, 0, split);
  }

  #copyPath(from: number, to: number, length: number): void {
    for (let i = 0; i < length; i++) {
      this.#feature[to + i] = this.#feature[from + i];
      this.#zero[to + i] = this.#zero[from + i];
      this.#one[to + i] = this.#one[from + i];
      this.#weight[to + i] = this.#weight[from + i];
    }
  }

  /** EXTEND: appends an entry and updates the weights by subset size; returns the new length. */
  #extend(start: number, length: number, zero: number, one: number, feature: number): number {
    const w = this.#weight;
    const end = start + length;
    this.#feature[end] = feature;
    this.#zero[end] = zero;
    this.#one[end] = one;
    w[end] = length === 0 ? 1 : 0;
    // Subsets of size i either leave the new feature out (weight × zero, shifted by size) or take
    // it in (weight × one, moved to size i + 1).
    for (let i = length - 1; i >= 0; i--) {
      w[start + i + 1] += (one * w[start + i] * (i + 1)) / (length + 1);
      w[start + i] = (zero * w[start + i] * (length - i)) / (length + 1);
    }
    return length + 1;
  }

  /** UNWIND: removes entry `index`, undoing its EXTEND on the weights; returns the new length. */
  #unwind(start: number, length: number, index: number): number {
    const w = this.#weight;
    const one = this.#one[start + index];
    const zero = this.#zero[start + index];
    let carry = w[start + length - 1];
    for (let j = length - 2; j >= 0; j--) {
      if (one !== 0) {
        const before = w[start + j];
        w[start + j] = (carry * length) / ((j + 1) * one);
        carry = before - (w[start + j] * zero * (length - 1 - j)) / length;
      } else {
        w[start + j] = (w[start + j] * length) / (zero * (length - 1 - j));
      }
    }
    for (let j = start + index; j < start + length - 1; j++) {
      this.#feature[j] = this.#feature[j + 1];
      this.#zero[j] = this.#zero[j + 1];
      this.#one[j] = this.#one[j + 1];
    }
    return length - 1;
  }

  /** The sum of the weights UNWIND would leave after removing entry `index`, without changing the path. */
  #unwoundWeight(start: number, length: number, index: number): number {
    const w = this.#weight;
    const one = this.#one[start + index];
    const zero = this.#zero[start + index];
    let carry = w[start + length - 1];
    let total = 0;
    for (let j = length - 2; j >= 0; j--) {
      if (one !== 0) {
        const unwound = (carry * length) / ((j + 1) * one);
        total += unwound;
        carry = w[start + j] - (unwound * zero * (length - 1 - j)) / length;
      } else {
        total += (w[start + j] * length) / (zero * (length - 1 - j));
      }
    }
    return total;
  }
}

function checkInput(forest: Forest, rows: ArrayLike<number>, nRows: number, nFeatures: number): void {
  if (!Number.isInteger(nRows) || nRows < 0) throw new InvalidInput(`nRows must be a non-negative integer: received ${nRows}`);
  if (nFeatures !== forest.nFeatures) {
    throw new InvalidInput(`The rows have ${nFeatures} features but the forest was fitted on ${forest.nFeatures}`);
  }
  if (rows.length < nRows * nFeatures) {
    throw new InvalidInput(`rows has ${rows.length} values but ${nRows} rows × ${nFeatures} features need ${nRows * nFeatures}`);
  }
  if (forest.baseScore.length !== forest.nOutputs) {
    throw new InvalidInput(`The forest has ${forest.nOutputs} outputs but ${forest.baseScore.length} base scores`);
  }
  forest.trees.forEach((tree, t) => {
    for (let node = 0; node < tree.nNodes; node++) {
      if (tree.feature[node] >= nFeatures) {
        throw new InvalidInput(`Tree ${t} splits on feature ${tree.feature[node]} at node ${node}, but there are ${nFeatures} features`);
      }
    }
  });
}
