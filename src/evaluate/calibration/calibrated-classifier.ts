// A classifier whose probabilities are calibrated on rows it was not fitted on: the calibrators
// (Platt or isotonic, one per class, one-vs-rest) are fitted to the out-of-fold probabilities of a
// cross-validation, and the final model is the estimator fitted on every row, as scikit-learn's
// CalibratedClassifierCV(ensemble=False). Multiclass rows are renormalised to sum to 1.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { argmaxLabels, type ClassLabel } from "../../models/index.js";
import { crossValidate, type Estimator, type Features, type FittedModel } from "../cross-validate/cross-validate.js";
import type { Fold } from "../split/index.js";
import { IsotonicCalibrator, IsotonicRegression } from "./isotonic-regression.js";
import { PlattCalibrator, PlattScaling } from "./platt-scaling.js";

export interface CalibratedClassifierOptions {
  /** "sigmoid" (Platt, default) suits small calibration sets; "isotonic" needs more rows but no shape. */
  readonly method?: "sigmoid" | "isotonic";
  /** Folds for the out-of-fold probabilities: a number (stratified) or the folds. Default 5. */
  readonly cv?: number | readonly Fold[];
}

type ProbabilisticModel = FittedModel & { predictProba(X: Features): Matrix; readonly classes: readonly ClassLabel[] };

export class CalibratedClassifier<M extends ProbabilisticModel> {
  readonly method: "sigmoid" | "isotonic";
  readonly #cv: number | readonly Fold[];

  constructor(
    readonly estimator: Estimator<M>,
    options: CalibratedClassifierOptions = {},
  ) {
    this.method = options.method ?? "sigmoid";
    if (this.method !== "sigmoid" && this.method !== "isotonic") throw new InvalidInput(`CalibratedClassifier method must be "sigmoid" or "isotonic": received ${String(this.method)}`);
    this.#cv = options.cv ?? 5;
  }

  fit(X: Features, y: ArrayLike<ClassLabel>, options: { sampleWeight?: ArrayLike<number> } = {}): CalibratedClassifierModel<M> {
    const cv = crossValidate(this.estimator, X, y, { cv: this.#cv, sampleWeight: options.sampleWeight, task: "classification" });
    const oof = cv.outOfFold;
    if (!oof?.proba || !oof.classes) throw new InvalidInput("CalibratedClassifier needs an estimator whose models have predictProba, and folds that test each row at most once");
    const tested = [...oof.fold.keys()].filter((i) => oof.fold[i] >= 0);
    const K = oof.classes.length;
    const columns = K === 2 ? [1] : [...Array(K).keys()];
    const weight = options.sampleWeight && tested.map((i) => options.sampleWeight![i]);
    const calibrators = columns.map((k) => {
      const scores = tested.map((i) => oof.proba!.data[i * K + k]);
      const target = tested.map((i) => (y[i] === oof.classes![k] ? 1 : 0));
      return this.method === "sigmoid"
        ? new PlattScaling().fit(scores, target, { sampleWeight: weight })
        : new IsotonicRegression({ outOfBounds: "clip" }).fit(scores, target, { sampleWeight: weight });
    });
    const model = this.estimator.fit(X, y, options);
    return new CalibratedClassifierModel(model, calibrators);
  }
}

export class CalibratedClassifierModel<M extends ProbabilisticModel> {
  constructor(
    readonly model: M,
    /** One per class (one for the positive class of a binary problem). */
    readonly calibrators: readonly (PlattCalibrator | IsotonicCalibrator)[],
  ) {}

  get classes(): readonly ClassLabel[] {
    return this.model.classes;
  }

  predictProba(X: Features): Matrix {
    const raw = this.model.predictProba(X);
    const K = raw.cols;
    const n = raw.rows;
    const column = (k: number): Float64Array => Float64Array.from({ length: n }, (_, i) => raw.data[i * K + k]);
    const data = new Float64Array(n * K);
    if (K === 2) {
      const p = this.calibrators[0].transform(column(1));
      for (let i = 0; i < n; i++) [data[2 * i], data[2 * i + 1]] = [1 - p[i], p[i]];
      return { data, rows: n, cols: 2 };
    }
    this.calibrators.forEach((c, k) => c.transform(column(k)).forEach((p, i) => (data[i * K + k] = p)));
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += data[i * K + k];
      // Every calibrator at 0: no information left, so the uniform distribution.
      for (let k = 0; k < K; k++) data[i * K + k] = sum > 0 ? data[i * K + k] / sum : 1 / K;
    }
    return { data, rows: n, cols: K };
  }

  predict(X: Features): ClassLabel[] {
    return argmaxLabels(this.predictProba(X), this.classes);
  }
}
