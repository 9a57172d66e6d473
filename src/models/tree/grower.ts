// Grows one CART tree (Breiman et al. 1984, as scikit-learn does it) over a TrainingSet: exact
// splits over each feature's presorted rows, or one random threshold per feature (extremely
// randomised trees). A node is a range of positions, the same range in every feature's sorted
// segment; splitting a node partitions each segment stably, so children stay sorted without
// sorting again. Depth first by default, best split first when the leaves are limited.

import { Rng } from "../../core/index.js";
import { TreeBuffer, preorder, type FlatTree } from "./flat-tree.js";
import { findSplit, nodeTotals, type SplitRecord, type SplitContext } from "./splitter.js";
import type { TrainingSet } from "./training-set.js";

export type Criterion = "gini" | "entropy" | "squared_error";

export interface GrowSettings {
  readonly criterion: Criterion;
  /** Classes, or 0 for regression. */
  readonly nClasses: number;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly minImpurityDecrease: number;
  readonly maxLeafNodes: number | null;
  /** Features tried per split. */
  readonly maxFeatures: number;
  readonly splitter: "best" | "random";
  readonly seed: number;
}

/** scikit-learn's EPSILON: a node this pure is a leaf; a split this close to the minimum passes. */
const EPSILON = 2.220446049250313e-16;

interface Pending {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly split: SplitRecord;
}

/**
 * The tree for target `y` (class codes 0..K-1, or values) with row weights `weight` (0 leaves a
 * row out: a bootstrap sample is weights of counts). Nodes are numbered in preorder.
 */
export function growTree(set: TrainingSet, y: Float64Array, weight: Float64Array, settings: GrowSettings): FlatTree {
  const context = contextOf(set, y, weight, settings);
  const K = Math.max(1, settings.nClasses);
  const tree = new TreeBuffer(K);
  const bestFirst = settings.maxLeafNodes !== null;
  const pending: Pending[] = [];
  const totalWeight = nodeTotals(context, 0, context.nRows).weight;
  const add = (start: number, end: number, depth: number, impurity: number | null): number => {
    const totals = nodeTotals(context, start, end);
    const nodeImpurity = impurity ?? totals.impurity;
    const node = tree.addLeaf(nodeImpurity, end - start, totals.weight);
    tree.value.set(totals.value, node * K);
    const n = end - start;
    if (depth >= settings.maxDepth || n < settings.minSamplesSplit || n < 2 * settings.minSamplesLeaf || nodeImpurity <= EPSILON) return node;
    const split = findSplit(context, start, end, nodeImpurity, totals, totalWeight);
    if (split === null || split.improvement + EPSILON < settings.minImpurityDecrease) return node;
    const entry = { node, start, end, depth, split };
    if (bestFirst) pushByImprovement(pending, entry);
    else pending.push(entry);
    return node;
  };
  add(0, context.nRows, 0, null);
  let splitsLeft = bestFirst ? settings.maxLeafNodes! - 1 : Infinity;
  while (pending.length > 0 && splitsLeft > 0) {
    const { node, start, end, depth, split } = pending.pop()!;
    splitsLeft--;
    partition(context, start, end, split);
    tree.feature[node] = split.feature;
    tree.threshold[node] = split.threshold;
    const middle = start + split.nLeft;
    // Right first, then left: depth first, the left subtree is grown first (as scikit-learn's).
    // Children first, then the links: adding a node may reallocate the buffer's arrays.
    const right = add(middle, end, depth + 1, split.impurityRight);
    const left = add(start, middle, depth + 1, split.impurityLeft);
    tree.right[node] = right;
    tree.left[node] = left;
  }
  return preorder(tree.finish());
}

/** Keeps `pending` sorted by improvement, best last (popped first); equal ones in arrival order. */
function pushByImprovement(pending: Pending[], entry: Pending): void {
  let at = 0;
  while (at < pending.length && pending[at].split.improvement < entry.split.improvement) at++;
  while (at < pending.length && pending[at].split.improvement === entry.split.improvement) at++;
  pending.splice(at, 0, entry);
}

/** The tree's own rows (weight > 0), in each feature's sorted order, with their values beside. */
function contextOf(set: TrainingSet, y: Float64Array, weight: Float64Array, settings: GrowSettings): SplitContext {
  const { nRows: N, nFeatures: p, columns, sortedRows } = set;
  let m = 0;
  for (let i = 0; i < N; i++) if (weight[i] > 0) m++;
  const order = new Int32Array(p * m);
  const values = new Float64Array(p * m);
  for (let f = 0; f < p; f++) {
    let at = f * m;
    for (let j = f * N, end = f * N + N; j < end; j++) {
      const row = sortedRows[j];
      if (weight[row] > 0) {
        order[at] = row;
        values[at++] = columns[f * N + row];
      }
    }
  }
  return {
    nRows: m,
    nFeatures: p,
    order,
    values,
    y,
    weight,
    nClasses: settings.nClasses,
    criterion: settings.criterion,
    minSamplesLeaf: settings.minSamplesLeaf,
    maxFeatures: settings.maxFeatures,
    isRandom: settings.splitter === "random",
    rng: new Rng(settings.seed),
    features: Int32Array.from({ length: p }, (_, f) => f),
    goLeft: new Uint8Array(N),
    scratchRows: new Int32Array(m),
    scratchValues: new Float64Array(m),
  };
}

/** Stable partition of every feature's segment [start, end): rows going left first. */
function partition(context: SplitContext, start: number, end: number, split: SplitRecord): void {
  const { nRows: m, nFeatures: p, order, values, goLeft, scratchRows, scratchValues } = context;
  const base = split.feature * m;
  for (let i = base + start, last = base + start + split.nLeft; i < last; i++) goLeft[order[i]] = 1;
  for (let f = 0; f < p; f++) {
    if (f === split.feature) continue;
    let l = f * m + start;
    let r = 0;
    for (let i = f * m + start, last = f * m + end; i < last; i++) {
      const row = order[i];
      if (goLeft[row] === 1) {
        order[l] = row;
        values[l++] = values[i];
      } else {
        scratchRows[r] = row;
        scratchValues[r++] = values[i];
      }
    }
    order.set(scratchRows.subarray(0, r), l);
    values.set(scratchValues.subarray(0, r), l);
  }
  for (let i = base + start, last = base + start + split.nLeft; i < last; i++) goLeft[order[i]] = 0;
}
