// Precision and recall at every distinct score threshold, for reports: scikit-learn 1.2's
// precision_recall_curve. Returned by increasing threshold, with a last point (precision 1,
// recall 0) that has no threshold.

import { InvalidInput } from "../../core/index.js";
import { type BinaryCurve, binaryCurve } from "./binary-curve.js";
import { binaryTarget } from "./binary-target.js";
import type { ClassLabel } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths, checkedScores } from "./score-inputs.js";

export interface PrecisionRecallCurveOptions {
  /** The class scored as positive; by default the larger of the two labels. */
  readonly posLabel?: ClassLabel;
  readonly sampleWeight?: ArrayLike<number>;
}

export interface PrecisionRecallCurve {
  /** One more value than thresholds: the last is 1. */
  readonly precision: Float64Array;
  /** Decreasing; one more value than thresholds: the last is 0. */
  readonly recall: Float64Array;
  /** Increasing distinct scores. */
  readonly thresholds: Float64Array;
}

export function precisionRecallCurve(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number>, options: PrecisionRecallCurveOptions = {}): PrecisionRecallCurve {
  const curve = scoredCurve(yTrue, yScore, options, "precisionRecallCurve");
  const { fps, tps } = curve;
  const m = fps.length;
  const positives = tps[m - 1];
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i;
    const predicted = tps[i] + fps[i];
    precision[j] = predicted === 0 ? 0 : tps[i] / predicted;
    recall[j] = tps[i] / positives;
    thresholds[j] = curve.thresholds[i];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/** The binary curve of checked inputs, refused when no row of positive weight is positive. */
export function scoredCurve(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number>, options: PrecisionRecallCurveOptions, metric: string): BinaryCurve {
  const n = checkLengths(yTrue, yScore, "yScore", metric);
  const scores = checkedScores(yScore, n, { name: "yScore", metric, probability: false });
  const weight = checkedSampleWeight(options.sampleWeight, n, metric);
  const { isPositive, positive } = binaryTarget(yTrue, options.posLabel, metric);
  const curve = binaryCurve(scores, isPositive, weight);
  if (!(curve.tps[curve.tps.length - 1] > 0)) {
    throw new InvalidInput(`Recall is undefined without positives: yTrue holds no row of class ${JSON.stringify(positive)} with positive weight (${metric})`, {
      hint: "check posLabel, or score on data holding the positive class",
    });
  }
  return curve;
}
