// How candidates are compared: a metric by name, its direction, and what it reads (probabilities
// or values). Classification predictions are row-major probabilities, one column per class in the
// target's class order; labels are class indices.

import { InvalidInput } from "../core/index.js";
import { createMetric } from "../models/index.js";
import type { Task } from "./task.js";

export interface Scorer {
  readonly name: string;
  readonly higherIsBetter: boolean;
  /** y: class indices (classification) or values; pred: n × K probabilities or n values. */
  score(y: Float64Array, pred: Float64Array, nClasses: number): number;
}

export const CLASSIFICATION_METRICS = ["auc", "logloss", "accuracy"] as const;
export const REGRESSION_METRICS = ["rmse", "mae", "r2"] as const;

/** The metric a careful engineer would pick when none is named. */
export function defaultMetric(task: Task, nClasses: number): string {
  if (task === "regression") return "rmse";
  return nClasses === 2 ? "auc" : "logloss";
}

export function createScorer(name: string, task: Task): Scorer {
  const allowed: readonly string[] = task === "classification" ? CLASSIFICATION_METRICS : REGRESSION_METRICS;
  if (!allowed.includes(name)) {
    throw new InvalidInput(`Metric "${name}" does not fit a ${task} task: choose one of ${allowed.join(", ")}`);
  }
  if (task === "regression") {
    const metric = createMetric(name);
    return { name, higherIsBetter: metric.higherIsBetter, score: (y, pred) => metric.evaluate(y, pred, null, 1) };
  }
  switch (name) {
    case "auc":
      return { name, higherIsBetter: true, score: (y, pred, K) => (K === 2 ? binaryAuc(y, pred) : macroAuc(y, pred, K)) };
    case "logloss":
      return { name, higherIsBetter: false, score: (y, pred, K) => createMetric("mlogloss").evaluate(y, classMajor(pred, y.length, K), null, K) };
    default:
      return { name, higherIsBetter: true, score: (y, pred, K) => 1 - createMetric("merror").evaluate(y, classMajor(pred, y.length, K), null, K) };
  }
}

/** True when score a is better than score b under this scorer. */
export function isBetter(scorer: Scorer, a: number, b: number): boolean {
  if (Number.isNaN(b)) return !Number.isNaN(a);
  return scorer.higherIsBetter ? a > b : a < b;
}

function binaryAuc(y: Float64Array, pred: Float64Array): number {
  const n = y.length;
  const p1 = new Float64Array(n);
  for (let i = 0; i < n; i++) p1[i] = pred[2 * i + 1];
  return createMetric("auc").evaluate(y, p1, null, 1);
}

/** Mean one-vs-rest AUC over the classes present in y. */
function macroAuc(y: Float64Array, pred: Float64Array, K: number): number {
  const n = y.length;
  const auc = createMetric("auc");
  let sum = 0;
  let used = 0;
  const target = new Float64Array(n);
  const score = new Float64Array(n);
  for (let k = 0; k < K; k++) {
    let positives = 0;
    for (let i = 0; i < n; i++) {
      target[i] = y[i] === k ? 1 : 0;
      positives += target[i];
      score[i] = pred[i * K + k];
    }
    if (positives === 0 || positives === n) continue;
    sum += auc.evaluate(target, score, null, 1);
    used++;
  }
  return used === 0 ? NaN : sum / used;
}

function classMajor(pred: Float64Array, n: number, K: number): Float64Array {
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[k * n + i] = pred[i * K + k];
  return out;
}
