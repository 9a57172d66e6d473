// The boosting engine's parameters, declared once: validation, defaults, tuning spaces and docs all
// come from here. Names follow the house convention (camelCase, scikit-learn's meaning).

import type { ParamSpecs } from "../../core/index.js";

export const BOOSTING_PARAMS = {
  nEstimators: { type: "integer", default: 100, min: 1, max: 100_000, doc: "Boosting iterations (trees per output)." },
  learningRate: { type: "number", default: 0.1, min: 0, max: 1, exclusiveMin: true, doc: "Shrinkage applied to every tree's output." },
  maxDepth: { type: "integer", default: 6, min: 1, max: 64, doc: "Deepest a tree may grow (the root is depth 0)." },
  maxLeaves: { type: "optional-integer", default: null, min: 2, max: 1 << 16, doc: "Most leaves per tree; with it set, trees grow leaf-wise (best split first). Null: no limit but maxDepth." },
  maxBins: { type: "integer", default: 256, min: 3, max: 256, doc: "Histogram bins per feature, the missing-value bin included." },
  minChildWeight: { type: "number", default: 1, min: 0, doc: "Smallest hessian sum a child may have (for squared error, its row count)." },
  minSamplesLeaf: { type: "integer", default: 1, min: 1, doc: "Fewest training rows a leaf may hold." },
  l1: { type: "number", default: 0, min: 0, doc: "L1 penalty on leaf values." },
  l2: { type: "number", default: 1, min: 0, doc: "L2 penalty on leaf values." },
  minSplitGain: { type: "number", default: 0, min: 0, doc: "Smallest loss reduction a split must bring." },
  subsample: { type: "number", default: 1, min: 0, max: 1, exclusiveMin: true, doc: "Share of rows drawn (without replacement) for each tree." },
  colsample: { type: "number", default: 1, min: 0, max: 1, exclusiveMin: true, doc: "Share of features each tree may use." },
  maxDeltaStep: { type: "number", default: 0, min: 0, doc: "Largest absolute leaf value before shrinkage (0: none)." },
  monotone: { type: "number-array", default: null, doc: "Per feature: 1 increasing, -1 decreasing, 0 free." },
  maxCatToOnehot: { type: "integer", default: 4, min: 1, max: 256, doc: "Categorical features with at most this many categories split one category against the rest." },
  catSmooth: { type: "number", default: 10, min: 0, doc: "Hessian added when ordering categories by gradient statistics." },
  catL2: { type: "number", default: 10, min: 0, doc: "Extra L2 penalty in the gain of splits over many categories (LightGBM's cat_l2)." },
  minDataPerGroup: { type: "integer", default: 100, min: 1, doc: "Splits over many categories: rows (estimated from hessians) each side and each step of the ordered scan must add, and categories with fewer than catSmooth rows in a node stay on the right (LightGBM's min_data_per_group)." },
  earlyStoppingRounds: { type: "optional-integer", default: null, min: 1, doc: "Stop when the validation metric has not improved for this many iterations, and keep the best." },
  baseScore: { type: "optional-number", default: null, doc: "Starting raw score; by default the one that minimises the loss." },
  seed: { type: "integer", default: 0, doc: "Seed for row and feature subsampling and binning samples." },
  nThreads: { type: "optional-integer", default: null, min: 1, max: 256, doc: "Threads for training and batch prediction (default: all cores). Results do not depend on it." },
} as const satisfies ParamSpecs;

export const REGRESSOR_PARAMS = {
  ...BOOSTING_PARAMS,
  objective: { type: "enum", default: "squared-error", values: ["squared-error", "absolute-error", "huber", "quantile", "poisson", "gamma", "tweedie"], doc: "The loss to minimise." },
  huberDelta: { type: "number", default: 1, min: 0, exclusiveMin: true, doc: "Huber: residual size where the loss turns linear." },
  alpha: { type: "number", default: 0.5, min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, doc: "Quantile: the quantile to predict." },
  tweedieVariancePower: { type: "number", default: 1.5, min: 1, max: 2, exclusiveMin: true, exclusiveMax: true, doc: "Tweedie: variance power, in (1, 2)." },
  evalMetric: { type: "enum", default: "auto", values: ["auto", "rmse", "mae", "huber", "quantile", "poisson", "gamma", "tweedie", "r2"], doc: "Metric watched on the validation set (auto: the objective's own)." },
} as const satisfies ParamSpecs;

export const CLASSIFIER_PARAMS = {
  ...BOOSTING_PARAMS,
  evalMetric: { type: "enum", default: "auto", values: ["auto", "logloss", "auc", "error", "mlogloss", "merror"], doc: "Metric watched on the validation set (auto: log-loss)." },
} as const satisfies ParamSpecs;
