// The model families the search draws from. Each declares its search space and a short portfolio
// of configurations known to do well (tried first, cheapest first), and knows how to fit itself on
// a fold and predict in the common shape: probabilities per class (row-major, in the target's
// class order) or values.

import type { Matrix } from "../core/index.js";
import type { Frame } from "../data/index.js";
import { FeaturePipeline, type FeatureMatrix, type FeaturePipelineConfig, type FittedFeaturePipeline } from "../features/index.js";
import {
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  GradientBoostingClassifier,
  GradientBoostingRegressor,
  LogisticRegression,
  RandomForestClassifier,
  RandomForestRegressor,
  Ridge,
  type ClassLabel,
  type Features,
  type Model,
} from "../models/index.js";
import { forestPreset, linearModelPreset, manyLevelColumns, rankedCategoriesPreset } from "./presets.js";
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
  /**
   * Seconds the fit may still take (the search's time left). Models that cannot stop mid-fit
   * (forests) time a small probe against it first and give way with TooSlow.
   */
  readonly secondsLeft?: () => number;
}

/** A fit that would not end in the time left, found out before it was made. */
export class TooSlow extends Error {}

/** Trees of the probe a forest times before growing all of them. */
const PROBE_TREES = 8;

export interface FittedCandidate {
  readonly model: Model | ConstantModel;
  /** The feature pipeline turning a Frame into the model's matrix; null when it reads Frames. */
  readonly pipeline: FittedFeaturePipeline | null;
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
  /** How many portfolio configurations run before other families' (default 0: interleaved). */
  readonly lead?: number;
  /** Fit on `train`; with `valid`, boosting families stop early on it. */
  fit(train: FitData, valid: FitData | null, config: Config, context: FitContext): FittedCandidate;
  /** Fit on all the data with the iterations the folds found (no validation set). */
  refit(data: FitData, config: Config, iterations: number | null, context: FitContext): FittedCandidate;
}

/** Boosting rounds a search fit may use before early stopping ends it. */
const MAX_ROUNDS = 4000;
const EARLY_STOPPING_ROUNDS = 40;

