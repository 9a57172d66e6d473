// The self-running ML engineer as a library: train() and what it returns.

export { train, trialName, type LeaderboardRow, type TrainOptions, type TrainProgress, type TrainResult } from "./train.js";
export { TrainedPredictor, predictMember, type InputColumn, type PredictorMember } from "./predictor.js";
export { parseValidation, type Validation } from "./validation.js";
export type { Task } from "./task.js";
export type { Trial } from "./search.js";
export type { TestEvaluation, Comparison } from "./holdout.js";
export { defaultMetric, metricNames } from "./scoring.js";
export { FAMILIES, ConstantModel } from "./candidates.js";
export { BUNDLE_FORMAT, BUNDLE_VERSION, bundleFromResult, decodeBundle, encodeBundle, type Bundle, type BundleMetrics, type Lineage, type LineageFacts, type ReferenceColumn, type SignatureColumn } from "./bundle.js";
export { dataFingerprint, schemaFingerprint } from "./fingerprint.js";
export { cluster, ClusterPredictor, decodeClusterBundle, encodeClusterBundle, type ClusterOptions, type ClusterProfile, type ClusterResult, type ClusterTrait } from "./clustering.js";
