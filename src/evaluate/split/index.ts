// Splitters: how rows are divided into train and test sets. Each returns folds of sorted Int32Array
// row indices; all are seeded.

export { complement, type Fold } from "./fold.js";
export { holdout, type HoldoutOptions } from "./holdout.js";
export { kFold, type KFoldOptions } from "./k-fold.js";
export { stratifiedKFold, type StratifiedKFoldOptions } from "./stratified-k-fold.js";
export { groupKFold, type GroupKFoldOptions } from "./group-k-fold.js";
export { timeSeriesSplit, type TimeSeriesSplitOptions } from "./time-series-split.js";
export { repeatedKFold, repeatedStratifiedKFold, type RepeatedKFoldOptions } from "./repeated-k-fold.js";
