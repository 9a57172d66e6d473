// Evaluation: metrics, splitters, cross-validation, statistics, calibration.

export * from "./metrics/index.js";
