// Scoring a random split (extremely randomised trees): one threshold of one feature in one node,
// with scikit-learn's proxy improvement: Σ left² / w_left + Σ right² / w_right for Gini and
// squared error, Σ n log2 share for entropy. The best splitter's scans, the hot loops of CART,
// are in assembly/tree.ts and score cuts the same way.

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
