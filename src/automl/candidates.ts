// The model families the search draws from. Each declares its search space and a short portfolio
// of configurations known to do well (tried first, cheapest first), and knows how to fit itself on
// a fold and predict in the common shape: probabilities per class (row-major, in the target's
// class order) or values.

import type { Frame } from "../data/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor, type ClassLabel, type Model } from "../models/index.js";
import type { Config, SearchSpace } from "../tune/index.js";
import type { Task } from "./task.js";

export interface FitData {
  readonly X: Frame;
  readonly y: readonly ClassLabel[] | Float64Array;
}

export interface FitContext {
  readonly task: Task;
  /** Classification: the target's classes, the column order of probabilities. */
  readonly classes: readonly ClassLabel[];
  readonly seed: number;
  readonly nThreads: number | null;
  /** True once the fit should end as soon as it can (time budget). */
  readonly shouldStop: () => boolean;
}

export interface FittedCandidate {
  readonly model: Model | ConstantModel;
  /** Boosting: iterations kept by early stopping (the refit uses about as many). */
  readonly iterations: number | null;
  /** n × K probabilities (classification) or n values. */
  predict(X: Frame): Float64Array;
}

export interface Family {
  readonly name: string;
  /** One line for the leaderboard and report. */
  readonly doc: string;
  readonly space: SearchSpace;
  readonly portfolio: readonly Config[];
  /** Fit on `train`; with `valid`, boosting families stop early on it. */
  fit(train: FitData, valid: FitData | null, config: Config, context: FitContext): FittedCandidate;
  /** Fit on all the data with the iterations the folds found (no validation set). */
  refit(data: FitData, config: Config, iterations: number | null, context: FitContext): FittedCandidate;
}

/** Boosting rounds a search fit may use before early stopping ends it. */
const MAX_ROUNDS = 2000;
const EARLY_STOPPING_ROUNDS = 40;

const GBDT_SPACE: SearchSpace = {
  learningRate: { type: "float", low: 0.02, high: 0.3, log: true },
  maxLeaves: { type: "int", low: 8, high: 256, log: true },
  maxDepth: { type: "int", low: 3, high: 12 },
  // Hessian-based: as selective as a row count, without the per-bin counts that would cost.
  minChildWeight: { type: "float", low: 0.001, high: 20, log: true },
  l2: { type: "float", low: 0.01, high: 30, log: true },
  subsample: { type: "float", low: 0.5, high: 1 },
  colsample: { type: "float", low: 0.4, high: 1 },
};

export const GRADIENT_BOOSTING: Family = {
  name: "gradient-boosting",
  doc: "histogram gradient boosting (categoricals and missing values native)",
  space: GBDT_SPACE,
  portfolio: [
    { learningRate: 0.1, maxLeaves: 31, maxDepth: 8, minChildWeight: 1, l2: 1, subsample: 1, colsample: 1 },
    { learningRate: 0.05, maxLeaves: 63, maxDepth: 10, minChildWeight: 0.5, l2: 3, subsample: 0.8, colsample: 0.8 },
    { learningRate: 0.1, maxLeaves: 15, maxDepth: 4, minChildWeight: 3, l2: 1, subsample: 0.9, colsample: 0.7 },
    { learningRate: 0.03, maxLeaves: 127, maxDepth: 12, minChildWeight: 0.1, l2: 10, subsample: 0.7, colsample: 0.6 },
  ],
  fit(train, valid, config, context) {
    return fitBoosting(train, valid, config, { nEstimators: MAX_ROUNDS, earlyStoppingRounds: valid ? EARLY_STOPPING_ROUNDS : null }, context);
  },
  refit(data, config, iterations, context) {
    return fitBoosting(data, null, config, { nEstimators: Math.max(1, iterations ?? 100), earlyStoppingRounds: null }, context);
  },
};

function fitBoosting(train: FitData, valid: FitData | null, config: Config, rounds: { nEstimators: number; earlyStoppingRounds: number | null }, context: FitContext): FittedCandidate {
  const params = {
    ...(config as Record<string, number>),
    ...rounds,
    seed: context.seed,
    ...(context.nThreads === null ? {} : { nThreads: context.nThreads }),
  };
  const options = { evalSet: valid ? { X: valid.X, y: valid.y } : undefined, shouldStop: () => context.shouldStop() };
  if (context.task === "regression") {
    const model = new GradientBoostingRegressor(params).fit(train.X, train.y as Float64Array, options);
    return { model, iterations: model.info.bestIteration + 1, predict: (X) => model.predict(X) };
  }
  const model = new GradientBoostingClassifier(params).fit(train.X, train.y as readonly ClassLabel[], options);
  const columnOf = model.classes.map((c) => context.classes.indexOf(c));
  return {
    model,
    iterations: model.info.bestIteration + 1,
    predict: (X) => reorder(model.predictProba(X).data, columnOf, context.classes.length),
  };
}

/** Probabilities with the model's columns moved to the target's class order (absent classes 0). */
function reorder(proba: Float64Array | Float32Array, columnOf: readonly number[], K: number): Float64Array {
  const k = columnOf.length;
  const n = proba.length / k;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * K + columnOf[j]] = proba[i * k + j];
  return out;
}

/** The prior: class shares or the mean. Every leaderboard needs the line a model must beat. */
export class ConstantModel {
  constructor(readonly values: Float64Array) {}
  predict(n: number): Float64Array {
    const K = this.values.length;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) out.set(this.values, i * K);
    return out;
  }
}

export const BASELINE: Family = {
  name: "baseline",
  doc: "predicts the class shares (or the mean) seen in training",
  space: {},
  portfolio: [{}],
  fit: (train, _valid, _config, context) => fitConstant(train, context),
  refit: (data, _config, _iterations, context) => fitConstant(data, context),
};

function fitConstant(train: FitData, context: FitContext): FittedCandidate {
  let values: Float64Array;
  if (context.task === "regression") {
    const y = train.y as Float64Array;
    values = Float64Array.of(y.reduce((a, b) => a + b, 0) / y.length);
  } else {
    values = new Float64Array(context.classes.length);
    const index = new Map(context.classes.map((c, k) => [c, k]));
    for (const label of train.y as readonly ClassLabel[]) values[index.get(label)!] += 1;
    for (let k = 0; k < values.length; k++) values[k] /= train.y.length;
  }
  const model = new ConstantModel(values);
  return { model, iterations: null, predict: (X) => model.predict(X.nRows) };
}

export const FAMILIES: readonly Family[] = [BASELINE, GRADIENT_BOOSTING];
