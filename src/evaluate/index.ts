// Evaluation: metrics, splitters, cross-validation. Each concept is a folder exported here.

export * from "./clustering/index.js";
