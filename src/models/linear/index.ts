// Linear models: least squares, ridge, lasso and elastic net for regression, logistic regression
// for classification; scikit-learn's objectives, so fits compare value for value. Unpenalised
// fits carry a coefficient table (summary()) with standard errors and p-values.

export { LinearRegression, LinearRegressionModel, type LinearFitOptions, type RegressionStatistics } from "./linear-regression.js";
export { Ridge, RidgeModel } from "./ridge.js";
export { Lasso, LassoModel, ElasticNet, ElasticNetModel } from "./elastic-net.js";
export { LogisticRegression, LogisticRegressionModel, type LogisticStatistics } from "./logistic-regression.js";
export { LinearRegressorModel, type LinearInfo } from "./linear-model.js";
export type { CoefficientRow, CoefficientTable, StandardErrors } from "./summary.js";
export { ELASTIC_NET_PARAMS, LASSO_PARAMS, LINEAR_REGRESSION_PARAMS, LOGISTIC_REGRESSION_PARAMS, RIDGE_PARAMS } from "./params.js";
export { LINEAR_CODECS, type LinearModelOfAnyKind } from "./serialize.js";
