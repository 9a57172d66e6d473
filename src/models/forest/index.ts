// Forests of CART trees: random forests and extremely randomised trees, grown over worker threads.

export { RandomForestClassifier, RandomForestClassifierModel, RandomForestRegressor, RandomForestRegressorModel, type RandomForestClassifierParams, type RandomForestRegressorParams } from "./random-forest.js";
export { ExtraTreesClassifier, ExtraTreesClassifierModel, ExtraTreesRegressor, ExtraTreesRegressorModel, type ExtraTreesClassifierParams, type ExtraTreesRegressorParams } from "./extra-trees.js";
export { ForestClassifierModel, ForestModel, ForestRegressorModel, type ForestInfo } from "./forest-model.js";
export { RANDOM_FOREST_CLASSIFIER_PARAMS, RANDOM_FOREST_REGRESSOR_PARAMS, EXTRA_TREES_CLASSIFIER_PARAMS, EXTRA_TREES_REGRESSOR_PARAMS } from "./params.js";
export { FOREST_CODECS } from "./serialize.js";