const GBDT_SPACE: SearchSpace = {
  learningRate: { type: "float", low: 0.02, high: 0.3, log: true },
  maxLeaves: { type: "int", low: 8, high: 1024, log: true },
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
  // Boosting usually wins on tables: its second configuration runs before the other families.
  lead: 3,
  portfolio: [
    { learningRate: 0.1, maxLeaves: 31, maxDepth: 8, minChildWeight: 1, l2: 1, subsample: 1, colsample: 1 },
    // Larger, regularised trees: a child needs a hessian of 10 (as XGBoost's min_child_weight),
    // rows and columns subsampled — what tuned XGBoost found on airlines, dry-bean and credit
    // default. Validation log-loss against min child weight 0.5 (subsample 0.8): airlines 0.5541
    // -> 0.5531, dry-bean 0.2051 -> 0.2000, and faster.
    { learningRate: 0.05, maxLeaves: 63, maxDepth: 10, minChildWeight: 10, l2: 3, subsample: 0.75, colsample: 0.75 },
    // Deep trees limited by depth alone (leaves past 2^9, so they grow a level at a time, the
    // engine's fastest growth), little regularisation, columns subsampled: what smooth regression
    // targets and many classes need. Tuned XGBoost won with such trees (depth 9) on beijing-pm25,
    // california-housing and covertype, where the shallower configurations above trailed it by
    // 0.8-3.9% in the 2-minute benchmark.
    { learningRate: 0.06, maxLeaves: 1024, maxDepth: 9, minChildWeight: 1, l2: 1, subsample: 0.95, colsample: 0.65 },
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
  // The Frame as it is, or — with many-level categoricals — a matrix where those are ranks and the
  // other categoricals are still declared categorical.
  const input = boostingInput(train.X);
  const features = (X: Frame): Features => (input ? input.pipeline.transform(X) : X);
  const options = {
    evalSet: valid ? { X: features(valid.X), y: valid.y } : undefined,
    shouldStop: () => context.shouldStop(),
    // The matrix's columns keep the Frame's names, so importance and SHAP name the columns.
    ...(input ? { categoricalFeatures: input.categorical, featureNames: input.X.names } : {}),
  };
  const X = input ? input.X : train.X;
  const pipeline = input?.pipeline ?? null;
  if (context.task === "regression") {
    const model = new GradientBoostingRegressor(params).fit(X, train.y as Float64Array, options);
    return { model, pipeline, iterations: model.info.bestIteration + 1, predict: (frame) => model.predict(features(frame)) };
  }
  const model = new GradientBoostingClassifier(params).fit(X, train.y as readonly ClassLabel[], options);
  const columnOf = model.classes.map((c) => context.classes.indexOf(c));
  return {
    model,
    pipeline,
    iterations: model.info.bestIteration + 1,
    predict: (frame) => toClassOrder(model.predictProba(features(frame)).data, columnOf, context.classes.length),
  };
}

/** Null when every categorical of `frame` has few enough levels to be split natively. */
function boostingInput(frame: Frame): { pipeline: FittedFeaturePipeline; X: FeatureMatrix; categorical: number[] } | null {
  const many = new Set(manyLevelColumns(frame));
  if (many.size === 0) return null;
  const { pipeline, X } = new FeaturePipeline(rankedCategoriesPreset()).fitTransform(frame);
  const categorical = X.sources.flatMap((source, j) => (frame.column(source).kind === "categorical" && !many.has(source) ? [j] : []));
  return { pipeline, X, categorical };
}

/** Probabilities with the model's columns moved to the target's class order (absent classes 0). */
export function toClassOrder(proba: Float64Array | Float32Array, columnOf: readonly number[], K: number): Float64Array {
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
  lead: 1,
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
  return { model, pipeline: null, iterations: null, predict: (X) => model.predict(X.nRows) };
}

/** A model that reads a matrix: what a family needs to build one from a configuration. */
interface MatrixModel {
  predict(X: Matrix): ArrayLike<unknown>;
  predictProba?(X: Matrix): Matrix;
  readonly classes?: readonly ClassLabel[];
}

/** A family whose models read the matrix a feature pipeline makes from the Frame. */
function matrixFamily(spec: {
  name: string;
  doc: string;
  space: SearchSpace;
  portfolio: readonly Config[];
  preset: () => FeaturePipelineConfig;
  build: (config: Config, context: FitContext) => { fit(X: Matrix, y: readonly ClassLabel[] | Float64Array): MatrixModel };
}): Family {
  const fit = (train: FitData, config: Config, context: FitContext): FittedCandidate => {
    const { pipeline, X } = new FeaturePipeline(spec.preset()).fitTransform(train.X);
    const model = spec.build(config, context).fit(X, train.y);
    return { model: model as unknown as Model, pipeline, iterations: null, predict: (frame) => predictMatrix(model, pipeline.transform(frame), context) };
  };
  return {
    name: spec.name,
    doc: spec.doc,
    space: spec.space,
    portfolio: spec.portfolio,
    fit: (train, _valid, config, context) => fit(train, config, context),
    refit: (data, config, _iterations, context) => fit(data, config, context),
  };
}

function predictMatrix(model: MatrixModel, X: Matrix, context: FitContext): Float64Array {
  if (context.task === "regression") return Float64Array.from(model.predict(X) as ArrayLike<number>);
  const columnOf = model.classes!.map((c) => context.classes.indexOf(c));
  return toClassOrder(model.predictProba!(X).data, columnOf, context.classes.length);
}

export const LINEAR: Family = matrixFamily({
  name: "linear",
  doc: "logistic regression or ridge on imputed, scaled and one-hot features",
  space: { C: { type: "float", low: 0.001, high: 100, log: true } },
  portfolio: [{ C: 1 }],
  preset: linearModelPreset,
  build: (config, context) => {
    const C = config.C as number;
    // Ridge's alpha plays the part of 1/C: a stronger penalty for a smaller C.
    if (context.task === "regression") return { fit: (X, y) => new Ridge({ alpha: 1 / C }).fit(X, y as Float64Array) };
    return { fit: (X, y) => new LogisticRegression({ C, maxIter: 100 }).fit(X, y as readonly ClassLabel[]) };
  },
});

const FOREST_SPACE: SearchSpace = {
  maxFeatures: { type: "float", low: 0.1, high: 1 },
  minSamplesLeaf: { type: "int", low: 1, high: 30, log: true },
};

const FOREST_TREES = 100;

function forestFamily(name: string, doc: string, kind: "random" | "extra"): Family {
  return matrixFamily({
    name,
    doc,
    space: FOREST_SPACE,
    portfolio: [{ maxFeatures: kind === "random" ? 0.5 : 0.7, minSamplesLeaf: 2 }],
    preset: forestPreset,
    build: (config, context) => {
      const params = (nEstimators: number) => ({ nEstimators, maxFeatures: config.maxFeatures as number, minSamplesLeaf: config.minSamplesLeaf as number, seed: context.seed, ...(context.nThreads === null ? {} : { nThreads: context.nThreads }) });
      const grow = (nEstimators: number, X: Matrix, y: readonly ClassLabel[] | Float64Array): MatrixModel => {
        if (context.task === "regression") return (kind === "random" ? new RandomForestRegressor(params(nEstimators)) : new ExtraTreesRegressor(params(nEstimators))).fit(X, y as Float64Array);
        return (kind === "random" ? new RandomForestClassifier(params(nEstimators)) : new ExtraTreesClassifier(params(nEstimators))).fit(X, y as readonly ClassLabel[]);
      };
      return {
        fit: (X, y) => {
          // A forest cannot stop mid-fit: in a search, a few trees are timed first, and the forest
          // is grown only if all of its trees should end in the time left (one fold of a random
          // forest took 39 s of a 30 s budget on credit-default, on a busy machine).
          if (context.secondsLeft) {
            const started = performance.now();
            grow(PROBE_TREES, X, y);
            const perTree = (performance.now() - started) / 1000 / PROBE_TREES;
            if (perTree * FOREST_TREES > context.secondsLeft()) throw new TooSlow(`${FOREST_TREES} trees would take about ${(perTree * FOREST_TREES).toFixed(1)} s, more than the ${Math.max(0, context.secondsLeft()).toFixed(1)} s left`);
          }
          return grow(FOREST_TREES, X, y);
        },
      };
    },
  });
}

export const RANDOM_FOREST = forestFamily("random-forest", "random forest of 100 trees on imputed, ordinal-coded features", "random");
export const EXTRA_TREES = forestFamily("extra-trees", "extremely randomised trees (100) on imputed, ordinal-coded features", "extra");

// Order matters at the start of a search: the first real candidate always runs, so it is the one
// that is good and can stop mid-fit when time is short (boosting).
export const FAMILIES: readonly Family[] = [BASELINE, GRADIENT_BOOSTING, LINEAR, RANDOM_FOREST, EXTRA_TREES];
