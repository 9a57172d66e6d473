// The hot loops of tree growth: scoring the cuts of one feature in one node. Three ways in —
// bins (one per distinct value in the node, filled in one pass over its rows), rows sorted by
// rank, or a single random threshold — and one score, scikit-learn's proxy improvement:
// Σ left² / w_left + Σ right² / w_right for Gini and squared error, Σ n log2 share for entropy.
// Each loop is long on purpose: one pass, no allocation, no call per row.

import type { SplitContext, NodeTotals } from "./splitter.js";

/** Values closer than this are one value: no cut between them (scikit-learn's FEATURE_THRESHOLD). */
export const FEATURE_THRESHOLD = 1e-7;

/** The best cut so far over the features tried in a node. */
export interface Best {
  feature: number;
  nLeft: number;
  wLeft: number;
  threshold: number;
  /** The rank of the highest value going left, or -1 for a threshold between values (random splits). */
  rankCut: number;
  proxy: number;
}

const SQUARED_ERROR = 0;
const GINI = 1;
const ENTROPY = 2;

function criterionCode(context: SplitContext): number {
  return context.nClasses === 0 ? SQUARED_ERROR : context.criterion === "gini" ? GINI : ENTROPY;
}

/** The proxy improvement of a cut with statistics `left` (weight wl) out of `total` (weight wl + wr). */
function proxyOf(code: number, nClasses: number, left: Float64Array, total: Float64Array, wl: number, wr: number): number {
  if (code === SQUARED_ERROR) {
    const sr = total[0] - left[0];
    return (left[0] * left[0]) / wl + (sr * sr) / wr;
  }
  if (code === GINI) {
    let sl = 0;
    let sr = 0;
    for (let k = 0; k < nClasses; k++) {
      const r = total[k] - left[k];
      sl += left[k] * left[k];
      sr += r * r;
    }
    return sl / wl + sr / wr;
  }
  let el = 0;
  let er = 0;
  for (let k = 0; k < nClasses; k++) {
    const r = total[k] - left[k];
    if (left[k] > 0) el += left[k] * Math.log2(left[k] / wl);
    if (r > 0) er += r * Math.log2(r / wr);
  }
  return el + er;
}

function keep(context: SplitContext, best: Best, f: number, proxy: number, nLeft: number, wl: number, threshold: number, rankCut: number): void {
  best.proxy = proxy;
  best.feature = f;
  best.nLeft = nLeft;
  best.wLeft = wl;
  best.threshold = threshold;
  best.rankCut = rankCut;
  const { left, bestLeft } = context;
  for (let k = 0; k < left.length; k++) bestLeft[k] = left[k];
}

/**
 * Counts the node's rows [start, end) into bins by their rank on feature f (bin = rank), in one
 * pass; for features with few distinct values. Returns the lowest rank, and the highest in span[0].
 */
export function binByRank(context: SplitContext, f: number, start: number, end: number, span: Int32Array): number {
  const { samples, sampleY, sampleClass, sampleW, nClasses, binCount, binWeight, binStats } = context;
  const { nRows: N, ranks } = context.set;
  const S = context.left.length;
  const base = f * N;
  let lo = 0x7fffffff;
  let hi = -1;
  // One loop per task, not a test per row; a class bin's weight is the sum of its class weights,
  // so classification skips binWeight (one update per row fewer, in a loop that is all updates).
  if (nClasses > 0) {
    for (let i = start; i < end; i++) {
      const b = ranks[base + samples[i]];
      if (b < lo) lo = b;
      if (b > hi) span[0] = hi = b;
      binCount[b]++;
      binStats[b * S + sampleClass[i]] += sampleW[i];
    }
  } else {
    for (let i = start; i < end; i++) {
      const b = ranks[base + samples[i]];
      if (b < lo) lo = b;
      if (b > hi) span[0] = hi = b;
      const wi = sampleW[i];
      const yi = sampleY[i];
      binCount[b]++;
      binWeight[b] += wi;
      binStats[b * S] += wi * yi;
      binStats[b * S + 1] += wi * yi * yi;
    }
  }
  // Nothing but the return after the loops (span is written inside them): see partitionRows.
  return lo;
}

/** Counts the node's n gathered rows (context.nodeKeys: rank, bin rank - lo; nodePositions: position - start) into bins. */
export function binByKey(context: SplitContext, start: number, n: number, lo: number): void {
  const { nodeKeys, nodePositions, sampleY, sampleClass, sampleW, nClasses, binCount, binWeight, binStats } = context;
  const S = context.left.length;
  for (let i = 0; i < n; i++) {
    const b = nodeKeys[i] - lo;
    const at = start + nodePositions[i];
    const wi = sampleW[at];
    binCount[b]++;
    if (nClasses > 0) binStats[b * S + sampleClass[at]] += wi;
    else {
      const yi = sampleY[at];
      binWeight[b] += wi;
      binStats[b * S] += wi * yi;
      binStats[b * S + 1] += wi * yi * yi;
    }
  }
}

/** Empties bins [from, to]. */
export function clearBins(context: SplitContext, from: number, to: number): void {
  const S = context.left.length;
  const { binCount, binWeight, binStats } = context;
  // Loops, not fill(): most ranges are short, and a builtin call costs more than they do.
  for (let b = from; b <= to; b++) {
    binCount[b] = 0;
    binWeight[b] = 0;
  }
  for (let i = from * S; i < (to + 1) * S; i++) binStats[i] = 0;
}

