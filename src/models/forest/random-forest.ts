// RandomForestClassifier and RandomForestRegressor (Breiman 2001): CART trees grown on bootstrap
// samples, trying a random subset of features at each split, averaged.

import type { Matrix } from "../../core/index.js";
import type { ClassLabel } from "../inputs.js";
import { resolveTreeParams, type TreeFitOptions } from "../tree/index.js";
import { ForestClassifierModel, ForestRegressorModel } from "./forest-model.js";
import { fitForest } from "./fit-forest.js";
import { RANDOM_FOREST_CLASSIFIER_PARAMS, RANDOM_FOREST_REGRESSOR_PARAMS } from "./params.js";

type Given = Readonly<Record<string, unknown>>;
const classifierParams = (given: Given) => resolveTreeParams(RANDOM_FOREST_CLASSIFIER_PARAMS, given, "RandomForestClassifier");
const regressorParams = (given: Given) => resolveTreeParams(RANDOM_FOREST_REGRESSOR_PARAMS, given, "RandomForestRegressor");
export type RandomForestClassifierParams = ReturnType<typeof classifierParams>;
export type RandomForestRegressorParams = ReturnType<typeof regressorParams>;

export class RandomForestClassifier {
  readonly params: RandomForestClassifierParams;

  constructor(params: Partial<RandomForestClassifierParams> = {}) {
    this.params = classifierParams(params);
  }

  fit(X: Matrix, y: ArrayLike<ClassLabel | null>, options: TreeFitOptions = {}): RandomForestClassifierModel {
    const fitted = fitForest(X, y, options, { task: "classification", splitter: "best", owner: "RandomForestClassifier", params: this.params });
    return new RandomForestClassifierModel(fitted.trees, fitted.featureNames, fitted.classes!, { ...this.params }, fitted.info);
  }
}

export class RandomForestClassifierModel extends ForestClassifierModel {}

export class RandomForestRegressor {
  readonly params: RandomForestRegressorParams;

  constructor(params: Partial<RandomForestRegressorParams> = {}) {
    this.params = regressorParams(params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: TreeFitOptions = {}): RandomForestRegressorModel {
    const fitted = fitForest(X, y, options, { task: "regression", splitter: "best", owner: "RandomForestRegressor", params: this.params });
    return new RandomForestRegressorModel(fitted.trees, fitted.featureNames, { ...this.params }, fitted.info);
  }
}

export class RandomForestRegressorModel extends ForestRegressorModel {}
