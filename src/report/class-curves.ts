// What the classification charts plot, from the held-back targets and predicted probabilities:
// ROC, precision–recall and reliability curves for the positive class (binary) or each of the
// most frequent classes against the rest (multiclass), and the confusion matrix at the decision
// rule the model uses (the tuned threshold, or the most probable class).

import {
  type CalibrationCurve,
  type PrecisionRecallCurve,
  type RocCurve,
  averagePrecisionScore,
  calibrationCurve,
  confusionMatrix,
  precisionRecallCurve,
  rocAucScore,
  rocCurve,
} from "../evaluate/index.js";

export interface ClassCurve {
  readonly classIndex: number;
  readonly name: string;
  /** Share of the test rows in this class: the precision of a random guess. */
  readonly prevalence: number;
  readonly roc: RocCurve;
  readonly auc: number;
  readonly pr: PrecisionRecallCurve;
  readonly averagePrecision: number;
  readonly calibration: CalibrationCurve;
}

export interface ClassCurves {
  readonly curves: readonly ClassCurve[];
  /** Classes with both positive and negative test rows that were left out to keep charts legible. */
  readonly nOmitted: number;
}

/** Multiclass charts show this many classes against the rest, the most frequent first. */
export const MAX_CURVE_CLASSES = 6;

/** `y`: class indices; `pred`: n × K probabilities, row-major. */
export function classCurves(y: Float64Array, pred: Float64Array, classNames: readonly string[], maxClasses = MAX_CURVE_CLASSES): ClassCurves {
  const K = classNames.length;
  const n = y.length;
  const support = new Float64Array(K);
  for (let i = 0; i < n; i++) support[y[i]]++;
  const usable = [...support.keys()].filter((k) => support[k] > 0 && support[k] < n);
  // Binary: the second class is the positive one, as the threshold and the AUC metric read it.
  const candidates = K === 2 ? usable.filter((k) => k === 1) : usable.sort((a, b) => support[b] - support[a] || a - b);
  const shown = candidates.slice(0, maxClasses);
  const curves = shown.map((k) => {
    const isK = new Float64Array(n);
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      isK[i] = y[i] === k ? 1 : 0;
      score[i] = Math.min(1, Math.max(0, pred[i * K + k]));
    }
    return {
      classIndex: k,
      name: classNames[k],
      prevalence: support[k] / n,
      roc: rocCurve(isK, score, { posLabel: 1 }),
      auc: rocAucScore(isK, score),
      pr: precisionRecallCurve(isK, score, { posLabel: 1 }),
      averagePrecision: averagePrecisionScore(isK, score, { posLabel: 1 }),
      calibration: calibrationCurve(isK, score, { nBins: 10, positiveLabel: 1 }),
    };
  });
  return { curves, nOmitted: candidates.length - shown.length };
}

/** Predicted class index per row: above the threshold for class 1 (binary), else the most probable. */
export function predictedClasses(pred: Float64Array, K: number, threshold: number | null): Float64Array {
  const n = pred.length / K;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (K === 2 && threshold !== null) {
      out[i] = pred[2 * i + 1] > threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (pred[i * K + k] > pred[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** K × K counts, row-major: rows true classes, columns predicted ones. */
export function confusionCounts(y: Float64Array, predicted: Float64Array, K: number): Float64Array {
  const labels = Array.from({ length: K }, (_, k) => k);
  return Float64Array.from(confusionMatrix(y, predicted, { labels }).matrix.data);
}

/**
 * Top-label calibration for multiclass models (Guo et al., 2017): the predicted class's probability
 * (the model's confidence) against how often that prediction is right, in 10 equal-width bins. One
 * curve, where per-class curves on a small test set are mostly noise.
 */
export function confidenceCurve(y: Float64Array, pred: Float64Array, K: number): CalibrationCurve {
  const n = y.length;
  const correct = new Float64Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (pred[i * K + k] > pred[i * K + best]) best = k;
    correct[i] = y[i] === best ? 1 : 0;
    confidence[i] = Math.min(1, Math.max(0, pred[i * K + best]));
  }
  return calibrationCurve(correct, confidence, { nBins: 10, positiveLabel: 1 });
}
