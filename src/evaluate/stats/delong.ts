// DeLong's test for two correlated ROC AUCs measured on the same rows (DeLong, DeLong &
// Clarke-Pearson, Biometrics 1988), computed by Sun & Xu's O(n log n) algorithm (IEEE Signal
// Processing Letters 21, 2014): each AUC and its structural components come from three midrank
// vectors (positives alone, negatives alone, all rows), so no m × n comparison matrix is formed.

import { InvalidInput } from "../../core/index.js";
import { argsort } from "./argsort.js";
import { positiveMask } from "./binary-target.js";
import { normalQuantile, normalSf } from "../../core/index.js";

export interface DeLongOptions {
  /** The positive label; by default 1 (or true) of a {0, 1}, {−1, 1} or boolean target. */
  readonly positiveLabel?: unknown;
  readonly confidence?: number;
}

export interface DeLongResult {
  readonly aucA: number;
  readonly aucB: number;
  /** aucA − aucB. */
  readonly difference: number;
  /** Covariance matrix of (aucA, aucB), row-major 2 × 2. */
  readonly covariance: Float64Array;
  readonly z: number;
  /** Two-sided p-value of aucA = aucB. */
  readonly pValue: number;
  /** Confidence intervals (normal approximation; the AUC ones clipped to [0, 1]). */
  readonly ciA: readonly [number, number];
  readonly ciB: readonly [number, number];
  readonly ciDifference: readonly [number, number];
}

export function delongTest(yTrue: ArrayLike<unknown>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, options: DeLongOptions = {}): DeLongResult {
  const { confidence = 0.95 } = options;
  const n = yTrue.length;
  if (scoresA.length !== n || scoresB.length !== n) throw new InvalidInput(`delongTest: yTrue has ${n} rows but the scores have ${scoresA.length} and ${scoresB.length}`);
  const positive = positiveMask(yTrue, options.positiveLabel, "delongTest");
  const m = positive.reduce((a, b) => a + b, 0);
  if (m < 2 || n - m < 2) throw new InvalidInput(`delongTest needs at least 2 positive and 2 negative rows: received ${m} and ${n - m}`);
  const a = aucComponents(positive, scoresA, m);
  const b = aucComponents(positive, scoresB, m);
  const cov = new Float64Array([
    covariance(a.v10, a.v10) / m + covariance(a.v01, a.v01) / (n - m),
    covariance(a.v10, b.v10) / m + covariance(a.v01, b.v01) / (n - m),
    0,
    covariance(b.v10, b.v10) / m + covariance(b.v01, b.v01) / (n - m),
  ]);
  cov[2] = cov[1];
  const difference = a.auc - b.auc;
  const varDiff = cov[0] + cov[3] - 2 * cov[1];
  const z = varDiff > 0 ? difference / Math.sqrt(varDiff) : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const q = normalQuantile(0.5 + confidence / 2);
  const ci = (center: number, variance: number, clip: boolean): [number, number] => {
    const half = q * Math.sqrt(Math.max(0, variance));
    return clip ? [Math.max(0, center - half), Math.min(1, center + half)] : [center - half, center + half];
  };
  return {
    aucA: a.auc,
    aucB: b.auc,
    difference,
    covariance: cov,
    z,
    pValue: Math.min(1, 2 * normalSf(Math.abs(z))),
    ciA: ci(a.auc, cov[0], true),
    ciB: ci(b.auc, cov[3], true),
    ciDifference: ci(difference, varDiff, false),
  };
}

/** The AUC and its structural components V10 (one per positive) and V01 (one per negative). */
function aucComponents(positive: Uint8Array, scores: ArrayLike<number>, m: number): { auc: number; v10: Float64Array; v01: Float64Array } {
  const n = positive.length;
  const pos = new Float64Array(m);
  const neg = new Float64Array(n - m);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    const s = scores[i];
    if (!Number.isFinite(s)) throw new InvalidInput(`delongTest: scores must be finite: row ${i} is ${s}`);
    if (positive[i]) pos[p++] = s;
    else neg[q++] = s;
  }
  const all = new Float64Array(n);
  all.set(pos);
  all.set(neg, m);
  const tx = midranks(pos);
  const ty = midranks(neg);
  const tz = midranks(all);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n - m);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    sum += tz[i];
    v10[i] = (tz[i] - tx[i]) / (n - m);
  }
  for (let j = 0; j < n - m; j++) v01[j] = 1 - (tz[m + j] - ty[j]) / m;
  return { auc: (sum - (m * (m + 1)) / 2) / (m * (n - m)), v10, v01 };
}

/** 1-based ranks, ties given the mean of the ranks they span. */
export function midranks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = argsort(values);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    const rank = 0.5 * (i + j - 1) + 1;
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

/** Sample covariance (n − 1 in the denominator). */
function covariance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] - mx) * (y[i] - my);
  return s / (n - 1);
}
