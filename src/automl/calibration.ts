// Probability calibration of a binary classifier, kept only when it helps: Platt scaling and
// isotonic regression are each judged by cross-fitting on the out-of-fold predictions (fitted on
// one half, scored by log-loss on the other, and the other way round), and the better one is used
// only if it lowers the log-loss by a meaningful margin. Boosted and averaged models are often a
// little over- or under-confident; a well-calibrated model is left alone.

import { Rng } from "../core/index.js";
import { IsotonicCalibrator, IsotonicRegression, PlattCalibrator, PlattScaling, type IsotonicDocument, type PlattDocument } from "../evaluate/index.js";

export type Calibrator = PlattCalibrator | IsotonicCalibrator;

export interface CalibrationChoice {
  readonly method: "none" | "sigmoid" | "isotonic";
  readonly calibrator: Calibrator | null;
  /** Cross-fitted out-of-fold log-loss without calibration and with each method. */
  readonly logLoss: { readonly none: number; readonly sigmoid: number; readonly isotonic: number };
}

/** Relative log-loss gain a calibrator must bring to be kept. */
const MIN_GAIN = 0.005;
/** Probabilities are kept this far from 0 and 1 so one confident mistake cannot cost infinity. */
const CLIP = 1e-6;

export function chooseCalibration(y: Float64Array, p1: Float64Array, mask: Uint8Array, seed: number): CalibrationChoice {
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (mask[i]) rows.push(i);
  const none = logLoss(rows.map((i) => y[i]), rows.map((i) => p1[i]));
  const positives = rows.reduce((s, i) => s + y[i], 0);
  if (rows.length < 200 || positives < 20 || rows.length - positives < 20) {
    return { method: "none", calibrator: null, logLoss: { none, sigmoid: NaN, isotonic: NaN } };
  }
  const half = new Rng(seed ^ 0xca1b).permutation(rows.length);
  const parts = [Array.from(half.subarray(0, rows.length >> 1), (j) => rows[j]), Array.from(half.subarray(rows.length >> 1), (j) => rows[j])];
  const crossFitted = (fit: (scores: number[], labels: number[]) => Calibrator): number => {
    const truth: number[] = [];
    const calibrated: number[] = [];
    for (const [a, b] of [[0, 1], [1, 0]]) {
      const calibrator = fit(parts[a].map((i) => p1[i]), parts[a].map((i) => y[i]));
      const out = calibrator.transform(parts[b].map((i) => p1[i]));
      parts[b].forEach((i, j) => {
        truth.push(y[i]);
        calibrated.push(out[j]);
      });
    }
    return logLoss(truth, calibrated);
  };
  const sigmoid = crossFitted((s, l) => new PlattScaling().fit(s, l));
  const isotonic = crossFitted((s, l) => new IsotonicRegression({ yMin: 0, yMax: 1 }).fit(s, l));
  const scores = { none, sigmoid, isotonic };
  const best = sigmoid <= isotonic ? "sigmoid" : "isotonic";
  if (!(scores[best] < none * (1 - MIN_GAIN))) return { method: "none", calibrator: null, logLoss: scores };
  const all = rows.map((i) => p1[i]);
  const labels = rows.map((i) => y[i]);
  const calibrator = best === "sigmoid" ? new PlattScaling().fit(all, labels) : new IsotonicRegression({ yMin: 0, yMax: 1 }).fit(all, labels);
  return { method: best, calibrator, logLoss: scores };
}

/** Calibrated probabilities of the positive class, kept inside [CLIP, 1 − CLIP]. */
export function applyCalibration(calibrator: Calibrator, p1: ArrayLike<number>): Float64Array {
  const out = calibrator.transform(p1);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1 - CLIP, Math.max(CLIP, out[i]));
  return out;
}

export function calibratorDocument(calibrator: Calibrator): PlattDocument | IsotonicDocument {
  return calibrator.toDocument();
}

export function calibratorFromDocument(doc: PlattDocument | IsotonicDocument): Calibrator {
  return doc.kind === "platt-calibrator" ? PlattCalibrator.fromDocument(doc) : IsotonicCalibrator.fromDocument(doc as IsotonicDocument);
}

function logLoss(y: readonly number[], p: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - CLIP, Math.max(CLIP, p[i]));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / y.length;
}
