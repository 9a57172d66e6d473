// Hyperparameter search: spaces declared as data, and the samplers that draw from them.

export * from "./space.js";
export { proposeTpe, type Observation, type TpeOptions } from "./tpe.js";
