// ExtraTreesClassifier and ExtraTreesRegressor (Geurts, Ernst & Wehenkel 2006, extremely randomised
// trees): at each split every feature tried gets one threshold drawn uniformly between its
// minimum and maximum in the node; trees see all rows by default (bootstrap false).

import type { Matrix } from "../../core/index.js";
import type { ClassLabel } from "../inputs.js";
import { resolveTreeParams, type TreeFitOptions } from "../tree/index.js";
import { ForestClassifierModel, ForestRegressorModel } from "./forest-model.js";
import { fitForest } from "./fit-forest.js";
import { EXTRA_TREES_CLASSIFIER_PARAMS, EXTRA_TREES_REGRESSOR_PARAMS } from "./params.js";

type Given = Readonly<Record<string, unknown>>;
const classifierParams = (given: Given) => resolveTreeParams(EXTRA_TREES_CLASSIFIER_PARAMS, given, "ExtraTreesClassifier");
const regressorParams = (given: Given) => resolveTreeParams(EXTRA_TREES_REGRESSOR_PARAMS, given, "ExtraTreesRegressor");
export type ExtraTreesClassifierParams = ReturnType<typeof classifierParams>;
export type ExtraTreesRegressorParams = ReturnType<typeof regressorParams>;

export class ExtraTreesClassifier {
  readonly params: ExtraTreesClassifierParams;

  constructor(params: Partial<ExtraTreesClassifierParams> = {}) {
    this.params = classifierParams(params);
  }

  fit(X: Matrix, y: ArrayLike<ClassLabel | null>, options: TreeFitOptions = {}): ExtraTreesClassifierModel {
    const fitted = fitForest(X, y, options, { task: "classification", splitter: "random", owner: "ExtraTreesClassifier", params: this.params });
    return new ExtraTreesClassifierModel(fitted.trees, fitted.featureNames, fitted.classes!, { ...this.params }, fitted.info);
  }
}

export class ExtraTreesClassifierModel extends ForestClassifierModel {}

export class ExtraTreesRegressor {
  readonly params: ExtraTreesRegressorParams;

  constructor(params: Partial<ExtraTreesRegressorParams> = {}) {
    this.params = regressorParams(params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: TreeFitOptions = {}): ExtraTreesRegressorModel {
    const fitted = fitForest(X, y, options, { task: "regression", splitter: "random", owner: "ExtraTreesRegressor", params: this.params });
    return new ExtraTreesRegressorModel(fitted.trees, fitted.featureNames, { ...this.params }, fitted.info);
  }
}

export class ExtraTreesRegressorModel extends ForestRegressorModel {}
