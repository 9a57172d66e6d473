// Finding a node's split. For each feature tried (a seeded shuffle decides the order and, with
// maxFeatures, which ones), the best splitter walks the node's rows in value order, moving one row
// at a time to the left child, and scores every cut between two distinct values; the random
// splitter scores one uniform threshold between the node's minimum and maximum. Scores are
// scikit-learn's "proxy" improvements (cheaper, same order); the winner's impurities are then exact.

import type { Rng } from "../../core/index.js";
import type { Criterion } from "./grower.js";

/** Values closer than this are one value: no cut between them (scikit-learn's FEATURE_THRESHOLD). */
const FEATURE_THRESHOLD = 1e-7;

export interface SplitContext {
  readonly nRows: number;
  readonly nFeatures: number;
  /** Per feature f, positions f × nRows..: rows sorted by value within each node's range. */
  readonly order: Int32Array;
  readonly values: Float64Array;
  readonly y: Float64Array;
  readonly weight: Float64Array;
  readonly nClasses: number;
  readonly criterion: Criterion;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: number;
  readonly isRandom: boolean;
  readonly rng: Rng;
  readonly features: Int32Array;
  readonly goLeft: Uint8Array;
  readonly scratchRows: Int32Array;
  readonly scratchValues: Float64Array;
}

export interface SplitRecord {
  feature: number;
  threshold: number;
  /** Rows going left: the first nLeft positions of the node's range. */
  nLeft: number;
  impurityLeft: number;
  impurityRight: number;
  /** Share of the tree's weight in the node × impurity decrease (scikit-learn's). */
  improvement: number;
}

export interface NodeTotals {
  weight: number;
  impurity: number;
  /** Class weights (classification) or [sum, sum of squares] (regression). */
  readonly stats: Float64Array;
  /** Class probabilities, or [mean]. */
  readonly value: Float64Array;
}

