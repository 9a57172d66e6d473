// Finding a node's split. For each feature tried (a seeded shuffle decides the order and, with
// maxFeatures, which ones), the best splitter gathers the node's ranks on the feature and walks
// them in value order (counted into bins, or sorted), scoring every cut between two distinct
// values; the random splitter scores one uniform threshold between the node's minimum and
// maximum. Only the features drawn are read: a forest trying √p features does √p features' work.
// Scores are scikit-learn's "proxy" improvements (cheaper, same order); the winner's impurities
// are then exact.

import type { Rng } from "../../core/index.js";
import { binByKey, binByRank, clearBins, cutBins, scanRandom, scanSorted, FEATURE_THRESHOLD, type Best } from "./feature-scan.js";
import type { Criterion } from "./grower.js";
import { sortByKey, type SortScratch } from "./rank-sort.js";
import type { TrainingSet } from "./training-set.js";

/**
 * A node spanning at most this many distinct values per row counts its rows into one bin per
 * value (linear, exact) instead of sorting them.
 */
const BINS_PER_ROW = 2;

export interface SplitContext {
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
  /** A node's ranks (less their minimum) on the feature being scanned, and their positions in the node. */
  readonly nodeKeys: Int32Array;
  readonly nodePositions: Int32Array;
  /** The highest rank binByRank met. */
  readonly span: Int32Array;
  readonly sort: SortScratch;
  /** Per distinct value in a node: rows, weight (regression only: a class bin weighs its class weights), and statistics (statsWidth apart). */
  readonly binCount: Int32Array;
  readonly binWeight: Float64Array;
  readonly binStats: Float64Array;
  /** Left statistics while scanning, those of the best cut so far, and its right ones. */
  readonly left: Float64Array;
  readonly bestLeft: Float64Array;
  readonly bestRight: Float64Array;
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

/** Statistics per node or bin: class weights, or the weighted sum and sum of squares of the target. */
export function statsWidth(nClasses: number): number {
  return Math.max(2, nClasses);
}

export function nodeTotals(context: SplitContext, start: number, end: number): NodeTotals {
  const { sampleY, sampleClass, sampleW, nClasses } = context;
  const stats = new Float64Array(statsWidth(nClasses));
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
  return totalsOf(context, stats, w);
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
    if (context.isRandom ? tryRandom(context, f, start, end, totals, best) : tryBest(context, f, start, end, totals, best)) tried++;
    else foundConstants[found++] = f;
  }
  for (let c = 0; c < constants.length; c++) isKnownConstant[constants[c]] = 0;
  if (best.feature < 0) return null;
  const inChildren = found === 0 ? constants : new Int32Array(constants.length + found);
  if (found > 0) {
    inChildren.set(constants);
    inChildren.set(foundConstants.subarray(0, found), constants.length);
  }
  return recordOf(context, best, node, inChildren);
}

/** Scores every cut of feature f in the node; false when f is constant there. */
function tryBest(context: SplitContext, f: number, start: number, end: number, totals: NodeTotals, best: Best): boolean {
  const { samples, nodeKeys, nodePositions, span } = context;
  const { nRows: N, ranks, distinct, distinctStart } = context.set;
  const n = end - start;
  const valueAt = distinctStart[f];
  if (distinctStart[f + 1] - valueAt <= BINS_PER_ROW * n) {
    // Few distinct values overall: bin the rows by rank straight away, in one pass.
    const lo = binByRank(context, f, start, end, span);
    const hi = span[0];
    if (distinct[valueAt + hi] <= distinct[valueAt + lo] + FEATURE_THRESHOLD) {
      clearBins(context, lo, hi);
      return false;
    }
    cutBins(context, f, n, lo, hi, valueAt, totals, best);
    return true;
  }
  const base = f * N;
  let lo = 0x7fffffff;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const r = ranks[base + samples[start + i]];
    nodeKeys[i] = r;
    nodePositions[i] = i;
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  if (distinct[valueAt + hi] <= distinct[valueAt + lo] + FEATURE_THRESHOLD) return false;
  const range = hi - lo + 1;
  if (range <= BINS_PER_ROW * n) {
    binByKey(context, start, n, lo);
    cutBins(context, f, n, 0, range - 1, valueAt + lo, totals, best);
  } else {
    sortByKey(nodeKeys, nodePositions, n, lo, range, context.sort);
    scanSorted(context, f, start, n, valueAt + lo, totals, best);
  }
  return true;
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
