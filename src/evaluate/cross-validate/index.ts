// Cross-validation of any estimator: fold scores, timings and out-of-fold predictions.

export { crossValidate, type CrossValidateOptions, type CrossValidation, type Estimator, type FittedModel, type FoldScores, type OutOfFold } from "./cross-validate.js";
export { type Response, type Scorer, type Scoring } from "./scorer.js";
