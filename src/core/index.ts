export * from "./errors.js";
export * from "./rng.js";
export * from "./matrix.js";
export * from "./params.js";
export * from "./worker-team.js";
export * from "./distributions.js";
export { betaIncomplete, gammaIncomplete, logBeta, logGamma } from "./special.js";
export * from "./wasm-arena.js";
