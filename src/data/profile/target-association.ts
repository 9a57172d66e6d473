// How much each column tells about the target: mutual information on binned values, and the
// held-out predictive power of the column alone (a lookup table from bin to class rates or mean,
// fitted on one half of the rows and scored on the other). A column that predicts the target
// nearly perfectly on its own is the classic sign of leakage.

import type { Column } from "../column.js";
import { quantileSorted } from "./column-profile.js";
import type { TargetAssociation } from "./types.js";

export interface EncodedTarget {
  readonly task: "classification" | "regression";
  /** Class index per row (-1 missing), for classification. */
  readonly classes?: Int32Array;
  readonly nClasses: number;
  /** Class names, for classification. */
  readonly labels?: readonly string[];
  /** Value per row (NaN missing), for regression. */
  readonly values?: Float64Array;
  /** Quantile bins of `values` (missing = -1), for mutual information with a numeric target. */
  readonly valueBins?: Int32Array;
}

export interface Binned {
  /** Bin per row; the last bin holds missing values. */
  readonly bins: Int32Array;
  readonly nBins: number;
}

const MAX_BINS = 32;
const MAX_CATEGORIES = 64;

/**
 * Bins a column: quantile bins for numbers (edges from `sample` rows when given), one bin per
 * category for the most frequent categories.
 */
export function binColumn(column: Column, sample: Int32Array | null = null): Binned | undefined {
  switch (column.kind) {
    case "text":
      return undefined;
    case "boolean": {
      const bins = new Int32Array(column.values.length);
      for (let i = 0; i < bins.length; i++) bins[i] = column.values[i] < 0 ? 2 : column.values[i];
      return { bins, nBins: 3 };
    }
    case "categorical":
      return binCodes(column.codes, column.categories.length);
    default:
      return binNumbers(column.values, sample);
  }
}

function binCodes(codes: Int32Array, k: number): Binned {
  const counts = new Float64Array(k);
  for (const c of codes) if (c >= 0) counts[c]++;
  // Keep the most frequent categories; fold the rest into one bin.
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => counts[b] - counts[a]);
  const kept = Math.min(k, MAX_CATEGORIES);
  const map = new Int32Array(k).fill(kept);
  for (let r = 0; r < kept; r++) map[order[r]] = r;
  const nBins = kept + 2;
  const bins = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) bins[i] = codes[i] < 0 ? nBins - 1 : map[codes[i]];
  return { bins, nBins };
}

export function binNumbers(values: Float64Array, sample: Int32Array | null = null): Binned {
  const n = sample ? sample.length : values.length;
  const finite = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = sample ? values[sample[i]] : values[i];
    if (Number.isFinite(v)) finite[k++] = v;
  }
  const sorted = finite.subarray(0, k).sort();
  const cuts: number[] = [];
  for (let b = 1; b < MAX_BINS; b++) {
    const e = quantileSorted(sorted, b / MAX_BINS);
    if (cuts.length === 0 || e > cuts[cuts.length - 1]) cuts.push(e);
  }
  const edges = Float64Array.from(cuts);
  const nEdges = edges.length;
  const nBins = nEdges + 2;
  const bins = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      bins[i] = nBins - 1;
      continue;
    }
    let lo = 0;
    let hi = nEdges;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v > edges[mid]) lo = mid + 1;
      else hi = mid;
    }
    bins[i] = lo;
  }
  return { bins, nBins };
}

/** Mutual information and held-out predictive power of one binned column with the target. */
export function associate(name: string, x: Binned, target: EncodedTarget, isTest: Uint8Array): TargetAssociation {
  const y = target.task === "regression" ? target.valueBins! : target.classes!;
  const ky = target.nClasses;
  const mutualInformation = mutualInfo(x, y, ky);
  const hy = targetEntropy(target, y, ky);
  const uncertaintyCoefficient = hy > 0 ? Math.min(1, mutualInformation / hy) : 0;
  const predictivePower =
    target.task === "classification" ? heldOutAuc(x, target.classes!, target.nClasses, isTest) : heldOutR2(x, target.values!, isTest);
  return { column: name, mutualInformation, uncertaintyCoefficient, predictivePower, metric: target.task === "classification" ? "auc" : "r2" };
}

