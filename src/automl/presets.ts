// The feature pipelines the search's matrix-reading families use: the features layer's linear
// preset, and one for forests, which take no missing values (imputed, with unseen and missing
// categories as their own code).

import { DatetimeEncoder, HashingVectorizer, OrdinalEncoder, SimpleImputer, linearPreset, type FeaturePipelineConfig } from "../features/index.js";

export function linearModelPreset(): FeaturePipelineConfig {
  return linearPreset();
}

export function forestPreset(): FeaturePipelineConfig {
  return {
    numeric: [new SimpleImputer({ strategy: "median" })],
    categorical: [new OrdinalEncoder({ unknownValue: -1 }), new SimpleImputer({ strategy: "constant", fillValue: -1 })],
    boolean: [new SimpleImputer({ strategy: "most_frequent" })],
    datetime: [new DatetimeEncoder(), new SimpleImputer({ strategy: "median" })],
    text: [new HashingVectorizer({ nFeatures: 32 })],
    missing: "impute",
  };
}
