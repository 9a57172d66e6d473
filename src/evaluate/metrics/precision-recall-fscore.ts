// Precision, recall and the F-beta score, per class or averaged: binary (one positive class),
// micro (pooled counts), macro (unweighted mean over classes) or weighted (mean weighted by each
// class's true count). A ratio whose denominator is 0 — precision of a class never predicted,
// recall of a class never present — takes `zeroDivision` (0 by default, scikit-learn's "warn").

import { InvalidInput } from "../../core/index.js";
import { type ClassLabel, describeLabels, positiveLabel } from "./class-labels.js";
import { labelPair } from "./label-pair.js";

export type Average = "binary" | "micro" | "macro" | "weighted";

export interface PrecisionRecallFscoreOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** The classes to score, in this order (default: every label in yTrue or yPred, sorted). Ignored by the binary average. */
  readonly labels?: readonly ClassLabel[];
  /** The value of 0/0: 0 (default) or 1. */
  readonly zeroDivision?: 0 | 1;
}

export interface AveragedOptions extends PrecisionRecallFscoreOptions {
  /** Default "binary". */
  readonly average?: Average;
  /** The positive class of the binary average; by default the larger of the two labels. */
  readonly posLabel?: ClassLabel;
}

export interface ClassScores {
  readonly labels: ClassLabel[];
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly fScore: Float64Array;
  /** The (weighted) count of true rows of each class. */
  readonly support: Float64Array;
}

/** Per-class precision, recall, F-beta and support (scikit-learn's average=None). */
export function precisionRecallFscoreSupport(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: PrecisionRecallFscoreOptions & { beta?: number } = {}): ClassScores {
  const metric = "precisionRecallFscoreSupport";
  const beta = checkedBeta(options.beta ?? 1, metric);
  const sums = classSums(yTrue, yPred, options, false, metric);
  return { labels: sums.labels, ...ratios(sums, beta, checkedZeroDivision(options.zeroDivision, metric)), support: sums.trueSum };
}

export function fbetaScore(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AveragedOptions & { beta: number }): number {
  return averaged(yTrue, yPred, options, checkedBeta(options.beta, "fbetaScore"), "fbetaScore").fScore;
}

export function f1Score(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AveragedOptions = {}): number {
  return averaged(yTrue, yPred, options, 1, "f1Score").fScore;
}

export function precisionScore(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AveragedOptions = {}): number {
  return averaged(yTrue, yPred, options, 1, "precisionScore").precision;
}

export function recallScore(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AveragedOptions = {}): number {
  return averaged(yTrue, yPred, options, 1, "recallScore").recall;
}

interface ClassSums {
  readonly labels: ClassLabel[];
  readonly tpSum: Float64Array;
  readonly predSum: Float64Array;
  readonly trueSum: Float64Array;
}

function averaged(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AveragedOptions, beta: number, metric: string): { precision: number; recall: number; fScore: number } {
  const average = options.average ?? "binary";
  if (!["binary", "micro", "macro", "weighted"].includes(average)) {
    throw new InvalidInput(`average must be "binary", "micro", "macro" or "weighted": received ${JSON.stringify(average)} (${metric})`);
  }
  const zero = checkedZeroDivision(options.zeroDivision, metric);
  let sums = classSums(yTrue, yPred, options, average === "binary", metric);
  if (average === "micro") sums = { labels: sums.labels, tpSum: pooled(sums.tpSum), predSum: pooled(sums.predSum), trueSum: pooled(sums.trueSum) };
  const { precision, recall, fScore } = ratios(sums, beta, zero);
  let weights: Float64Array | null = null;
  if (average === "weighted") {
    weights = sums.trueSum;
    if (total(weights) === 0) {
      // No true row in any scored class: scikit-learn's convention.
      return total(sums.predSum) === 0 ? { precision: zero, recall: zero, fScore: zero } : { precision: 0, recall: zero, fScore: 0 };
    }
  }
  return { precision: mean(precision, weights), recall: mean(recall, weights), fScore: mean(fScore, weights) };
}

