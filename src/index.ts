// Orchard's public library.
export * from "./core/index.js";
export * from "./data/index.js";
export * from "./models/index.js";
export * from "./evaluate/index.js";
export * from "./automl/index.js";
export * from "./report/index.js";
