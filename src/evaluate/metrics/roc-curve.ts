// Points of the receiver operating characteristic curve, for reports and threshold choice:
// scikit-learn 1.2's roc_curve, including its first threshold of max(score) + 1 that starts the
// curve at (0, 0) and the dropping of collinear points.

import { InvalidInput } from "../../core/index.js";
import { binaryCurve } from "./binary-curve.js";
import { binaryTarget } from "./binary-target.js";
import type { ClassLabel } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths, checkedScores } from "./score-inputs.js";

export interface RocCurveOptions {
  /** The class scored as positive; by default the larger of the two labels. */
  readonly posLabel?: ClassLabel;
  readonly sampleWeight?: ArrayLike<number>;
  /** Drop thresholds whose point lies on a straight segment between its neighbours (default true). */
  readonly dropIntermediate?: boolean;
}

export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Decreasing; thresholds[0] = max score + 1, so that no row is predicted positive there. */
  readonly thresholds: Float64Array;
}

export function rocCurve(yTrue: ArrayLike<ClassLabel>, yScore: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const metric = "rocCurve";
  const n = checkLengths(yTrue, yScore, "yScore", metric);
  const scores = checkedScores(yScore, n, { name: "yScore", metric, probability: false });
  const weight = checkedSampleWeight(options.sampleWeight, n, metric);
  const { isPositive } = binaryTarget(yTrue, options.posLabel, metric);
  const curve = binaryCurve(scores, isPositive, weight);
  const m = curve.fps.length;
  const negatives = curve.fps[m - 1];
  const positives = curve.tps[m - 1];
  if (!(negatives > 0) || !(positives > 0)) {
    throw new InvalidInput(`The ROC curve is undefined with one class: yTrue holds no ${positives > 0 ? "negative" : "positive"} rows of positive weight (${metric})`);
  }
  const keep = options.dropIntermediate === false ? null : cornerPoints(curve.fps, curve.tps);
  const size = (keep === null ? m : keep.length) + 1;
  const fpr = new Float64Array(size);
  const tpr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  for (let j = 1; j < size; j++) {
    const i = keep === null ? j - 1 : keep[j - 1];
    fpr[j] = curve.fps[i] / negatives;
    tpr[j] = curve.tps[i] / positives;
    thresholds[j] = curve.thresholds[i];
  }
  thresholds[0] = thresholds[1] + 1;
  return { fpr, tpr, thresholds };
}

/**
 * Indices of the points where the curve turns: the ends, and every point whose second difference
 * in fps or tps is non-zero. Collinear points never change the plotted curve nor its area.
 */
function cornerPoints(fps: Float64Array, tps: Float64Array): Uint32Array | null {
  const m = fps.length;
  if (m <= 2) return null;
  const keep = new Uint32Array(m);
  let nKept = 0;
  keep[nKept++] = 0;
  for (let i = 1; i < m - 1; i++) {
    // Written as a difference of differences, as numpy's diff(x, 2), so weighted sums round alike.
    if (fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]) !== 0 || tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]) !== 0) keep[nKept++] = i;
  }
  keep[nKept++] = m - 1;
  return keep.subarray(0, nKept);
}
