// Transformers and the fitted feature pipeline: Frame in, model matrix out.
export type { BlockSink, ColumnTransformer, EncodedTarget, FitContext, FittedBlock, FittedStep, FittedStream, StepState, TransformContext } from "./transformer.js";
export { RepairLog, type Repair } from "./repair-log.js";
export { SimpleImputer, FittedSimpleImputer, SIMPLE_IMPUTER_PARAMS, type SimpleImputerParams } from "./simple-imputer.js";
export { StandardScaler, FittedAffine, STANDARD_SCALER_PARAMS, type StandardScalerParams } from "./standard-scaler.js";
export { RobustScaler, ROBUST_SCALER_PARAMS, type RobustScalerParams } from "./robust-scaler.js";
export { MinMaxScaler, FittedMinMaxScaler, MIN_MAX_SCALER_PARAMS, type MinMaxScalerParams } from "./min-max-scaler.js";
export { OneHotEncoder, FittedOneHotEncoder, ONE_HOT_ENCODER_PARAMS, type OneHotEncoderParams } from "./one-hot-encoder.js";
export { OrdinalEncoder, FittedOrdinalEncoder, ORDINAL_ENCODER_PARAMS, type OrdinalEncoderParams } from "./ordinal-encoder.js";
export { TargetEncoder, FittedTargetEncoder, TARGET_ENCODER_PARAMS, type TargetEncoderParams } from "./target-encoder.js";
export { DatetimeEncoder, FittedDatetimeEncoder, DATETIME_ENCODER_PARAMS, type DatetimeEncoderParams } from "./datetime-encoder.js";
export { KBinsDiscretizer, FittedKBinsDiscretizer, K_BINS_DISCRETIZER_PARAMS, type KBinsDiscretizerParams } from "./k-bins-discretizer.js";
export { HashingVectorizer, FittedHashingVectorizer, HASHING_VECTORIZER_PARAMS, type HashingVectorizerParams } from "./hashing-vectorizer.js";
export { murmur3, murmur3String } from "./murmur3.js";
export { encodeTarget, type TargetType } from "./target.js";
export { FeaturePipeline, type FeaturePipelineConfig, type PipelineFitOptions, type Steps } from "./feature-pipeline.js";
export { FittedFeaturePipeline, type FeatureMatrix, type InputField, type PipelineOptions } from "./fitted-feature-pipeline.js";
export {
  encodeFeaturePipeline,
  decodeFeaturePipelineDocument,
  FEATURES_FORMAT,
  FEATURE_PIPELINE_KIND,
  FEATURE_PIPELINE_VERSION,
  type FeaturePipelineDocument,
} from "./pipeline-document.js";
export { linearPreset, treePreset, type PresetOptions } from "./presets.js";