export function nodeTotals(context: SplitContext, start: number, end: number): NodeTotals {
  const { order, y, weight, nClasses } = context;
  const stats = new Float64Array(Math.max(2, nClasses));
  let w = 0;
  for (let i = start; i < end; i++) {
    const row = order[i];
    const wi = weight[row];
    w += wi;
    if (nClasses > 0) stats[y[row]] += wi;
    else {
      stats[0] += wi * y[row];
      stats[1] += wi * y[row] * y[row];
    }
  }
  const value = nClasses > 0 ? stats.slice(0, nClasses).map((c) => c / w) : Float64Array.of(stats[0] / w);
  return { weight: w, impurity: impurityOf(context.criterion, stats, nClasses, w), stats, value };
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

/** The best split of the node over the features tried, or null when no cut is allowed. */
export function findSplit(context: SplitContext, start: number, end: number, impurity: number, totals: NodeTotals, totalWeight: number): SplitRecord | null {
  const { nFeatures: p, features, rng, maxFeatures } = context;
  const best: Best = { feature: -1, nLeft: 0, wLeft: 0, threshold: 0, proxy: -Infinity };
  const left = new Float64Array(totals.stats.length);
  const bestLeft = new Float64Array(totals.stats.length);
  let tried = 0;
  for (let j = 0; j < p && tried < maxFeatures; j++) {
    // Partial Fisher-Yates: features[j] is drawn among those not tried yet at this node.
    if (maxFeatures < p) {
      const r = j + rng.int(p - j);
      const f = features[r];
      features[r] = features[j];
      features[j] = f;
    }
    const f = features[j];
    const base = f * context.nRows;
    const lo = context.values[base + start];
    const hi = context.values[base + end - 1];
    // A constant feature does not count as tried: look further (as scikit-learn does).
    if (hi <= lo + FEATURE_THRESHOLD) continue;
    tried++;
    const cut = context.isRandom ? randomThreshold(rng, lo, hi) : NaN;
    scanFeature(context, f, start, end, totals, cut, left, bestLeft, best);
  }
  if (best.feature < 0) return null;
  return recordOf(context, best, bestLeft, totals, impurity, totalWeight);
}

interface Best {
  feature: number;
  nLeft: number;
  wLeft: number;
  threshold: number;
  proxy: number;
}

function randomThreshold(rng: Rng, lo: number, hi: number): number {
  const t = lo + rng.next() * (hi - lo);
  return t === hi ? lo : t;
}

/**
 * Scores the cuts of feature f (all of them, or the one at `cut` when it is a number) and updates
 * `best` (and `bestLeft`, its left statistics); returns true when f gave the new best.
 * The loop is long on purpose: it is the hot loop of tree growth, one pass, no calls per row.
 */
function scanFeature(context: SplitContext, f: number, start: number, end: number, totals: NodeTotals, cut: number, left: Float64Array, bestLeft: Float64Array, best: Best): boolean {
  const { order, values, y, weight, nClasses, criterion, minSamplesLeaf } = context;
  const base = f * context.nRows;
  const isRandom = !Number.isNaN(cut);
  const total = totals.stats;
  const wNode = totals.weight;
  const n = end - start;
  left.fill(0);
  let wl = 0;
  let found = false;
  for (let i = start; i < end - 1; i++) {
    const row = order[base + i];
    const wi = weight[row];
    wl += wi;
    if (nClasses > 0) left[y[row]] += wi;
    else {
      left[0] += wi * y[row];
      left[1] += wi * y[row] * y[row];
    }
    const v = values[base + i];
    const next = values[base + i + 1];
    if (isRandom) {
      if (next <= cut) continue;
    } else if (next <= v + FEATURE_THRESHOLD) continue;
    const nLeft = i + 1 - start;
    if (nLeft < minSamplesLeaf || n - nLeft < minSamplesLeaf) {
      if (isRandom || n - nLeft < minSamplesLeaf) break;
      continue;
    }
    const wr = wNode - wl;
    let proxy: number;
    if (nClasses === 0) {
      const sr = total[0] - left[0];
      proxy = (left[0] * left[0]) / wl + (sr * sr) / wr;
    } else if (criterion === "gini") {
      let sl = 0;
      let sr = 0;
      for (let k = 0; k < nClasses; k++) {
        const r = total[k] - left[k];
        sl += left[k] * left[k];
        sr += r * r;
      }
      proxy = sl / wl + sr / wr;
    } else {
      let el = 0;
      let er = 0;
      for (let k = 0; k < nClasses; k++) {
        const r = total[k] - left[k];
        if (left[k] > 0) el += left[k] * Math.log2(left[k] / wl);
        if (r > 0) er += r * Math.log2(r / wr);
      }
      proxy = el + er;
    }
    if (proxy > best.proxy) {
      best.proxy = proxy;
      best.feature = f;
      best.nLeft = nLeft;
      best.threshold = isRandom ? cut : midpoint(v, next);
      best.wLeft = wl;
      bestLeft.set(left);
      found = true;
    }
    if (isRandom) break;
  }
  return found;
}

/** scikit-learn's threshold: halfway, or the lower value when halfway rounds up to the upper one. */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t === b || !Number.isFinite(t) ? a : t;
}

function recordOf(context: SplitContext, best: Best, left: Float64Array, totals: NodeTotals, impurity: number, totalWeight: number): SplitRecord {
  const { nClasses, criterion } = context;
  const right = totals.stats.map((s, k) => s - left[k]);
  const wNode = totals.weight;
  const wl = best.wLeft;
  const wr = wNode - wl;
  const impurityLeft = impurityOf(criterion, left, nClasses, wl);
  const impurityRight = impurityOf(criterion, right, nClasses, wr);
  const improvement = (wNode / totalWeight) * (impurity - (wr / wNode) * impurityRight - (wl / wNode) * impurityLeft);
  return { feature: best.feature, threshold: best.threshold, nLeft: best.nLeft, impurityLeft, impurityRight, improvement };
}
