// Evaluate: how models are judged honestly. Metrics, splitters, cross-validation, statistics
// (intervals and paired tests) and calibration.

export * from "./metrics/index.js";
export * from "./split/index.js";
export * from "./cross-validate/index.js";
export * from "./stats/index.js";
export * from "./calibration/index.js";
