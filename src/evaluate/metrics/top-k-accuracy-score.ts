// Top-k accuracy: the (weighted) share of rows whose true class is among the k highest scores.
// Ties between scores go to the class listed later, as scikit-learn's reversed stable argsort
// has it.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { type ClassLabel, checkedLabelList, describeLabels, labelCodes, sortedLabels } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths, checkedScoreMatrix, checkedScores, isMatrix } from "./score-inputs.js";

export interface TopKAccuracyOptions {
  /** Default 2. */
  readonly k?: number;
  readonly sampleWeight?: ArrayLike<number>;
  /** The classes in the order of the score columns; by default yTrue's, sorted. */
  readonly classes?: readonly ClassLabel[];
  /** false: the (weighted) count of hits instead of their share (default true). */
  readonly normalize?: boolean;
}

export function topKAccuracyScore(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number> | Matrix, options: TopKAccuracyOptions = {}): number {
  const metric = "topKAccuracyScore";
  const k = options.k ?? 2;
  if (!Number.isInteger(k) || k < 1) throw new InvalidInput(`k must be an integer ≥ 1: received ${String(k)} (${metric})`);
  const n = checkLengths(yTrue, isMatrix(yScore) ? { length: yScore.rows } : yScore, "yScore", metric);
  const weight = checkedSampleWeight(options.sampleWeight, n, metric);
  const hits = isMatrix(yScore) ? matrixHits(yTrue, yScore, k, options.classes, metric) : binaryHits(yTrue, yScore, k, options.classes, metric);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight === null ? 1 : weight[i];
    sum += hits[i] * w;
    total += w;
  }
  return options.normalize === false ? sum : sum / total;
}

/** Rank of the true class = scores above it + equal scores of later classes; a hit when below k. */
function matrixHits(yTrue: ArrayLike<ClassLabel>, yScore: Matrix, k: number, classes: readonly ClassLabel[] | undefined, metric: string): Uint8Array {
  const { codes, matrix } = classProbabilitiesOrScores(yTrue, yScore, classes, metric);
  const { data, cols } = matrix;
  const hits = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const row = i * cols;
    const own = data[row + codes[i]];
    let rank = 0;
    for (let c = 0; c < cols; c++) {
      const s = data[row + c];
      if (s > own || (s === own && c > codes[i])) rank++;
    }
    hits[i] = rank < k ? 1 : 0;
  }
  return hits;
}

/** One score per row, two classes: with k = 1 a threshold (0.5 for probabilities, else 0); k ≥ 2 always hits. */
function binaryHits(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number>, k: number, classes: readonly ClassLabel[] | undefined, metric: string): Uint8Array {
  const scores = checkedScores(yScore, yScore.length, { name: "yScore", metric, probability: false });
  const resolved = classes === undefined ? sortedLabels([{ y: yTrue, name: "yTrue" }], metric) : checkedLabelList(classes, "classes", metric);
  if (resolved.length !== 2) throw new InvalidInput(`yScore gives one score per row, so two classes are needed, but there are ${describeLabels(resolved)} (${metric})`);
  const codes = labelCodes(yTrue, resolved, { name: "yTrue", metric, missing: null });
  const hits = new Uint8Array(codes.length);
  if (k >= 2) return hits.fill(1);
  let isProbability = true;
  for (let i = 0; i < scores.length; i++) if (scores[i] < 0 || scores[i] > 1) isProbability = false;
  const threshold = isProbability ? 0.5 : 0;
  for (let i = 0; i < codes.length; i++) hits[i] = (scores[i] > threshold ? 1 : 0) === codes[i] ? 1 : 0;
  return hits;
}

/** Scores need not be probabilities for top-k; only finiteness and shape are checked. */
function classProbabilitiesOrScores(yTrue: ArrayLike<ClassLabel>, yScore: Matrix, classes: readonly ClassLabel[] | undefined, metric: string): { codes: Int32Array; matrix: Matrix } {
  const resolved = classes === undefined ? sortedLabels([{ y: yTrue, name: "yTrue" }], metric) : checkedLabelList(classes, "classes", metric);
  const matrix = checkedScoreMatrix(yScore, yTrue.length, { name: "yScore", metric, nClasses: resolved.length });
  return { codes: labelCodes(yTrue, resolved, { name: "yTrue", metric, missing: null }), matrix };
}
