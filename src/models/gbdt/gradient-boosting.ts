// GradientBoostingRegressor and GradientBoostingClassifier: configuration in, fitted model out.
// They accept a Frame (categorical and missing values native) or a dense row-major matrix.

import { InvalidInput, defaultThreads, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { Frame } from "../../data/index.js";
import { trainBooster, denseRows, type BoosterResult, type BoosterSettings } from "./booster.js";
import { alignCategories, fromFrame, fromMatrix, type FeatureSource, type MatrixOptions } from "./dataset.js";
import { createMetric } from "./metrics.js";
import { createObjective } from "./objectives.js";
import type { ObjectiveName } from "./objective.js";
import { CLASSIFIER_PARAMS, REGRESSOR_PARAMS, BOOSTING_PARAMS } from "./params.js";
import { predictRaw, predictRowRaw, type Forest } from "./predictor.js";
import { treeShap } from "./shap.js";
import type { Tree } from "./tree.js";
import { argmaxLabels, encodeLabels, numericTarget, weightsOf, type ClassLabel } from "../inputs.js";

export type { ClassLabel };

export type Features = Frame | Matrix;

export interface FitOptions extends MatrixOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** Validation data for evaluation and early stopping. */
  readonly evalSet?: { readonly X: Features; readonly y: ArrayLike<unknown>; readonly sampleWeight?: ArrayLike<number> };
  /**
   * Asked after each boosting iteration (0-based); returning true ends training there, keeping
   * the trees so far (and, with early stopping, the best of them). For time budgets.
   */
  readonly shouldStop?: (iteration: number) => boolean;
}

export type RegressorParams = Partial<ParamValues<typeof REGRESSOR_PARAMS>>;
export type ClassifierParams = Partial<ParamValues<typeof CLASSIFIER_PARAMS>>;

/** What a fitted booster knows about itself. */
export interface BoostingInfo {
  readonly nIterations: number;
  readonly bestIteration: number;
  readonly stoppedEarly: boolean;
  /** Validation metric per iteration (empty without an evalSet). */
  readonly validScores: readonly number[];
  readonly evalMetric: string | null;
}

export interface FeatureImportance {
  readonly feature: string;
  /** Total loss reduction of the splits on the feature. */
  readonly gain: number;
  /** Number of splits on the feature. */
  readonly splits: number;
}

/** What regressor and classifier models share: the forest, its features, importance. */
export abstract class BoostedModel {
  readonly forest: Forest;
  readonly featureNames: readonly string[];
  readonly isCategorical: readonly boolean[];
  readonly categories: readonly (readonly string[])[];
  readonly objective: ObjectiveName;
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: BoostingInfo;

  protected constructor(init: ModelInit) {
    this.forest = init.forest;
    this.featureNames = init.featureNames;
    this.isCategorical = init.isCategorical;
    this.categories = init.categories;
    this.objective = init.objective;
    this.params = init.params;
    this.info = init.info;
  }

  /** Raw scores (before the link), row-major n × nOutputs. */
  predictRaw(X: Features): Float64Array {
    const { rows, n } = this.#rowsOf(X);
    return toRowMajor(predictRaw(this.forest, rows, n), n, this.forest.nOutputs);
  }

  /** Raw scores of one row of feature values, in training feature order (microseconds). */
  predictRowRaw(row: ArrayLike<number>, out = new Float64Array(this.forest.nOutputs)): Float64Array {
    if (row.length !== this.featureNames.length) {
      throw new InvalidInput(`The row has ${row.length} values but the model has ${this.featureNames.length} features`);
    }
    return predictRowRaw(this.forest, row, 0, out);
  }

  /**
   * TreeSHAP contributions: for each row and output, one value per feature and a last one for the
   * bias, summing to the raw score. Row-major: rows × (nOutputs × (nFeatures + 1)).
   */
  predictContributions(X: Features): Matrix {
    const { rows, n } = this.#rowsOf(X);
    const p = this.featureNames.length;
    const data = treeShap(this.forest, rows, n, p);
    return { data, rows: n, cols: this.forest.nOutputs * (p + 1) };
  }

  featureImportance(): FeatureImportance[] {
    const gain = new Float64Array(this.featureNames.length);
    const splits = new Float64Array(this.featureNames.length);
    for (const tree of this.forest.trees) {
      for (let node = 0; node < tree.nNodes; node++) {
        const f = tree.feature[node];
        if (f < 0) continue;
        gain[f] += tree.gain[node];
        splits[f]++;
      }
    }
    return this.featureNames.map((feature, f) => ({ feature, gain: gain[f], splits: splits[f] }));
  }

  protected transformed(X: Features): { pred: Float64Array; n: number } {
    const { rows, n } = this.#rowsOf(X);
    const objective = createObjective(this.objective, this.objectiveOptions());
    return { pred: objective.transform(predictRaw(this.forest, rows, n), n), n };
  }