/**
 * Scores the cuts between consecutive non-empty bins of [from, to] (the node's n rows of feature
 * f, bin b holding the value set.distinct[valueAt + b]), then empties the bins.
 */
export function cutBins(context: SplitContext, f: number, n: number, from: number, to: number, valueAt: number, totals: NodeTotals, best: Best): void {
  const { nClasses, binCount, binWeight, binStats, left, minSamplesLeaf } = context;
  const { distinct, distinctStart } = context.set;
  const S = left.length;
  const code = criterionCode(context);
  const total = totals.stats;
  const wNode = totals.weight;
  for (let k = 0; k < left.length; k++) left[k] = 0;
  let wl = 0;
  let nl = 0;
  let previous = -1;
  // Each bin is emptied as it is added to the left side; only an early stop leaves bins to clear.
  let b = from;
  for (; b <= to; b++) {
    const count = binCount[b];
    if (count === 0) continue;
    if (previous >= 0 && distinct[valueAt + b] > distinct[valueAt + previous] + FEATURE_THRESHOLD) {
      if (n - nl < minSamplesLeaf) break;
      if (nl >= minSamplesLeaf) {
        const proxy = proxyOf(code, nClasses, left, total, wl, wNode - wl);
        if (proxy > best.proxy) keep(context, best, f, proxy, nl, wl, midpoint(distinct[valueAt + previous], distinct[valueAt + b]), valueAt + previous - distinctStart[f]);
      }
    }
    if (nClasses > 0) {
      for (let k = 0; k < S; k++) {
        const w = binStats[b * S + k];
        binStats[b * S + k] = 0;
        left[k] += w;
        wl += w;
      }
    } else {
      left[0] += binStats[b * S];
      left[1] += binStats[b * S + 1];
      wl += binWeight[b];
      binStats[b * S] = binStats[b * S + 1] = binWeight[b] = 0;
    }
    binCount[b] = 0;
    nl += count;
    previous = b;
  }
  if (b <= to) clearBins(context, b, to);
}

/**
 * Feature f's n rows in the node [start, ..), sorted by rank (context.nodeKeys, less the lowest
 * rank; nodePositions), cut between distinct values; set.distinct[valueAt + key] is the value.
 */
export function scanSorted(context: SplitContext, f: number, start: number, n: number, valueAt: number, totals: NodeTotals, best: Best): void {
  const { nodeKeys, nodePositions, sampleY, sampleClass, sampleW, nClasses, left, minSamplesLeaf } = context;
  const { distinct, distinctStart } = context.set;
  const code = criterionCode(context);
  const total = totals.stats;
  const wNode = totals.weight;
  for (let k = 0; k < left.length; k++) left[k] = 0;
  let wl = 0;
  for (let i = 0; i < n - 1; i++) {
    const at = start + nodePositions[i];
    const wi = sampleW[at];
    wl += wi;
    if (nClasses > 0) left[sampleClass[at]] += wi;
    else {
      const yi = sampleY[at];
      left[0] += wi * yi;
      left[1] += wi * yi * yi;
    }
    const key = nodeKeys[i];
    const nextKey = nodeKeys[i + 1];
    if (nextKey === key) continue;
    const v = distinct[valueAt + key];
    const next = distinct[valueAt + nextKey];
    if (next <= v + FEATURE_THRESHOLD) continue;
    const nLeft = i + 1;
    if (n - nLeft < minSamplesLeaf) break;
    if (nLeft < minSamplesLeaf) continue;
    const proxy = proxyOf(code, nClasses, left, total, wl, wNode - wl);
    if (proxy > best.proxy) keep(context, best, f, proxy, nLeft, wl, midpoint(v, next), valueAt + key - distinctStart[f]);
  }
}

/** Feature f's cut at `cut` in the node [start, end): rows with a value ≤ cut go left. */
export function scanRandom(context: SplitContext, f: number, start: number, end: number, cut: number, totals: NodeTotals, best: Best): void {
  const { samples, sampleY, sampleClass, sampleW, nClasses, left, minSamplesLeaf } = context;
  const { nRows: N, columns } = context.set;
  const base = f * N;
  for (let k = 0; k < left.length; k++) left[k] = 0;
  let wl = 0;
  let nl = 0;
  for (let i = start; i < end; i++) {
    if (columns[base + samples[i]] > cut) continue;
    const wi = sampleW[i];
    wl += wi;
    nl++;
    if (nClasses > 0) left[sampleClass[i]] += wi;
    else {
      const yi = sampleY[i];
      left[0] += wi * yi;
      left[1] += wi * yi * yi;
    }
  }
  const n = end - start;
  if (nl < minSamplesLeaf || n - nl < minSamplesLeaf) return;
  const proxy = proxyOf(criterionCode(context), nClasses, left, totals.stats, wl, totals.weight - wl);
  if (proxy > best.proxy) keep(context, best, f, proxy, nl, wl, cut, -1);
}

/** scikit-learn's threshold: halfway, or the lower value when halfway rounds up to the upper one. */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t === b || !Number.isFinite(t) ? a : t;
}
