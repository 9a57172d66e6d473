// What the report says about why the model predicts what it does, from its gradient boosting
// members: gain importance (each member's share of its total split gain, weighted by the member's
// weight) and TreeSHAP contributions on a seeded sample of held-back rows, blended the same way.
// SHAP values are in the members' raw score units: log-odds for classification, target units for
// regression. Members of other kinds (the constant baseline, forests) are not explained here, and
// the share of the blend that is covered is returned with the numbers.

import type { PredictorMember, TrainedPredictor } from "../automl/index.js";
import { Rng } from "../core/index.js";
import type { Column, Frame } from "../data/index.js";
import { BoostedModel, GradientBoostingClassifierModel } from "../models/index.js";

export interface FeatureShare {
  readonly feature: string;
  readonly value: number;
}

export interface GainImportance {
  /** Sorted by share, largest first; shares sum to 1 over the features. */
  readonly features: readonly FeatureShare[];
  /** Ensemble weight of the boosting members (1 when every member is one). */
  readonly coveredWeight: number;
}

export interface ShapSummary {
  /** Mean |SHAP| per feature (summed over classes for multiclass), largest first. */
  readonly meanAbs: readonly FeatureShare[];
  /** Rows of the given frame that were explained. */
  readonly rows: Int32Array;
  /** SHAP values of each explained row for a feature (multiclass: toward the row's predicted class). */
  readonly values: ReadonlyMap<string, Float64Array>;
  readonly coveredWeight: number;
}

function boostingMembers(predictor: TrainedPredictor): { model: BoostedModel; weight: number; pipeline: PredictorMember["pipeline"] }[] {
  return predictor.members.flatMap((m) => (m.model instanceof BoostedModel && m.weight > 0 ? [{ model: m.model, weight: m.weight, pipeline: m.pipeline }] : []));
}

export function gainImportance(predictor: TrainedPredictor): GainImportance | null {
  const members = boostingMembers(predictor);
  if (members.length === 0) return null;
  const share = new Map<string, number>(predictor.inputs.map((c) => [c.name, 0]));
  const covered = members.reduce((s, m) => s + m.weight, 0);
  for (const { model, weight } of members) {
    const importance = model.featureImportance();
    const total = importance.reduce((s, f) => s + f.gain, 0);
    if (!(total > 0)) continue;
    for (const f of importance) share.set(f.feature, (share.get(f.feature) ?? 0) + ((weight / covered) * f.gain) / total);
  }
  return { features: sortedShares(share), coveredWeight: covered };
}

/** TreeSHAP over at most `maxRows` seeded rows of `frame` (held-back rows with the model's columns). */
export function shapSummary(predictor: TrainedPredictor, frame: Frame, options: { seed: number; maxRows: number }): ShapSummary | null {
  const members = boostingMembers(predictor);
  if (members.length === 0 || frame.nRows === 0) return null;
  const rows = frame.nRows > options.maxRows ? new Rng(options.seed).sample(frame.nRows, options.maxRows) : Int32Array.from({ length: frame.nRows }, (_, i) => i);
  const X = predictor.features(frame.take(rows));
  const names = predictor.inputs.map((c) => c.name);
  const p = names.length;
  const n = rows.length;
  const multiclass = predictor.task === "classification" && predictor.classes.length > 2;
  const K = multiclass ? predictor.classes.length : 1;
  const covered = members.reduce((s, m) => s + m.weight, 0);
  // φ[(i·K + k)·p + f]: the blend's contribution of feature f to output k of row i.
  const phi = new Float64Array(n * K * p);
  for (const { model, weight, pipeline } of members) addContributions(phi, model, X, { weight: weight / covered, names, K, predictor, pipeline });
  const predicted = multiclass ? argmaxRows(predictor.predictProba(X).data, n, K) : new Int32Array(n);
  const meanAbs = new Map<string, number>();
  const values = new Map<string, Float64Array>();
  names.forEach((name, f) => {
    let sum = 0;
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) sum += Math.abs(phi[(i * K + k) * p + f]);
    meanAbs.set(name, sum / n);
    values.set(name, Float64Array.from(predicted, (k, i) => phi[(i * K + k) * p + f]));
  });
  return { meanAbs: sortedShares(meanAbs), rows, values, coveredWeight: covered };
}

function addContributions(phi: Float64Array, model: BoostedModel, X: Frame, o: { weight: number; names: readonly string[]; K: number; predictor: TrainedPredictor; pipeline: PredictorMember["pipeline"] }): void {
  // A member with a feature pipeline (boosting over ranked many-level categoricals) reads its
  // matrix, whose columns carry the input columns' names.
  const contributions = model.predictContributions(o.pipeline ? o.pipeline.transform(X) : X.select(model.featureNames));
  const q = model.featureNames.length;
  const nOut = contributions.cols / (q + 1);
  const p = o.names.length;
  const featureAt = model.featureNames.map((name) => o.names.indexOf(name));
  // Output j of the model is which of the report's outputs, and with which sign.
  const modelClasses = model instanceof GradientBoostingClassifierModel ? model.classes : [];
  const target = Array.from({ length: nOut }, (_, j) => (o.K > 1 ? o.predictor.classes.indexOf(modelClasses[j]) : 0));
  const sign = o.K === 1 && o.predictor.task === "classification" && modelClasses[1] !== o.predictor.classes[1] ? -1 : 1;
  const data = contributions.data;
  for (let i = 0; i < contributions.rows; i++) {
    for (let j = 0; j < nOut; j++) {
      const k = target[j];
      if (k < 0) continue;
      const from = i * contributions.cols + j * (q + 1);
      const to = (i * o.K + k) * p;
      for (let f = 0; f < q; f++) if (featureAt[f] >= 0) phi[to + featureAt[f]] += sign * o.weight * data[from + f];
    }
  }
}

function argmaxRows(proba: ArrayLike<number>, n: number, K: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

function sortedShares(map: ReadonlyMap<string, number>): FeatureShare[] {
  return [...map].map(([feature, value]) => ({ feature, value })).sort((a, b) => b.value - a.value || (a.feature < b.feature ? -1 : 1));
}

/**
 * A column's values on `rows` as ranks in [0, 1] (ties share their mean rank), for colouring SHAP
 * dots; NaN for missing values and for categories, which have no order.
 */
export function valueRanks(column: Column, rows: Int32Array): Float64Array {
  const n = rows.length;
  const out = new Float64Array(n).fill(NaN);
  if (column.kind === "categorical" || column.kind === "text") return out;
  const value = (i: number): number => {
    const v = column.values[rows[i]] as number;
    return column.kind === "boolean" ? (v < 0 ? NaN : v) : v;
  };
  const present = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(value(i)));
  present.sort((a, b) => value(a) - value(b));
  const m = present.length;
  for (let start = 0; start < m; ) {
    let end = start + 1;
    while (end < m && value(present[end]) === value(present[start])) end++;
    const rank = m > 1 ? (start + end - 1) / 2 / (m - 1) : 0.5;
    for (let j = start; j < end; j++) out[present[j]] = rank;
    start = end;
  }
  return out;
}
