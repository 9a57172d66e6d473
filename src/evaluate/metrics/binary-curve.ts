// The cumulative counts behind every ranking metric: walking rows by decreasing score, the
// (weighted) false and true positives above each distinct score. scikit-learn's
// `_binary_clf_curve`; ROC curve, precision-recall curve, AUC and average precision are all read
// off it, so ties are handled once: rows with equal scores enter the curve together.

import { InvalidInput } from "../../core/index.js";
import { TAG_BIT, descendingOrder, rowOf } from "./descending-order.js";

export interface BinaryCurve {
  /** Weighted count of negatives scoring ≥ thresholds[i]. */
  readonly fps: Float64Array;
  /** Weighted count of positives scoring ≥ thresholds[i]. */
  readonly tps: Float64Array;
  /** The distinct scores, decreasing. */
  readonly thresholds: Float64Array;
}

/**
 * `isPositive[i]` is 1 for a row of the positive class. Rows of zero weight are left out, as
 * scikit-learn does, so they add no threshold of their own.
 */
export function binaryCurve(scores: Float64Array, isPositive: Uint8Array, weight: Float64Array | null): BinaryCurve {
  const n = scores.length;
  const { order, sorted } = descendingOrder(scores, isPositive);
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thresholds = new Float64Array(n);
  let nPoints = 0;
  let fp = 0;
  let tp = 0;
  let previous = NaN;
  for (let r = 0; r < n; r++) {
    const entry = order[r];
    const w = weight === null ? 1 : weight[rowOf(entry)];
    if (w === 0) continue;
    const s = sorted[r];
    // A new distinct score closes the group above it.
    if (s !== previous && !Number.isNaN(previous)) {
      fps[nPoints] = fp;
      tps[nPoints] = tp;
      thresholds[nPoints] = previous;
      nPoints++;
    }
    if (entry & TAG_BIT) tp += w;
    else fp += w;
    previous = s;
  }
  if (!Number.isNaN(previous)) {
    fps[nPoints] = fp;
    tps[nPoints] = tp;
    thresholds[nPoints] = previous;
    nPoints++;
  }
  return { fps: fps.subarray(0, nPoints), tps: tps.subarray(0, nPoints), thresholds: thresholds.subarray(0, nPoints) };
}

/**
 * Area under the ROC curve by trapezoids between consecutive thresholds: a tied group adds the
 * diagonal across its box, which is the tie-averaged (Mann–Whitney) AUC scikit-learn computes.
 */
export function curveArea(curve: BinaryCurve, metric: string): number {
  const { fps, tps } = curve;
  const m = fps.length;
  const negatives = m === 0 ? 0 : fps[m - 1];
  const positives = m === 0 ? 0 : tps[m - 1];
  if (!(negatives > 0) || !(positives > 0)) {
    throw new InvalidInput(
      `ROC AUC is undefined with one class: yTrue holds ${positives > 0 ? "no negative" : "no positive"} rows${negatives + positives > 0 ? " of positive weight" : ""} (${metric})`,
      { hint: "score on data holding both classes, e.g. a stratified split" },
    );
  }
  let area = 0;
  let fpBefore = 0;
  let tpBefore = 0;
  for (let i = 0; i < m; i++) {
    area += (fps[i] - fpBefore) * (tps[i] + tpBefore);
    fpBefore = fps[i];
    tpBefore = tps[i];
  }
  return area / (2 * negatives * positives);
}