  protected abstract objectiveOptions(): Record<string, number>;

  #rowsOf(X: Features): { rows: ArrayLike<number>; n: number } {
    const p = this.featureNames.length;
    if (X instanceof Frame) {
      const given = fromFrame(X, this.featureNames);
      given.isCategorical.forEach((isCategorical, f) => {
        if (isCategorical !== this.isCategorical[f]) {
          throw new InvalidInput(
            `Column "${this.featureNames[f]}" is ${isCategorical ? "categorical" : "numeric"} here but was ${this.isCategorical[f] ? "categorical" : "numeric"} when the model was fitted`,
            { hint: "read the data with the same column kinds as the training data" },
          );
        }
      });
      const source = alignCategories(given, this.categories);
      return { rows: denseRows(source, p), n: X.nRows };
    }
    if (X.cols !== p) throw new InvalidInput(`X has ${X.cols} columns but the model was fitted on ${p} features`);
    return { rows: X.data, n: X.rows };
  }
}

interface ModelInit {
  readonly forest: Forest;
  readonly featureNames: readonly string[];
  readonly isCategorical: readonly boolean[];
  readonly categories: readonly (readonly string[])[];
  readonly objective: ObjectiveName;
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: BoostingInfo;
}

export class GradientBoostingRegressor {
  readonly params: ParamValues<typeof REGRESSOR_PARAMS>;

  constructor(params: RegressorParams = {}) {
    this.params = resolveParams(REGRESSOR_PARAMS, params, "GradientBoostingRegressor");
  }

  fit(X: Features, y: ArrayLike<number>, options: FitOptions = {}): GradientBoostingRegressorModel {
    const params = this.params;
    const source = sourceOf(X, options);
    const target = numericTarget(y, source.nRows, "y");
    const objectiveOptions = { huberDelta: params.huberDelta, alpha: params.alpha, tweedieVariancePower: params.tweedieVariancePower };
    const objective = createObjective(params.objective, objectiveOptions);
    objective.checkTarget(target);
    const metricName = params.evalMetric === "auto" ? objective.defaultMetric : params.evalMetric;
    const valid = options.evalSet && {
      set: evalSetOf(options.evalSet, source, (v, n) => numericTarget(v, n, "evalSet.y")),
      metric: createMetric(metricName, objectiveOptions),
    };
    const result = trainBooster(source, target, weightsOf(options.sampleWeight, source.nRows), objective, { ...settingsOf(params, source), shouldStop: options.shouldStop }, valid);
    return new GradientBoostingRegressorModel(initOf(result, source, params.objective, params, valid ? metricName : null), objectiveOptions);
  }
}

export class GradientBoostingRegressorModel extends BoostedModel {
  readonly #objectiveOptions: Record<string, number>;

  constructor(init: ModelInit, objectiveOptions: Record<string, number>) {
    super(init);
    this.#objectiveOptions = objectiveOptions;
  }

  predict(X: Features): Float64Array {
    return this.transformed(X).pred;
  }

  protected objectiveOptions(): Record<string, number> {
    return this.#objectiveOptions;
  }
}


export class GradientBoostingClassifier {
  readonly params: ParamValues<typeof CLASSIFIER_PARAMS>;

  constructor(params: ClassifierParams = {}) {
    this.params = resolveParams(CLASSIFIER_PARAMS, params, "GradientBoostingClassifier");
  }

  fit(X: Features, y: ArrayLike<ClassLabel | null>, options: FitOptions = {}): GradientBoostingClassifierModel {
    const params = this.params;
    const source = sourceOf(X, options);
    const { classes, codes } = encodeLabels(y, source.nRows);
    const K = classes.length;
    const objectiveName: ObjectiveName = K === 2 ? "binary-logloss" : "softmax";
    const objective = createObjective(objectiveName, { nClasses: K });
    const metricName = params.evalMetric === "auto" ? (K === 2 ? "logloss" : "mlogloss") : params.evalMetric;
    const valid = options.evalSet && {
      set: evalSetOf(options.evalSet, source, (v, n) => encodeLabels(v, n, classes).codes),
      metric: createMetric(metricName, {}),
    };
    const result = trainBooster(source, codes, weightsOf(options.sampleWeight, source.nRows), objective, { ...settingsOf(params, source), shouldStop: options.shouldStop }, valid);
    return new GradientBoostingClassifierModel(initOf(result, source, objectiveName, params, valid ? metricName : null), classes);
  }
}

export class GradientBoostingClassifierModel extends BoostedModel {
  readonly classes: readonly ClassLabel[];

  constructor(init: ModelInit, classes: readonly ClassLabel[]) {
    super(init);
    this.classes = classes;
  }

