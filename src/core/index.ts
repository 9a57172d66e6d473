export * from "./errors.js";
export * from "./rng.js";
export * from "./matrix.js";
export * from "./params.js";
