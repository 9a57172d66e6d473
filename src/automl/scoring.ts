// How candidates are compared: a metric from the evaluation layer's registry, by name, with its
// direction. Classification predictions are row-major probabilities, one column per class in the
// target's class order, and truth is class indices; label metrics read the most probable class.

import { InvalidInput } from "../core/index.js";
import { METRICS, getMetric, type MetricSpec } from "../evaluate/index.js";
import type { Task } from "./task.js";

export interface Scorer {
  readonly name: string;
  readonly higherIsBetter: boolean;
  readonly doc: string;
  /** y: class indices (classification) or values; pred: n × K probabilities or n values. */
  score(y: Float64Array, pred: Float64Array, nClasses: number): number;
}

/** Names `--metric` accepts for a task. */
export function metricNames(task: Task): string[] {
  return METRICS.filter((m) => m.task === task).map((m) => m.name);
}

/** The metric a careful engineer would pick when none is named. */
export function defaultMetric(task: Task, nClasses: number): string {
  if (task === "regression") return "rmse";
  return nClasses === 2 ? "auc" : "logloss";
}

export function createScorer(name: string, task: Task, nClasses: number): Scorer {
  const metric = getMetric(name, task);
  if (metric.binaryOnly && nClasses !== 2) {
    throw new InvalidInput(`Metric "${metric.name}" is for two classes but the target has ${nClasses}: choose one of ${metricNames(task).filter((n) => !getMetric(n).binaryOnly).join(", ")}`);
  }
  return { name: metric.name, higherIsBetter: metric.greaterIsBetter, doc: metric.doc, score: scorerOf(metric, task) };
}

function scorerOf(metric: MetricSpec, task: Task): Scorer["score"] {
  if (task === "regression") return (y, pred) => metric.evaluate(y, pred);
  return (y, pred, K) => {
    const n = y.length;
    const classes = Array.from({ length: K }, (_, k) => k);
    if (metric.needs === "probabilities") return metric.evaluate(y, { data: pred, rows: n, cols: K }, { classes });
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (pred[i * K + k] > pred[i * K + best]) best = k;
      labels[i] = best;
    }
    return metric.evaluate(y, labels, { classes });
  };
}
