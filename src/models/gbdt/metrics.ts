// The metrics a booster can watch, behind the `Metric` interface of metric.ts. Definitions follow
// scikit-learn's (test/fixtures/metrics/ holds its values for the same inputs), weighted as
// sklearn weights them: Σ w·loss / Σ w. Predictions are in prediction space: means, probabilities
// of class 1, or class-major probabilities for several classes.
//
// Rows in error messages are indices into `y`, counting from 0.

import { InvalidInput } from "../../core/index.js";
import type { Metric } from "./metric.js";
import type { ObjectiveOptions } from "./objective.js";

export const METRIC_NAMES = ["rmse", "mae", "huber", "quantile", "poisson", "gamma", "tweedie", "logloss", "auc", "error", "mlogloss", "merror", "r2"] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

/** The objective's options, so `createMetric(objective.defaultMetric, objectiveOptions)` matches the loss. */
export type MetricOptions = Pick<ObjectiveOptions, "huberDelta" | "alpha" | "tweedieVariancePower">;

/**
 * Probabilities inside logarithms are clipped to [ε, 1 − ε] with sklearn's long-standing ε = 1e-15
 * (its `log_loss` default until 1.2, still accepted as `eps`), so a confident wrong prediction costs
 * about 34.5 instead of ∞.
 */
const PROBABILITY_CLIP = 1e-15;

export function createMetric(name: string, options: MetricOptions = {}): Metric {
  switch (name as MetricName) {
    case "rmse":
      return pointwise("rmse", (y, p) => (y - p) ** 2, { finish: Math.sqrt });
    case "mae":
      return pointwise("mae", (y, p) => Math.abs(y - p));
    case "huber": {
      const delta = option("huberDelta", options.huberDelta, 1, 0, Infinity);
      return pointwise("huber", (y, p) => {
        const r = Math.abs(y - p);
        return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
      });
    }
    case "quantile": {
      const alpha = option("alpha", options.alpha, 0.5, 0, 1);
      return pointwise("quantile", (y, p) => (y >= p ? alpha * (y - p) : (1 - alpha) * (p - y)));
    }
    case "poisson":
      // y·log(y/μ) is 0 at y = 0 (sklearn's xlogy).
      return pointwise("poisson", (y, p) => 2 * ((y === 0 ? 0 : y * Math.log(y / p)) - y + p));
    case "gamma":
      return pointwise("gamma", (y, p) => 2 * (Math.log(p / y) + y / p - 1));
    case "tweedie": {
      const power = option("tweedieVariancePower", options.tweedieVariancePower, 1.5, 1, 2);
      const a = 1 - power;
      const b = 2 - power;
      return pointwise("tweedie", (y, p) => 2 * (y ** b / (a * b) - (y * p ** a) / a + p ** b / b));
    }
    case "logloss":
      return pointwise("logloss", (y, p) => {
        const q = clipProbability(p);
        return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
      }, { check: checkBinary });
    case "error":
      // XGBoost's threshold: a probability above 0.5 predicts class 1.
      return pointwise("error", (y, p) => ((p > 0.5 ? 1 : 0) === y ? 0 : 1), { check: checkBinary });
    case "auc":
      return { name: "auc", higherIsBetter: true, evaluate: rocAuc };
    case "mlogloss":
      return multiclass("mlogloss", (pred, n, i, label) => -Math.log(clipProbability(pred[label * n + i])));
    case "merror":
      return multiclass("merror", (pred, n, i, label, nClasses) => (argmax(pred, n, i, nClasses) === label ? 0 : 1));
    case "r2":
      return { name: "r2", higherIsBetter: true, evaluate: r2 };
    default:
      throw new InvalidInput(`Unknown metric "${name}": metrics are ${METRIC_NAMES.join(", ")}`);
  }
}

/** A metric that is a weighted mean of one loss per row over single-output predictions. */
function pointwise(
  name: MetricName,
  loss: (y: number, p: number) => number,
  extra: { finish?: (mean: number) => number; check?: (name: string, y: Float64Array) => void } = {},
): Metric {
  return {
    name,
    higherIsBetter: false,
    evaluate(y, pred, weight, nOutputs) {
      checkShapes(name, y, pred, weight, nOutputs, 1);
      extra.check?.(name, y);
      let sum = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        sum += w * loss(y[i], pred[i]);
        total += w;
      }
      const mean = sum / total;
      return extra.finish === undefined ? mean : extra.finish(mean);
    },
  };
}

