// Decision trees (CART): estimators, fitted models, the flat prediction structure, pruning.

export { DecisionTreeClassifier, DecisionTreeClassifierModel, DecisionTreeRegressor, DecisionTreeRegressorModel, growSettingsOf, type TreeFitOptions, type TreeInfo, type TreeClassifierParams, type TreeRegressorParams } from "./decision-tree.js";
export { TREE_CLASSIFIER_PARAMS, TREE_REGRESSOR_PARAMS, CART_PARAMS, maxFeaturesOf, resolveTreeParams, type MaxFeatures } from "./params.js";
export { FLAT_TREE_LAYOUT, addPredictions, leafOf, type FlatTree } from "./flat-tree.js";
export { pruningPath, pruneTree, type PruningPath } from "./pruning.js";
export { growBuffers, growTree, type Criterion, type GrowBuffers, type GrowSettings } from "./grower.js";
export { trainingSet, checkFiniteRows, type TrainingSet } from "./training-set.js";
export { fitInputs, featureImportances, type FitInputs } from "./fit-inputs.js";
export { TREE_CODECS, TREE_FORMAT_VERSION, readTree, writeTree, classesOf, stringsOf, type FlatTreeEntry } from "./serialize.js";
