// Agreement between two labelings of the same rows, invariant to renaming the labels: the
// adjusted Rand index (Hubert & Arabie 1985) and normalised mutual information with the
// arithmetic mean of the entropies as normaliser (scikit-learn's default). Special cases follow
// scikit-learn 1.2.

import { InvalidInput } from "../../core/index.js";
import { contingency } from "./label-codes.js";

/** 1 for identical partitions, about 0 for independent ones, negative below chance. */
export function adjustedRandScore(labelsTrue: ArrayLike<unknown>, labelsPred: ArrayLike<unknown>): number {
  const { a, b, table, n } = contingency(labelsTrue, labelsPred);
  // Pair counts: pairs together in both (tp), in one only (fp, fn), in neither (tn).
  let sumSquares = 0;
  for (let c = 0; c < table.length; c++) sumSquares += table[c] * table[c];
  let sumA = 0;
  let sumB = 0;
  for (let c = 0; c < a.nLabels; c++) sumA += a.counts[c] * a.counts[c];
  for (let c = 0; c < b.nLabels; c++) sumB += b.counts[c] * b.counts[c];
  const tp = sumSquares - n;
  const fp = sumB - sumSquares;
  const fn = sumA - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Mutual information (natural log) of two labelings, from their contingency table. */
export function mutualInfoScore(labelsTrue: ArrayLike<unknown>, labelsPred: ArrayLike<unknown>): number {
  return mutualInfo(contingency(labelsTrue, labelsPred));
}

export interface NormalizedMutualInfoOptions {
  /** How the two entropies are averaged into the normaliser (scikit-learn's average_method). */
  readonly averageMethod?: "arithmetic" | "geometric" | "min" | "max";
}

/** MI / mean(H(true), H(pred)): 1 for identical partitions, 0 for independent ones. */
export function normalizedMutualInfoScore(labelsTrue: ArrayLike<unknown>, labelsPred: ArrayLike<unknown>, options: NormalizedMutualInfoOptions = {}): number {
  const { averageMethod = "arithmetic" } = options;
  if (!(averageMethod in AVERAGES)) throw new InvalidInput(`averageMethod must be one of ${Object.keys(AVERAGES).join(", ")}: received ${String(averageMethod)}`);
  const table = contingency(labelsTrue, labelsPred);
  const { a, b } = table;
  if (a.nLabels === b.nLabels && (a.nLabels === 1 || a.nLabels === 0)) return 1;
  const mi = mutualInfo(table);
  if (mi === 0) return 0;
  return mi / Math.max(AVERAGES[averageMethod](entropy(a.counts), entropy(b.counts)), Number.EPSILON);
}

const AVERAGES = {
  arithmetic: (u: number, v: number) => (u + v) / 2,
  geometric: (u: number, v: number) => Math.sqrt(u * v),
  min: (u: number, v: number) => Math.min(u, v),
  max: (u: number, v: number) => Math.max(u, v),
} as const;

function mutualInfo({ a, b, table, n }: ReturnType<typeof contingency>): number {
  if (a.nLabels <= 1 || b.nLabels <= 1) return 0;
  const logN = Math.log(n);
  let mi = 0;
  for (let i = 0; i < a.nLabels; i++) {
    for (let j = 0; j < b.nLabels; j++) {
      const nij = table[i * b.nLabels + j];
      if (nij === 0) continue;
      const term = (nij / n) * (Math.log(nij) - logN) + (nij / n) * (-Math.log(a.counts[i] * b.counts[j]) + logN + logN);
      // Terms that cancel to rounding noise count as zero, as in scikit-learn.
      if (Math.abs(term) >= Number.EPSILON) mi += term;
    }
  }
  return Math.max(mi, 0);
}

/** Entropy (natural log) of a labeling given its counts per label. */
function entropy(counts: Float64Array): number {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return 1;
  const logTotal = Math.log(total);
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * (Math.log(c) - logTotal);
  return h;
}
