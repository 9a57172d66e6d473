// Grows one CART tree (Breiman et al. 1984, as scikit-learn does it) over a TrainingSet: exact
// splits (the splitter orders a node's rows on each feature it tries), or one random threshold
// per feature (extremely randomised trees). A node is a range of positions in the tree's list of
// rows; splitting it partitions that range in place, left rows first. Depth first by default,
// best split first when the leaves are limited.

import { OrchardError, Rng } from "../../core/index.js";
import { TreeBuffer, preorder, type FlatTree } from "./flat-tree.js";
import { findSplit, nodeTotals, totalsOf, type NodeTotals, type SplitRecord, type SplitContext } from "./splitter.js";
import type { TrainingSet } from "./training-set.js";
import { growBuffers, statsWidth, type GrowBuffers } from "./tree-memory.js";

export { growBuffers, type GrowBuffers };

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
  const context = contextOf(set, y, weight, settings, buffers ?? growBuffers(set, settings));
  // The settings as locals: the closure below runs once per node, and reading an object whose
  // hidden class may differ from one tree to the next would throw its compiled code away.
  const { nClasses, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxLeafNodes } = settings;
  const K = Math.max(1, nClasses);
  const tree = new TreeBuffer(K);
  const bestFirst = maxLeafNodes !== null;
  const pending: Pending[] = [];
  const rootTotals = nodeTotals(context, 0, context.nSamples);
  const totalWeight = rootTotals.weight;
  const add = (start: number, end: number, depth: number, totals: NodeTotals, impurity: number, constants: Int32Array): number => {
    const node = tree.addLeaf(impurity, end - start, totals.weight);
    const { stats, weight } = totals;
    if (nClasses > 0) for (let k = 0; k < K; k++) tree.value[node * K + k] = stats[k] / weight;
    else tree.value[node] = stats[0] / weight;
    const n = end - start;
    if (depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf || impurity <= EPSILON) return node;
    const split = findSplit(context, { start, end, impurity, totals, totalWeight, constants });
    if (split === null || split.improvement + EPSILON < minImpurityDecrease) return node;
    const entry = { node, start, end, depth, split };
    if (bestFirst) pushByImprovement(pending, entry);
    else pending.push(entry);
    return node;
  };
  add(0, context.nSamples, 0, rootTotals, rootTotals.impurity, new Int32Array(0));
  let splitsLeft = bestFirst ? maxLeafNodes! - 1 : Infinity;
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
  // The buffer is read as it stands (its arrays longer than its nodes): preorder copies every node anyway.
  return preorder(tree);
}

/** Keeps `pending` sorted by improvement, best last (popped first); equal ones in arrival order. */
function pushByImprovement(pending: Pending[], entry: Pending): void {
  let at = 0;
  while (at < pending.length && pending[at].split.improvement < entry.split.improvement) at++;
  while (at < pending.length && pending[at].split.improvement === entry.split.improvement) at++;
  pending.splice(at, 0, entry);
}

function contextOf(set: TrainingSet, y: Float64Array, weight: Float64Array, settings: GrowSettings, buffers: GrowBuffers): SplitContext {
  const { nRows: N, nFeatures: p } = set;
  const { kernels, samples, sampleY, sampleClass, sampleW } = buffers;
  const m = collectSamples(buffers, y, weight, N, settings.nClasses > 0);
  const S = statsWidth(settings.nClasses);
  kernels.configure(settings.nClasses, CRITERION_CODES[settings.criterion], settings.minSamplesLeaf);
  // Every field spelled out, in one literal: a spread of the buffers gave each fit's context a
  // different hidden class, and the second fit threw away the code the first had compiled.
  return {
    kernels,
    samples,
    sampleY,
    sampleClass,
    sampleW,
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
    left: buffers.left,
    bestLeft: buffers.bestLeft,
    bestRight: new Float64Array(S),
    nodeStats: buffers.nodeStats,
    best: buffers.best,
    bestIndex: buffers.bestIndex,
    leftChild: buffers.leftChild,
    rightChild: buffers.rightChild,
  };
}

/** The criteria as assembly/tree.ts numbers them. */
const CRITERION_CODES: Record<Criterion, number> = { squared_error: 0, gini: 1, entropy: 2 };

/**
 * Writes the rows of positive weight, their targets and weights to the buffers; returns how many.
 * Nothing but the return follows the loop. V8 compiles a long loop while it runs (on-stack
 * replacement), before any code after the loop has run; such code, lacking type feedback, throws
 * the compiled loop away on leaving it, and Node 20's V8 re-enters that same code at the next
 * call to throw it away again, tree after tree.
 */
function collectSamples(buffers: GrowBuffers, y: Float64Array, weight: Float64Array, N: number, isClassifier: boolean): number {
  const { samples, sampleY, sampleClass, sampleW } = buffers;
  let m = 0;
  for (let i = 0; i < N; i++) {
    if (weight[i] > 0) {
      samples[m] = i;
      if (isClassifier) sampleClass[m] = y[i];
      else sampleY[m] = y[i];
      sampleW[m++] = weight[i];
    }
  }
  return m;
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
  const nLeft = context.kernels.partitionRows(start, end, split.feature, split.rankCut, split.threshold) - start;
  if (nLeft !== split.nLeft) throw new OrchardError("internal", `Tree growth: the split sent ${nLeft} rows left, its search counted ${split.nLeft}`);
  return [totalsOf(context, left, left[S]), totalsOf(context, right, right[S])];
}