function mutualInfo(x: Binned, y: Int32Array, ky: number): number {
  const table = new Float64Array(x.nBins * ky);
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0) continue;
    table[x.bins[i] * ky + y[i]]++;
    n++;
  }
  const px = new Float64Array(x.nBins);
  const py = new Float64Array(ky);
  for (let a = 0; a < x.nBins; a++) for (let b = 0; b < ky; b++) {
    px[a] += table[a * ky + b];
    py[b] += table[a * ky + b];
  }
  let mi = 0;
  for (let a = 0; a < x.nBins; a++) for (let b = 0; b < ky; b++) {
    const c = table[a * ky + b];
    if (c > 0) mi += (c / n) * Math.log((c * n) / (px[a] * py[b]));
  }
  return Math.max(0, mi);
}

const entropies = new WeakMap<EncodedTarget, number>();

function targetEntropy(target: EncodedTarget, y: Int32Array, k: number): number {
  let h = entropies.get(target);
  if (h === undefined) {
    h = entropy(y, k);
    entropies.set(target, h);
  }
  return h;
}

function entropy(y: Int32Array, k: number): number {
  const counts = new Float64Array(k);
  let n = 0;
  for (const v of y) if (v >= 0) {
    counts[v]++;
    n++;
  }
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** Per-bin class rates from the training half (smoothed toward the prior), AUC on the test half. */
function heldOutAuc(x: Binned, y: Int32Array, k: number, isTest: Uint8Array): number {
  const counts = new Float64Array(x.nBins * k);
  const totals = new Float64Array(x.nBins);
  const prior = new Float64Array(k);
  let nTrain = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] < 0 || isTest[i]) continue;
    counts[x.bins[i] * k + y[i]]++;
    totals[x.bins[i]]++;
    prior[y[i]]++;
    nTrain++;
  }
  const classesToScore = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  let sum = 0;
  let used = 0;
  for (const c of classesToScore) {
    const p = prior[c] / nTrain;
    const score = new Float64Array(x.nBins);
    for (let b = 0; b < x.nBins; b++) score[b] = (counts[b * k + c] + p) / (totals[b] + 1);
    const pos = new Float64Array(x.nBins);
    const neg = new Float64Array(x.nBins);
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0 || !isTest[i]) continue;
      (y[i] === c ? pos : neg)[x.bins[i]]++;
    }
    const auc = binnedAuc(score, pos, neg);
    if (!Number.isNaN(auc)) {
      sum += auc;
      used++;
    }
  }
  return used ? sum / used : NaN;
}

/** ROC AUC when every row of a bin shares its bin's score (ties count one half). */
export function binnedAuc(score: Float64Array, pos: Float64Array, neg: Float64Array): number {
  const order = Array.from(score.keys()).sort((a, b) => score[a] - score[b]);
  let nPos = 0;
  let nNeg = 0;
  for (let b = 0; b < score.length; b++) {
    nPos += pos[b];
    nNeg += neg[b];
  }
  if (nPos === 0 || nNeg === 0) return NaN;
  let below = 0;
  let area = 0;
  let i = 0;
  while (i < order.length) {
    let p = 0;
    let q = 0;
    let j = i;
    while (j < order.length && score[order[j]] === score[order[i]]) {
      p += pos[order[j]];
      q += neg[order[j]];
      j++;
    }
    area += p * below + 0.5 * p * q;
    below += q;
    i = j;
  }
  return area / (nPos * nNeg);
}

/** Per-bin means from the training half (smoothed toward the mean), R² on the test half. */
function heldOutR2(x: Binned, y: Float64Array, isTest: Uint8Array): number {
  const sums = new Float64Array(x.nBins);
  const totals = new Float64Array(x.nBins);
  let mean = 0;
  let nTrain = 0;
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i]) || isTest[i]) continue;
    sums[x.bins[i]] += y[i];
    totals[x.bins[i]]++;
    mean += y[i];
    nTrain++;
  }
  mean /= nTrain;
  let testMean = 0;
  let nTest = 0;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]) && isTest[i]) {
    testMean += y[i];
    nTest++;
  }
  testMean /= nTest;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(y[i]) || !isTest[i]) continue;
    const b = x.bins[i];
    const prediction = (sums[b] + mean) / (totals[b] + 1);
    sse += (y[i] - prediction) ** 2;
    sst += (y[i] - testMean) ** 2;
  }
  return sst > 0 ? 1 - sse / sst : NaN;
}
