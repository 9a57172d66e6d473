// Gradient boosting on histograms: the estimators, their fitted models, the objectives and metrics
// they use, and the model document format. Binning, histograms, split finding, growth and the
// kernels are private to this folder.

export {
  BoostedModel,
  GradientBoostingClassifier,
  GradientBoostingClassifierModel,
  GradientBoostingRegressor,
  GradientBoostingRegressorModel,
  type BoostingInfo,
  type ClassifierParams,
  type ClassLabel,
  type FeatureImportance,
  type Features,
  type FitOptions,
  type RegressorParams,
} from "./gradient-boosting.js";
export type { MatrixOptions } from "./dataset.js";
export { BOOSTING_PARAMS, CLASSIFIER_PARAMS, REGRESSOR_PARAMS } from "./params.js";
export { OBJECTIVE_NAMES, createObjective } from "./objectives.js";
export type { Objective, ObjectiveName, ObjectiveOptions } from "./objective.js";
export { METRIC_NAMES, createMetric, type MetricName, type MetricOptions } from "./metrics.js";
export type { Metric } from "./metric.js";
export type { Forest } from "./predictor.js";
export { expectedValue, treeShap } from "./shap.js";
export type { Tree } from "./tree.js";
export {
  GBDT_CODECS,
  MODEL_VERSION as GBDT_MODEL_VERSION,
  TREE_LAYOUT,
  modelFromDocument as boostedModelFromDocument,
  modelToDocument as boostedModelToDocument,
  type Model as BoostedModelOfAnyKind,
  type ModelDocument as BoostedModelDocument,
  type ModelHeader as BoostedModelHeader,
  type ModelKind as BoostedModelKind,
  type TreeEntry,
} from "./serialize.js";
