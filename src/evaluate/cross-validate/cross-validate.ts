// Cross-validation of any estimator that follows Orchard's contract (fit(X, y, options) → model
// with predict, and predictProba for classifiers): fit on each fold's train rows, score train and
// test rows, and gather the out-of-fold predictions in the original row order.
//
// Folds run one after another on the calling thread. Estimators are classes living in this thread
// (they cannot be sent to a worker), and each one already spreads its own training over the cores
// (gradient boosting's worker team), so `nThreads` is handed to the estimator instead. Results do
// not depend on it: the estimators promise bit-identical models whatever the number of threads, and
// the folds are fixed before any fitting starts.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { Frame } from "../../data/index.js";
import { distinctLabels, type ClassLabel } from "../../models/index.js";
import { groupKFold, kFold, stratifiedKFold, type Fold } from "../split/index.js";
import { takeRows } from "../stats/resample.js";
import { positiveColumn, scorersOf, type Scorer, type Scoring } from "./scorer.js";

export type Features = Matrix | Frame;

export interface FittedModel {
  predict(X: Features): ArrayLike<unknown>;
  predictProba?(X: Features): Matrix;
  readonly classes?: readonly ClassLabel[];
}

export interface Estimator<M extends FittedModel = FittedModel> {
  fit(X: Features, y: ArrayLike<unknown>, options?: { sampleWeight?: ArrayLike<number> }): M;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface CrossValidateOptions {
  /** Number of folds (stratified for classifiers, grouped with `groups`), or the folds themselves. Default 5. */
  readonly cv?: number | readonly Fold[];
  /** One scorer or several; none when only the out-of-fold predictions are wanted. */
  readonly scoring?: Scoring;
  /** Row weights, used to fit and to score. */
  readonly sampleWeight?: ArrayLike<number>;
  /** Group of each row: with a number of folds, groupKFold keeps each group in one fold. */
  readonly groups?: ArrayLike<unknown>;
  /** Threads given to the estimator (its `nThreads` parameter); folds run one at a time. */
  readonly nThreads?: number;
  readonly returnModels?: boolean;
  /**
   * "classification" makes a number of folds stratified. By default a task is a classification when
   * a scorer reads probabilities or y holds non-numbers; give it for numeric class labels.
   */
  readonly task?: "classification" | "regression";
  /** Score the train rows too (default true). */
  readonly returnTrainScore?: boolean;
}

export interface FoldScores {
  readonly test: Float64Array;
  /** Empty without returnTrainScore. */
  readonly train: Float64Array;
  readonly mean: number;
  readonly std: number;
  readonly greaterIsBetter: boolean;
}

export interface OutOfFold {
  /** The fold that predicted each row; −1 for rows no fold tested. */
  readonly fold: Int32Array;
  /** Labels (classifiers) or values, per row; null / NaN where untested. */
  readonly prediction: ClassLabel[] | Float64Array;
  /** Classifiers: rows × classes probabilities, columns in `classes` order; NaN where untested. */
  readonly proba: Matrix | null;
  readonly classes: readonly ClassLabel[] | null;
}

export interface CrossValidation<M extends FittedModel = FittedModel> {
  readonly folds: readonly Fold[];
  readonly scores: Readonly<Record<string, FoldScores>>;
  /** Seconds per fold (wall clock): not reproducible, unlike everything else here. */
  readonly fitTime: Float64Array;
  readonly scoreTime: Float64Array;
  /** Null when some row is tested by more than one fold (repeated splits). */
  readonly outOfFold: OutOfFold | null;
  readonly models: M[] | null;
}

export function crossValidate<M extends FittedModel>(estimator: Estimator<M>, X: Features, y: ArrayLike<unknown>, options: CrossValidateOptions = {}): CrossValidation<M> {
  const n = X instanceof Frame ? X.nRows : X.rows;
  if (!y || y.length !== n) throw new InvalidInput(`crossValidate: y has ${y?.length} values but X has ${n} rows`);
  if (options.sampleWeight && options.sampleWeight.length !== n) throw new InvalidInput(`crossValidate: sampleWeight has ${options.sampleWeight.length} values but X has ${n} rows`);
  const scorers = scorersOf(options.scoring);
  const task = options.task ?? (scorers.some((s) => s.response === "proba" || s.response === "positive-proba") || typeof y[0] !== "number" ? "classification" : "regression");
  const folds = foldsFor(options, y, n, task === "classification");
  const fitter = withThreads(estimator, options.nThreads);
  const weight = options.sampleWeight ? Float64Array.from(options.sampleWeight) : undefined;
  // Whether there are probabilities to gather is known once the first model is fitted.
  let classes: readonly ClassLabel[] | null = null;
  let oof: ReturnType<typeof outOfFoldStore> = null;
  const testScores = scorers.map(() => new Float64Array(folds.length));
  const trainScores = scorers.map(() => new Float64Array(options.returnTrainScore === false ? 0 : folds.length));
  const fitTime = new Float64Array(folds.length);
  const scoreTime = new Float64Array(folds.length);
  const models: M[] = [];
  folds.forEach((fold, f) => {
    const started = performance.now();
    const model = fitter.fit(rowsOf(X, fold.train), takeRows(y, fold.train), weight ? { sampleWeight: takeRows(weight, fold.train) } : {});
    fitTime[f] = (performance.now() - started) / 1000;
    if (f === 0) {
      classes = typeof model.predictProba === "function" ? distinctLabels(y) : null;
      oof = outOfFoldStore(folds, n, classes);
    }
    const scored = performance.now();
    const test = respond(model, rowsOf(X, fold.test), scorers, classes);
    scorers.forEach((s, k) => (testScores[k][f] = scoreWith(s, y, fold.test, test, weight)));
    if (options.returnTrainScore !== false) {
      const train = respond(model, rowsOf(X, fold.train), scorers, classes);
      scorers.forEach((s, k) => (trainScores[k][f] = scoreWith(s, y, fold.train, train, weight)));
    }
    scoreTime[f] = (performance.now() - scored) / 1000;
    oof?.record(fold.test, f, test);
    if (options.returnModels) models.push(model);
  });
  const scores: Record<string, FoldScores> = {};
  scorers.forEach((s, k) => (scores[s.name] = { test: testScores[k], train: trainScores[k], ...meanStd(testScores[k]), greaterIsBetter: s.greaterIsBetter }));
  const store = oof as ReturnType<typeof outOfFoldStore>;
  return { folds, scores, fitTime, scoreTime, outOfFold: store?.result() ?? null, models: options.returnModels ? models : null };
}

function foldsFor(options: CrossValidateOptions, y: ArrayLike<unknown>, n: number, isClassifier: boolean): readonly Fold[] {
  const cv = options.cv ?? 5;
  if (typeof cv !== "number") {
    for (const [f, fold] of cv.entries()) {
      for (const idx of [fold.train, fold.test]) {
        for (const i of idx) if (!(i >= 0 && i < n)) throw new InvalidInput(`crossValidate: fold ${f} holds row ${i}, outside 0..${n - 1}`);
      }
      if (fold.train.length === 0 || fold.test.length === 0) throw new InvalidInput(`crossValidate: fold ${f} has an empty train or test set`);
    }
    return cv;
  }
  if (options.groups) {
    if (options.groups.length !== n) throw new InvalidInput(`crossValidate: groups has ${options.groups.length} values but X has ${n} rows`);
    return groupKFold(options.groups, { nSplits: cv });
  }
  return isClassifier ? stratifiedKFold(y, { nSplits: cv }) : kFold(n, { nSplits: cv });
}

/** The estimator with `nThreads` set, when it declares that parameter; otherwise as given. */
function withThreads<M extends FittedModel>(estimator: Estimator<M>, nThreads: number | undefined): Estimator<M> {
  if (nThreads === undefined) return estimator;
  if (!Number.isInteger(nThreads) || nThreads < 1) throw new InvalidInput(`crossValidate: nThreads must be an integer ≥ 1: received ${nThreads}`);
  if (!estimator.params || !("nThreads" in estimator.params)) return estimator;
  const Class = estimator.constructor as new (params: Record<string, unknown>) => Estimator<M>;
  return new Class({ ...estimator.params, nThreads });
}

function rowsOf(X: Features, index: Int32Array): Features {
  return X instanceof Frame ? X.take(index) : takeRows(X, index);
}

interface Responses {
  predict: ArrayLike<unknown> | null;
  proba: Matrix | null;
}

function respond(model: FittedModel, X: Features, scorers: readonly Scorer[], classes: readonly ClassLabel[] | null): Responses {
  const proba = classes && model.predictProba ? alignedProba(model, X, classes) : null;
  if (!proba && scorers.some((s) => s.response === "proba" || s.response === "positive-proba")) {
    throw new InvalidInput("A probability scorer needs a model with predictProba");
  }
  return { predict: model.predict(X), proba };
}

/** predictProba with columns for every class of y, zero for classes a fold's model never saw. */
function alignedProba(model: FittedModel, X: Features, classes: readonly ClassLabel[]): Matrix {
  const own = model.predictProba!(X);
  const seen = model.classes ?? classes;
  if (seen.length === classes.length && seen.every((c, k) => c === classes[k])) return own;
  const column = seen.map((c) => classes.indexOf(c));
  const data = new Float64Array(own.rows * classes.length);
  for (let i = 0; i < own.rows; i++) for (let k = 0; k < own.cols; k++) data[i * classes.length + column[k]] = own.data[i * own.cols + k];
  return { data, rows: own.rows, cols: classes.length };
}

function scoreWith(scorer: Scorer, y: ArrayLike<unknown>, index: Int32Array, r: Responses, weight: Float64Array | undefined): number {
  const prediction = scorer.response === "proba" ? r.proba! : scorer.response === "positive-proba" ? positiveColumn(r.proba!) : r.predict!;
  return scorer.metric(takeRows(y, index), prediction as ArrayLike<unknown>, weight && takeRows(weight, index));
}

function outOfFoldStore(folds: readonly Fold[], n: number, classes: readonly ClassLabel[] | null) {
  const fold = new Int32Array(n).fill(-1);
  for (const f of folds) for (const i of f.test) if (fold[i] !== -1) return null;
  else fold[i] = 0;
  fold.fill(-1);
  const prediction: ClassLabel[] | Float64Array = classes ? new Array<ClassLabel>(n).fill(null as unknown as ClassLabel) : new Float64Array(n).fill(NaN);
  const K = classes?.length ?? 0;
  const proba = classes ? new Float64Array(n * K).fill(NaN) : null;
  return {
    record(test: Int32Array, f: number, r: Responses): void {
      for (let j = 0; j < test.length; j++) {
        const i = test[j];
        fold[i] = f;
        prediction[i] = r.predict![j] as never;
        if (proba && r.proba) proba.set(r.proba.data.subarray(j * K, j * K + K), i * K);
      }
    },
    result(): OutOfFold {
      return { fold, prediction, proba: proba ? { data: proba, rows: n, cols: K } : null, classes };
    },
  };
}

function meanStd(values: Float64Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  // Population standard deviation over folds, as scikit-learn reports cv_results_ std_test_score.
  return { mean, std: Math.sqrt(ss / values.length) };
}
