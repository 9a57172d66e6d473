// Grows one CART tree (Breiman et al. 1984, as scikit-learn does it) over a TrainingSet: exact
// splits (the splitter orders a node's rows on each feature it tries), or one random threshold
// per feature (extremely randomised trees). A node is a range of positions in the tree's list of
// rows; splitting it partitions that range in place, left rows first. Depth first by default,
// best split first when the leaves are limited.

import { OrchardError, Rng } from "../../core/index.js";
import { TreeBuffer, preorder, type FlatTree } from "./flat-tree.js";
import { sortScratch, type SortScratch } from "./rank-sort.js";
import { findSplit, nodeTotals, statsWidth, totalsOf, type NodeTotals, type SplitRecord, type SplitContext } from "./splitter.js";
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
export function growTree(set: TrainingSet, y: Float64Array, weight: Float64Array, settings: GrowSettings, buffers?: GrowBuffers): FlatTree {
  const context = contextOf(set, y, weight, settings, buffers ?? growBuffers(set.nRows, settings.nClasses, settings.splitter));
  const K = Math.max(1, settings.nClasses);
  const tree = new TreeBuffer(K);
  const bestFirst = settings.maxLeafNodes !== null;
  const pending: Pending[] = [];
  const rootTotals = nodeTotals(context, 0, context.nSamples);
  const totalWeight = rootTotals.weight;
  const add = (start: number, end: number, depth: number, totals: NodeTotals, impurity: number, constants: Int32Array): number => {
    const node = tree.addLeaf(impurity, end - start, totals.weight);
    const { stats, weight } = totals;
    if (settings.nClasses > 0) for (let k = 0; k < K; k++) tree.value[node * K + k] = stats[k] / weight;
    else tree.value[node] = stats[0] / weight;
    const n = end - start;
    if (depth >= settings.maxDepth || n < settings.minSamplesSplit || n < 2 * settings.minSamplesLeaf || impurity <= EPSILON) return node;
    const split = findSplit(context, { start, end, impurity, totals, totalWeight, constants });
    if (split === null || split.improvement + EPSILON < settings.minImpurityDecrease) return node;
    const entry = { node, start, end, depth, split };
    if (bestFirst) pushByImprovement(pending, entry);
    else pending.push(entry);
    return node;
  };
  add(0, context.nSamples, 0, rootTotals, rootTotals.impurity, new Int32Array(0));
  let splitsLeft = bestFirst ? settings.maxLeafNodes! - 1 : Infinity;
  while (pending.length > 0 && splitsLeft > 0) {
    const { node, start, end, depth, split } = pending.pop()!;
    splitsLeft--;
    const [leftTotals, rightTotals] = partition(context, start, end, split);
    tree.feature[node] = split.feature;
    tree.threshold[node] = split.threshold;
    const middle = start + split.nLeft;
    // Right first, then left: depth first, the left subtree is grown first (as scikit-learn's).
    // Children first, then the links: adding a node may reallocate the buffer's arrays.
    const right = add(middle, end, depth + 1, rightTotals, split.impurityRight, split.constants);
    const left = add(start, middle, depth + 1, leftTotals, split.impurityLeft, split.constants);
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

/** The tree's own rows (weight > 0), in row order, and the scratch buffers its split search reuses. */
/** The buffers growing a tree needs, sized for trees of up to nRows rows; reusable tree after tree. */
export interface GrowBuffers {
  readonly samples: Int32Array;
  /** Targets (regression) or class codes (classification), moved with the rows. */
  readonly sampleY: Float64Array;
  readonly sampleClass: Int32Array;
  readonly sampleW: Float64Array;
  readonly nodeKeys: Int32Array;
  readonly nodePositions: Int32Array;
  readonly sort: SortScratch;
  /** All zero between two searches: each search empties the bins it filled. */
  readonly binCount: Int32Array;
  readonly binWeight: Float64Array;
  readonly binStats: Float64Array;
}

export function growBuffers(nRows: number, nClasses: number, splitter: "best" | "random"): GrowBuffers {
  const m = nRows;
  // Bins serve nodes spanning at most 2 values per row: 2m bins cover the largest node.
  const bins = splitter === "random" ? 0 : 2 * m;
  const sorted = splitter === "random" ? 0 : m;
  return {
    samples: new Int32Array(m),
    sampleY: new Float64Array(nClasses > 0 ? 0 : m),
    sampleClass: new Int32Array(nClasses > 0 ? m : 0),
    sampleW: new Float64Array(m),
    nodeKeys: new Int32Array(sorted),
    nodePositions: new Int32Array(sorted),
    sort: sortScratch(sorted),
    binCount: new Int32Array(bins),
    binWeight: new Float64Array(bins),
    binStats: new Float64Array(bins * statsWidth(nClasses)),
  };
}

function contextOf(set: TrainingSet, y: Float64Array, weight: Float64Array, settings: GrowSettings, buffers: GrowBuffers): SplitContext {
  const { nRows: N, nFeatures: p } = set;
  const { samples, sampleY, sampleClass, sampleW } = buffers;
  const isClassifier = settings.nClasses > 0;
  let m = 0;
  for (let i = 0; i < N; i++) {
    if (weight[i] > 0) {
      samples[m] = i;
      if (isClassifier) sampleClass[m] = y[i];
      else sampleY[m] = y[i];
      sampleW[m++] = weight[i];
    }
  }
  const S = statsWidth(settings.nClasses);
  return {
    ...buffers,
    set,
    nSamples: m,
    nClasses: settings.nClasses,
    criterion: settings.criterion,
    minSamplesLeaf: settings.minSamplesLeaf,
    maxFeatures: settings.maxFeatures,
    isRandom: settings.splitter === "random",
    rng: new Rng(settings.seed),
    features: Int32Array.from({ length: p }, (_, f) => f),
    isKnownConstant: new Uint8Array(p),
    foundConstants: new Int32Array(p),
    span: new Int32Array(1),
    left: new Float64Array(S),
    bestLeft: new Float64Array(S),
    bestRight: new Float64Array(S),
    leftChild: new Float64Array(S + 1),
    rightChild: new Float64Array(S + 1),
  };
}

/**
 * Partitions the node's rows [start, end) in place, those going left first, and sums the
 * statistics and weight of each side on the way (the children's totals, without another pass,
 * in scratch arrays: a node's totals serve only its own split search). Cuts are between ranks:
 * comparing 32-bit ranks reads half the bytes of the values.
 */
function partition(context: SplitContext, start: number, end: number, split: SplitRecord): [NodeTotals, NodeTotals] {
  const { leftChild: left, rightChild: right } = context;
  const S = left.length - 1;
  for (let k = 0; k <= S; k++) left[k] = right[k] = 0;
  const nLeft = partitionRows(context, start, end, split.feature, split.rankCut, split.threshold) - start;
  if (nLeft !== split.nLeft) throw new OrchardError("internal", `Tree growth: the split sent ${nLeft} rows left, its search counted ${split.nLeft}`);
  return [totalsOf(context, left, left[S]), totalsOf(context, right, right[S])];
}

/**
 * The loop of partition, alone: it returns where the right rows start, and nothing runs after
 * it. V8 compiles a long loop while it runs (on-stack replacement), before any code after the
 * loop has run; such code, lacking type feedback, throws the compiled loop away on leaving it,
 * and Node 20's V8 re-enters that same code at the next call to throw it away again — thousands
 * of times per tree. Weights are summed into the scratch arrays' last slot for the same reason.
 */
function partitionRows(context: SplitContext, start: number, end: number, feature: number, rankCut: number, threshold: number): number {
  const { samples, sampleY, sampleClass, sampleW, nClasses, leftChild: left, rightChild: right } = context;
  const { nRows: N, columns, ranks } = context.set;
  const base = feature * N;
  const W = left.length - 1;
  let i = start;
  let j = end - 1;
  // Each turn settles the row at i: it stays (left) or swaps with the row at j (right).
  while (i <= j) {
    const row = samples[i];
    const goesLeft = rankCut >= 0 ? ranks[base + row] <= rankCut : columns[base + row] <= threshold;
    const wi = sampleW[i];
    if (goesLeft) {
      left[W] += wi;
      if (nClasses > 0) left[sampleClass[i]] += wi;
      else {
        const yi = sampleY[i];
        left[0] += wi * yi;
        left[1] += wi * yi * yi;
      }
      i++;
      continue;
    }
    right[W] += wi;
    samples[i] = samples[j];
    samples[j] = row;
    sampleW[i] = sampleW[j];
    sampleW[j] = wi;
    if (nClasses > 0) {
      const c = sampleClass[i];
      right[c] += wi;
      sampleClass[i] = sampleClass[j];
      sampleClass[j] = c;
    } else {
      const yi = sampleY[i];
      right[0] += wi * yi;
      right[1] += wi * yi * yi;
      sampleY[i] = sampleY[j];
      sampleY[j] = yi;
    }
    j--;
  }
  return i;
}