  /** Probability of each class, row-major: n × classes.length. */
  predictProba(X: Features): Matrix {
    const { pred, n } = this.transformed(X);
    const K = this.classes.length;
    if (K === 2) {
      const data = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        data[2 * i] = 1 - pred[i];
        data[2 * i + 1] = pred[i];
      }
      return { data, rows: n, cols: 2 };
    }
    return { data: toRowMajor(pred, n, K), rows: n, cols: K };
  }

  /** The most probable class of each row. */
  predict(X: Features): ClassLabel[] {
    return argmaxLabels(this.predictProba(X), this.classes);
  }

  protected objectiveOptions(): Record<string, number> {
    return { nClasses: this.classes.length };
  }
}

function sourceOf(X: Features, options: MatrixOptions): FeatureSource {
  if (!(X instanceof Frame) && (!X || typeof X !== "object" || !("data" in X))) throw new InvalidInput("X must be a Frame or a matrix { data, rows, cols }");
  const source = X instanceof Frame ? fromFrame(X) : fromMatrix(X, options);
  if (source.nRows === 0) throw new InvalidInput("X has no rows: there is nothing to fit");
  if (source.names.length === 0) throw new InvalidInput("X has no columns: there are no features to fit on");
  return source;
}

function evalSetOf(
  evalSet: NonNullable<FitOptions["evalSet"]>,
  training: FeatureSource,
  target: (y: ArrayLike<unknown>, n: number) => Float64Array,
): { source: FeatureSource; y: Float64Array; weight: Float64Array | null } {
  const raw = evalSet.X instanceof Frame ? fromFrame(evalSet.X, training.names) : fromMatrix(evalSet.X, { featureNames: training.names });
  const source = alignCategories(raw, training.categories);
  return { source, y: target(evalSet.y, source.nRows), weight: weightsOf(evalSet.sampleWeight, source.nRows) };
}

function monotoneOf(monotone: readonly number[] | null, source: FeatureSource): Int8Array {
  const p = source.names.length;
  if (monotone === null) return new Int8Array(p);
  if (monotone.length !== p) throw new InvalidInput(`monotone has ${monotone.length} entries but there are ${p} features`, { hint: "give one of -1, 0, 1 per feature" });
  return Int8Array.from(monotone, (m, f) => {
    if (m !== -1 && m !== 0 && m !== 1) throw new InvalidInput(`monotone[${f}] must be -1, 0 or 1: received ${m}`);
    if (m !== 0 && source.isCategorical[f]) throw new InvalidInput(`monotone[${f}] is set on categorical feature "${source.names[f]}": constraints need an order`);
    return m;
  });
}

function settingsOf(params: ParamValues<typeof BOOSTING_PARAMS>, source: FeatureSource): BoosterSettings {
  return {
    nEstimators: params.nEstimators,
    learningRate: params.learningRate,
    maxDepth: params.maxDepth,
    maxLeaves: params.maxLeaves ?? Number.MAX_SAFE_INTEGER,
    maxBins: params.maxBins,
    subsample: params.subsample,
    colsample: params.colsample,
    earlyStoppingRounds: params.earlyStoppingRounds,
    seed: params.seed,
    nThreads: params.nThreads ?? defaultThreads(),
    baseScore: params.baseScore,
    rules: {
      l1: params.l1,
      l2: params.l2,
      minChildWeight: params.minChildWeight,
      minSamplesLeaf: params.minSamplesLeaf,
      minSplitGain: params.minSplitGain,
      maxDeltaStep: params.maxDeltaStep,
      monotone: monotoneOf(params.monotone, source),
      maxCatToOnehot: params.maxCatToOnehot,
      catSmooth: params.catSmooth,
      catL2: params.catL2,
      minDataPerGroup: params.minDataPerGroup,
    },
  };
}

function initOf(result: BoosterResult, source: FeatureSource, objective: ObjectiveName, params: ParamValues<typeof BOOSTING_PARAMS>, evalMetric: string | null): ModelInit {
  return {
    forest: { trees: result.trees as Tree[], nOutputs: result.nOutputs, baseScore: result.baseScore, nFeatures: source.names.length },
    featureNames: source.names,
    isCategorical: source.isCategorical,
    categories: source.categories,
    objective,
    params: { ...params },
    info: {
      nIterations: result.trees.length / result.nOutputs,
      bestIteration: result.bestIteration,
      stoppedEarly: result.stoppedEarly,
      validScores: result.validScores,
      evalMetric,
    },
  };
}

function toRowMajor(classMajor: Float64Array, n: number, K: number): Float64Array {
  if (K === 1) return classMajor;
  const out = new Float64Array(n * K);
  for (let k = 0; k < K; k++) for (let i = 0; i < n; i++) out[i * K + k] = classMajor[k * n + i];
  return out;
}
