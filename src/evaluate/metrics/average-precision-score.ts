// Average precision, scikit-learn's step-wise definition: Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds of
// the precision-recall curve, without the interpolation that makes the trapezoidal area optimistic.
// Binary: the scores of the positive class. Multiclass: a rows × classes score matrix, each class
// against the rest, averaged over classes (macro), by class prevalence (weighted), or over every
// (row, class) cell at once (micro).

import { InvalidInput, type Matrix } from "../../core/index.js";
import { type BinaryCurve, binaryCurve } from "./binary-curve.js";
import { type ClassLabel, checkedLabelList, describeLabels, labelCodes, sortedLabels } from "./class-labels.js";
import { type PrecisionRecallCurveOptions, scoredCurve } from "./precision-recall-curve.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths, checkedScoreMatrix, column, isMatrix } from "./score-inputs.js";

export interface AveragePrecisionOptions extends PrecisionRecallCurveOptions {
  /** The classes in the order of the score columns (a model's `classes`); by default yTrue's, sorted. */
  readonly classes?: readonly ClassLabel[];
  /** Multiclass average: macro (default), weighted by class prevalence, or micro. */
  readonly average?: "macro" | "weighted" | "micro";
}

const METRIC = "averagePrecisionScore";

export function averagePrecisionScore(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number> | Matrix, options: AveragePrecisionOptions = {}): number {
  if (options.average !== undefined && !["macro", "weighted", "micro"].includes(options.average)) {
    throw new InvalidInput(`average must be "macro", "weighted" or "micro": received ${JSON.stringify(options.average)} (${METRIC})`);
  }
  if (!isMatrix(yScore)) return curvePrecision(scoredCurve(yTrue, yScore, options, METRIC));
  const n = checkLengths(yTrue, { length: yScore.rows }, "yScore", METRIC);
  const classes = options.classes === undefined ? sortedLabels([{ y: yTrue, name: "yTrue" }], METRIC) : checkedLabelList(options.classes, "classes", METRIC);
  const scores = checkedScoreMatrix(yScore, n, { name: "yScore", metric: METRIC, nClasses: classes.length });
  if (classes.length === 2) {
    const positive = options.posLabel ?? classes[1];
    const k = classes.indexOf(positive);
    if (k < 0) throw new InvalidInput(`posLabel ${JSON.stringify(positive)} is not one of the classes ${describeLabels(classes)} (${METRIC})`);
    return curvePrecision(scoredCurve(yTrue, column(scores, k), { ...options, posLabel: positive }, METRIC));
  }
  const codes = labelCodes(yTrue, classes, { name: "yTrue", metric: METRIC, missing: null });
  const weight = checkedSampleWeight(options.sampleWeight, n, METRIC);
  if (options.average === "micro") return microPrecision(codes, scores, weight);
  const isPositive = new Uint8Array(n);
  let sum = 0;
  let total = 0;
  for (let k = 0; k < classes.length; k++) {
    let prevalence = 0;
    for (let i = 0; i < n; i++) {
      isPositive[i] = codes[i] === k ? 1 : 0;
      if (codes[i] === k) prevalence += weight === null ? 1 : weight[i];
    }
    if (prevalence === 0) {
      throw new InvalidInput(`Average precision is undefined for class ${JSON.stringify(classes[k])}: yTrue holds no row of it with positive weight (${METRIC})`, {
        hint: "score on data holding every class, or pass only the classes present",
      });
    }
    const w = options.average === "weighted" ? prevalence : 1;
    sum += w * curvePrecision(binaryCurve(column(scores, k), isPositive, weight));
    total += w;
  }
  return sum / total;
}

/** Every (row, class) cell as one binary decision, the cells of a row sharing its weight. */
function microPrecision(codes: Int32Array, scores: Matrix, weight: Float64Array | null): number {
  const K = scores.cols;
  const isPositive = new Uint8Array(codes.length * K);
  const cellWeight = weight === null ? null : new Float64Array(codes.length * K);
  for (let i = 0; i < codes.length; i++) {
    isPositive[i * K + codes[i]] = 1;
    if (cellWeight !== null) cellWeight.fill(weight![i], i * K, (i + 1) * K);
  }
  return curvePrecision(binaryCurve(Float64Array.from(scores.data), isPositive, cellWeight));
}

/** Σ ΔRecall · Precision down the thresholds; every threshold holds a row of positive weight. */
function curvePrecision({ fps, tps }: BinaryCurve): number {
  const positives = tps[tps.length - 1];
  let sum = 0;
  let recallBefore = 0;
  for (let i = 0; i < tps.length; i++) {
    const recall = tps[i] / positives;
    sum += (recall - recallBefore) * (tps[i] / (tps[i] + fps[i]));
    recallBefore = recall;
  }
  return sum;
}
