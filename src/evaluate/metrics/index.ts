// Classification and regression metrics with scikit-learn's definitions (checked against
// scikit-learn 1.2.1), and the registry automl chooses them from by name.

export { accuracyScore, type AccuracyOptions } from "./accuracy-score.js";
export { balancedAccuracyScore, type BalancedAccuracyOptions } from "./balanced-accuracy-score.js";
export { confusionMatrix, type ConfusionMatrix, type ConfusionMatrixOptions } from "./confusion-matrix.js";
export {
  precisionRecallFscoreSupport,
  fbetaScore,
  f1Score,
  precisionScore,
  recallScore,
  type Average,
  type AveragedOptions,
  type ClassScores,
  type PrecisionRecallFscoreOptions,
} from "./precision-recall-fscore.js";
export { matthewsCorrcoef, type MatthewsOptions } from "./matthews-corrcoef.js";
export { rocAucScore, type RocAucOptions } from "./roc-auc-score.js";
export { rocCurve, type RocCurve, type RocCurveOptions } from "./roc-curve.js";
export { precisionRecallCurve, type PrecisionRecallCurve, type PrecisionRecallCurveOptions } from "./precision-recall-curve.js";
export { averagePrecisionScore, type AveragePrecisionOptions } from "./average-precision-score.js";
export { logLoss, type LogLossOptions } from "./log-loss.js";
export { brierScoreLoss, type BrierOptions } from "./brier-score-loss.js";
export { topKAccuracyScore, type TopKAccuracyOptions } from "./top-k-accuracy-score.js";
export { meanSquaredError, rootMeanSquaredError, type RegressionOptions } from "./mean-squared-error.js";
export { meanAbsoluteError } from "./mean-absolute-error.js";
export { meanAbsolutePercentageError } from "./mean-absolute-percentage-error.js";
export { medianAbsoluteError } from "./median-absolute-error.js";
export { r2Score, type ScoreOptions } from "./r2-score.js";
export { explainedVarianceScore } from "./explained-variance-score.js";
export { maxError } from "./max-error.js";
export { meanPinballLoss, type PinballOptions } from "./mean-pinball-loss.js";
export { meanTweedieDeviance, meanPoissonDeviance, meanGammaDeviance, type TweedieOptions } from "./mean-tweedie-deviance.js";
export { PROBABILITY_SUM_TOLERANCE } from "./score-inputs.js";
export { METRICS, getMetric, isBetter, type MetricContext, type MetricInput, type MetricSpec, type MetricTask, type Prediction } from "./metric-registry.js";
