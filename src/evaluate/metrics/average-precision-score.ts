// Average precision, scikit-learn's step-wise definition: Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds of
// the precision-recall curve, without the interpolation that makes the trapezoidal area optimistic.

import type { ClassLabel } from "./class-labels.js";
import { type PrecisionRecallCurveOptions, scoredCurve } from "./precision-recall-curve.js";

export type AveragePrecisionOptions = PrecisionRecallCurveOptions;

export function averagePrecisionScore(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number>, options: AveragePrecisionOptions = {}): number {
  const { fps, tps } = scoredCurve(yTrue, yScore, options, "averagePrecisionScore");
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
