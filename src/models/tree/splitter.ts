// Finding a node's split. For each feature tried (a seeded shuffle decides the order and, with
// maxFeatures, which ones), the best splitter gathers the node's ranks on the feature and walks
// them in value order (counted into bins, or sorted), scoring every cut between two distinct
// values; the random splitter scores one uniform threshold between the node's minimum and
// maximum. Only the features drawn are read: a forest trying √p features does √p features' work.
// Scores are scikit-learn's "proxy" improvements (cheaper, same order); the winner's impurities
// are then exact. The best splitter's scans run in WebAssembly (assembly/tree.ts): as
// JavaScript, a fit spent more time compiling them (in V8's background threads, tree 0 and 1 of
// every thread) than running them; compiled ahead of time they run at once.

import type { Rng } from "../../core/index.js";
import { scanRandom, FEATURE_THRESHOLD, type Best } from "./feature-scan.js";
import type { Criterion } from "./grower.js";
import type { TrainingSet } from "./training-set.js";
import { statsWidth, type GrowBuffers } from "./tree-memory.js";

export interface SplitContext {
  /** The best splitter's scans (tryBest) and the partition, compiled from assembly/tree.ts. */
  readonly kernels: GrowBuffers["kernels"];
  readonly set: TrainingSet;
  /** The tree's rows (weight > 0); a node is a range of positions in it. */
  readonly samples: Int32Array;
  /** Rows the tree holds: samples[0, nSamples). */
  readonly nSamples: number;
  /** Target (regression) or class code (classification) and weight of samples[i] at i, moved with it: the hot loops read them in order. */
  readonly sampleY: Float64Array;
  readonly sampleClass: Int32Array;
  readonly sampleW: Float64Array;
  readonly nClasses: number;
  readonly criterion: Criterion;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: number;
  readonly isRandom: boolean;
  readonly rng: Rng;
  readonly features: Int32Array;
  /** Features constant in the node's parent (so in the node): drawn, but never read again. */
  readonly isKnownConstant: Uint8Array;
  readonly foundConstants: Int32Array;
  /** Left statistics while scanning, those of the best cut so far, and its right ones. */
  readonly left: Float64Array;
  readonly bestLeft: Float64Array;
  readonly bestRight: Float64Array;
  /** The node's statistics, where the kernels read them. */
  readonly nodeStats: Float64Array;
  /** The kernels' best cut so far: proxy, threshold, left weight; feature, rows going left, rank cut. */
  readonly best: Float64Array;
  readonly bestIndex: Int32Array;
  /** The statistics of the last node split's children, then their weight, summed while partitioning. */
  readonly leftChild: Float64Array;
  readonly rightChild: Float64Array;
}

export interface SplitRecord {
  feature: number;
  threshold: number;
  /** Rows whose rank on the feature is at most this go left (-1: compare values with threshold). */
  rankCut: number;
  /** Rows going left: the first nLeft positions of the node's range once partitioned. */
  nLeft: number;
  impurityLeft: number;
  impurityRight: number;
  /** Share of the tree's weight in the node × impurity decrease (scikit-learn's). */
  improvement: number;
  /** Features constant in the node, so in its children. */
  constants: Int32Array;
}

/** A node as the split search sees it: its range of rows, its impurity and totals. */
export interface NodeToSplit {
  readonly start: number;
  readonly end: number;
  readonly impurity: number;
  readonly totals: NodeTotals;
  /** The whole tree's weight. */
  readonly totalWeight: number;
  /** Features constant in the parent. */
  readonly constants: Int32Array;
}

export interface NodeTotals {
  weight: number;
  impurity: number;
  /** Class weights (classification) or [sum, sum of squares] (regression). */
  readonly stats: Float64Array;
}

export function nodeTotals(context: SplitContext, start: number, end: number): NodeTotals {
  const stats = new Float64Array(statsWidth(context.nClasses));
  return totalsOf(context, stats, sumStats(context, start, end, stats));
}

/**
 * Adds the rows' statistics to `stats`, returns their weight. Apart from nodeTotals so that nothing
 * but a return follows the loop (see collectSamples in grower.ts).
 */
function sumStats(context: SplitContext, start: number, end: number, stats: Float64Array): number {
  const { sampleY, sampleClass, sampleW, nClasses } = context;
  let w = 0;
  for (let i = start; i < end; i++) {
    const wi = sampleW[i];
    w += wi;
    if (nClasses > 0) stats[sampleClass[i]] += wi;
    else {
      const yi = sampleY[i];
      stats[0] += wi * yi;
      stats[1] += wi * yi * yi;
    }
  }
  return w;
}

/** A node's totals from its statistics and weight. */
export function totalsOf(context: SplitContext, stats: Float64Array, w: number): NodeTotals {
  return { weight: w, impurity: impurityOf(context.criterion, stats, context.nClasses, w), stats };
}

