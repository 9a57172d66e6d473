// Ready-made pipelines for the two families of models. Linear models need every input finite,
// centred and scaled, and categories spread into 0/1 columns; trees need none of that, split on
// codes and send NaN down a learned branch, so their preset changes as little as possible.

import { DatetimeEncoder } from "./datetime-encoder.js";
import type { FeaturePipelineConfig } from "./feature-pipeline.js";
import { HashingVectorizer } from "./hashing-vectorizer.js";
import { OneHotEncoder } from "./one-hot-encoder.js";
import { OrdinalEncoder } from "./ordinal-encoder.js";
import { SimpleImputer } from "./simple-imputer.js";
import { StandardScaler } from "./standard-scaler.js";

export interface PresetOptions {
  /** One-hot outputs per categorical column, (other) included (linear preset). Default 20. */
  readonly maxCategories?: number;
  /** Hash buckets per text column. Default 64. */
  readonly textFeatures?: number;
  readonly exclude?: readonly string[];
  readonly optional?: readonly string[];
}

/**
 * For linear models: numbers imputed with the median (plus a missing indicator where values were
 * missing) and standardised; categories one-hot with at most `maxCategories` outputs and unseen
 * ones sent to (other); booleans imputed with the most frequent value; datetimes as calendar parts
 * with sin/cos, each imputed and standardised; text hashed. Missing values that appear only at transform are imputed.
 */
export function linearPreset(options: PresetOptions = {}): FeaturePipelineConfig {
  const numbers = () => [new SimpleImputer({ strategy: "median", addIndicator: true }), new StandardScaler()];
  return {
    numeric: numbers(),
    categorical: [new OneHotEncoder({ maxCategories: options.maxCategories ?? 20, handleUnknown: "other" })],
    boolean: [new SimpleImputer({ strategy: "most_frequent" })],
    // Each calendar part imputed and scaled on its own: a raw year (2011) would swamp the rest.
    datetime: [new DatetimeEncoder({ cyclical: true }), new SimpleImputer({ strategy: "median" }), new StandardScaler()],
    text: [new HashingVectorizer({ nFeatures: options.textFeatures ?? 64 })],
    exclude: options.exclude,
    optional: options.optional,
    missing: "impute",
  };
}

/**
 * For tree models: numbers and booleans passed through with NaN kept; categories as ordinal codes
 * (unseen → NaN, the missing branch); datetimes as calendar parts; text hashed.
 */
export function treePreset(options: PresetOptions = {}): FeaturePipelineConfig {
  return {
    numeric: [],
    categorical: [new OrdinalEncoder()],
    boolean: [],
    datetime: [new DatetimeEncoder()],
    text: [new HashingVectorizer({ nFeatures: options.textFeatures ?? 64 })],
    exclude: options.exclude,
    optional: options.optional,
    missing: "keep",
  };
}