/** A weighted mean of one loss per row over class-major probabilities; y holds class indices. */
function multiclass(name: MetricName, loss: (pred: Float64Array, n: number, i: number, label: number, nClasses: number) => number): Metric {
  return {
    name,
    higherIsBetter: false,
    evaluate(y, pred, weight, nOutputs) {
      checkShapes(name, y, pred, weight, nOutputs, 2);
      let sum = 0;
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const label = y[i];
        if (!(Number.isInteger(label) && label >= 0 && label < nOutputs)) {
          throw new InvalidInput(`${name} needs class indices 0..${nOutputs - 1}: row ${i} is ${label}`, { where: `row ${i}` });
        }
        const w = weight === null ? 1 : weight[i];
        sum += w * loss(pred, y.length, i, label, nOutputs);
        total += w;
      }
      return sum / total;
    },
  };
}

/**
 * Binary ROC AUC: the weighted probability that a positive outscores a negative, a tie counting
 * one half (the trapezoids of sklearn's ROC curve). Sorting once makes it O(n log n). With a single
 * class present the ranking is undefined and the result is NaN, not an error, so a validation fold
 * that happens to hold one class does not stop training; NaN never counts as an improvement.
 */
function rocAuc(y: Float64Array, pred: Float64Array, weight: Float64Array | null, nOutputs: number): number {
  checkShapes("auc", y, pred, weight, nOutputs, 1);
  checkBinary("auc", y);
  const order = Uint32Array.from(y.keys()).sort((a, b) => pred[a] - pred[b]);
  let negativeBelow = 0;
  let positiveTotal = 0;
  let pairs = 0;
  for (let start = 0; start < order.length; ) {
    let positive = 0;
    let negative = 0;
    let end = start;
    for (; end < order.length && pred[order[end]] === pred[order[start]]; end++) {
      const i = order[end];
      const w = weight === null ? 1 : weight[i];
      if (y[i] === 1) positive += w;
      else negative += w;
    }
    pairs += positive * (negativeBelow + 0.5 * negative);
    negativeBelow += negative;
    positiveTotal += positive;
    start = end;
  }
  if (positiveTotal === 0 || negativeBelow === 0) return NaN;
  return pairs / (positiveTotal * negativeBelow);
}

/**
 * 1 − Σw(y − p)² / Σw(y − ȳ)². For constant targets the ratio is undefined; like sklearn we
 * return 1 for perfect predictions and 0 otherwise, so the score stays finite.
 */
function r2(y: Float64Array, pred: Float64Array, weight: Float64Array | null, nOutputs: number): number {
  checkShapes("r2", y, pred, weight, nOutputs, 1);
  let total = 0;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    total += w;
    sum += w * y[i];
  }
  const mean = sum / total;
  let residual = 0;
  let spread = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    residual += w * (y[i] - pred[i]) ** 2;
    spread += w * (y[i] - mean) ** 2;
  }
  if (spread === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / spread;
}

function argmax(pred: Float64Array, n: number, i: number, nClasses: number): number {
  // The first of equal maxima, as numpy's argmax.
  let best = 0;
  for (let k = 1; k < nClasses; k++) if (pred[k * n + i] > pred[best * n + i]) best = k;
  return best;
}

function clipProbability(p: number): number {
  return p < PROBABILITY_CLIP ? PROBABILITY_CLIP : p > 1 - PROBABILITY_CLIP ? 1 - PROBABILITY_CLIP : p;
}

function checkBinary(name: string, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new InvalidInput(`${name} needs targets 0 or 1: row ${i} is ${y[i]}`, { where: `row ${i}`, hint: "encode the two classes as 0 and 1" });
    }
  }
}

/** `minOutputs` 1 means exactly one output per row; 2 means a class-major block of two or more. */
function checkShapes(name: string, y: Float64Array, pred: Float64Array, weight: Float64Array | null, nOutputs: number, minOutputs: 1 | 2): void {
  if (minOutputs === 1 && nOutputs !== 1) throw new InvalidInput(`${name} scores one prediction per row: received nOutputs ${nOutputs}`, { hint: "use mlogloss or merror for several classes" });
  if (minOutputs === 2 && !(Number.isInteger(nOutputs) && nOutputs >= 2)) {
    throw new InvalidInput(`${name} needs nOutputs ≥ 2 (one per class): received ${nOutputs}`, { hint: "use logloss or error for one probability per row" });
  }
  if (y.length === 0) throw new InvalidInput(`${name} needs at least one row: y is empty`);
  if (pred.length !== y.length * nOutputs) {
    throw new InvalidInput(`${name} needs ${y.length} rows × ${nOutputs} outputs = ${y.length * nOutputs} predictions: received ${pred.length}`);
  }
  if (weight !== null && weight.length !== y.length) throw new InvalidInput(`${name} needs one weight per row (${y.length}): received ${weight.length}`);
}

function option(name: string, value: number | undefined, fallback: number, lo: number, hi: number): number {
  if (value === undefined) return fallback;
  if (!(value > lo && value < hi)) {
    throw new InvalidInput(hi === Infinity ? `${name} must be a positive number: received ${value}` : `${name} must be in (${lo}, ${hi}): received ${value}`);
  }
  return value;
}