/** Weighted true positives, predictions and true rows per scored class. */
function classSums(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AveragedOptions, binary: boolean, metric: string): ClassSums {
  const pair = labelPair(yTrue, yPred, { sampleWeight: options.sampleWeight, labels: binary ? undefined : options.labels }, metric);
  if (binary && pair.present.length > 2) {
    throw new InvalidInput(`The labels hold ${pair.present.length} classes ${describeLabels(pair.present)} but average is "binary" (${metric})`, { hint: 'choose average "micro", "macro" or "weighted"' });
  }
  if (binary && options.posLabel !== undefined && pair.present.length === 2 && !pair.present.includes(options.posLabel)) {
    throw new InvalidInput(`posLabel ${JSON.stringify(options.posLabel)} is not one of the labels ${describeLabels(pair.present)} (${metric})`);
  }
  const scored = binary ? [positiveLabel(pair.present, options.posLabel, metric)] : pair.labels;
  // Column of each coded label among the scored ones (binary: only the positive class is scored).
  const slot = new Int32Array(pair.labels.length).fill(-1);
  pair.labels.forEach((label, k) => (slot[k] = scored.indexOf(label)));
  const K = scored.length;
  const tpSum = new Float64Array(K);
  const predSum = new Float64Array(K);
  const trueSum = new Float64Array(K);
  const { trueCodes, predCodes, weight } = pair;
  for (let i = 0; i < trueCodes.length; i++) {
    const w = weight === null ? 1 : weight[i];
    const t = trueCodes[i] < 0 ? -1 : slot[trueCodes[i]];
    const p = predCodes[i] < 0 ? -1 : slot[predCodes[i]];
    if (t >= 0) trueSum[t] += w;
    if (p >= 0) predSum[p] += w;
    if (t >= 0 && t === p) tpSum[t] += w;
  }
  return { labels: scored, tpSum, predSum, trueSum };
}

function ratios(sums: ClassSums, beta: number, zero: number): { precision: Float64Array; recall: Float64Array; fScore: Float64Array } {
  const K = sums.tpSum.length;
  const precision = new Float64Array(K);
  const recall = new Float64Array(K);
  const fScore = new Float64Array(K);
  const beta2 = beta * beta;
  for (let k = 0; k < K; k++) {
    precision[k] = sums.predSum[k] === 0 ? zero : sums.tpSum[k] / sums.predSum[k];
    recall[k] = sums.trueSum[k] === 0 ? zero : sums.tpSum[k] / sums.trueSum[k];
    if (beta === Infinity) fScore[k] = recall[k];
    else {
      const denominator = beta2 * precision[k] + recall[k];
      fScore[k] = denominator === 0 ? 0 : ((1 + beta2) * precision[k] * recall[k]) / denominator;
    }
  }
  return { precision, recall, fScore };
}

function checkedBeta(beta: number, metric: string): number {
  if (typeof beta !== "number" || !(beta >= 0)) throw new InvalidInput(`beta must be a number ≥ 0: received ${String(beta)} (${metric})`);
  return beta;
}

function checkedZeroDivision(value: 0 | 1 | undefined, metric: string): 0 | 1 {
  if (value === undefined) return 0;
  if (value !== 0 && value !== 1) throw new InvalidInput(`zeroDivision must be 0 or 1: received ${String(value)} (${metric})`);
  return value;
}

function pooled(values: Float64Array): Float64Array {
  return Float64Array.of(total(values));
}

function total(values: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum;
}

function mean(values: Float64Array, weights: Float64Array | null): number {
  let sum = 0;
  let totalWeight = 0;
  for (let k = 0; k < values.length; k++) {
    const w = weights === null ? 1 : weights[k];
    sum += w * values[k];
    totalWeight += w;
  }
  return sum / totalWeight;
}