/** Gini, entropy in bits (scikit-learn's), or the weighted variance. */
export function impurityOf(criterion: Criterion, stats: Float64Array, nClasses: number, w: number): number {
  if (criterion === "squared_error") return stats[1] / w - (stats[0] / w) * (stats[0] / w);
  let out = criterion === "gini" ? 1 : 0;
  for (let k = 0; k < nClasses; k++) {
    const share = stats[k] / w;
    if (criterion === "gini") out -= share * share;
    else if (share > 0) out -= share * Math.log2(share);
  }
  return out;
}

/**
 * The best split of the node over the features tried, or null when no cut is allowed. Features
 * known to be constant are drawn like the others (the draws stay those of a search that reads
 * them) but cost nothing; those found constant here are passed on to the children.
 */
export function findSplit(context: SplitContext, node: NodeToSplit): SplitRecord | null {
  const { features, rng, maxFeatures, isKnownConstant, foundConstants } = context;
  const { start, end, totals, constants } = node;
  const p = context.set.nFeatures;
  const best: Best = { feature: -1, nLeft: 0, wLeft: 0, threshold: 0, rankCut: -1, proxy: -Infinity };
  for (let c = 0; c < constants.length; c++) isKnownConstant[constants[c]] = 1;
  if (!context.isRandom) {
    for (let k = 0; k < context.nodeStats.length; k++) context.nodeStats[k] = totals.stats[k];
    context.best[0] = -Infinity;
    context.bestIndex[0] = -1;
  }
  let found = 0;
  let tried = 0;
  for (let j = 0; j < p && tried < maxFeatures; j++) {
    // Partial Fisher-Yates: features[j] is drawn among those not tried yet at this node.
    if (maxFeatures < p) {
      const r = j + rng.int(p - j);
      const f = features[r];
      features[r] = features[j];
      features[j] = f;
    }
    // A constant feature does not count as tried: look further (as scikit-learn does).
    const f = features[j];
    if (isKnownConstant[f] === 1) continue;
    if (context.isRandom ? tryRandom(context, f, start, end, totals, best) : context.kernels.tryBest(f, start, end, totals.weight) === 1) tried++;
    else foundConstants[found++] = f;
  }
  for (let c = 0; c < constants.length; c++) isKnownConstant[constants[c]] = 0;
  if (!context.isRandom) bestOfKernels(context, best);
  if (best.feature < 0) return null;
  const inChildren = found === 0 ? constants : new Int32Array(constants.length + found);
  if (found > 0) {
    inChildren.set(constants);
    inChildren.set(foundConstants.subarray(0, found), constants.length);
  }
  return recordOf(context, best, node, inChildren);
}

/** The kernels' best cut, as the random splitter keeps its own. */
function bestOfKernels(context: SplitContext, best: Best): void {
  const { best: slots, bestIndex } = context;
  best.feature = bestIndex[0];
  best.nLeft = bestIndex[1];
  best.rankCut = bestIndex[2];
  best.proxy = slots[0];
  best.threshold = slots[1];
  best.wLeft = slots[2];
}

/** Scores one uniform threshold of feature f in the node; false when f is constant there. */
function tryRandom(context: SplitContext, f: number, start: number, end: number, totals: NodeTotals, best: Best): boolean {
  const { samples } = context;
  const { nRows: N, columns } = context.set;
  const base = f * N;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    const v = columns[base + samples[i]];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi <= lo + FEATURE_THRESHOLD) return false;
  scanRandom(context, f, start, end, randomThreshold(context.rng, lo, hi), totals, best);
  return true;
}

function randomThreshold(rng: Rng, lo: number, hi: number): number {
  const t = lo + rng.next() * (hi - lo);
  return t === hi ? lo : t;
}

function recordOf(context: SplitContext, best: Best, node: NodeToSplit, constants: Int32Array): SplitRecord {
  const { totals, impurity, totalWeight } = node;
  const { nClasses, criterion, bestLeft: left, bestRight: right } = context;
  for (let k = 0; k < left.length; k++) right[k] = totals.stats[k] - left[k];
  const wNode = totals.weight;
  const wl = best.wLeft;
  const wr = wNode - wl;
  const impurityLeft = impurityOf(criterion, left, nClasses, wl);
  const impurityRight = impurityOf(criterion, right, nClasses, wr);
  const improvement = (wNode / totalWeight) * (impurity - (wr / wNode) * impurityRight - (wl / wNode) * impurityLeft);
  return { feature: best.feature, threshold: best.threshold, rankCut: best.rankCut, nLeft: best.nLeft, impurityLeft, impurityRight, improvement, constants };
}
