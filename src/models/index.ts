// Models: estimators (configuration) that fit into models (prediction), and the document format
// fitted models are saved in. One folder per family; codecs.ts lists every kind that can be saved.

export * from "./gbdt/index.js";
export * from "./tree/index.js";
export * from "./forest/index.js";
export * from "./linear/index.js";
export * from "./cluster/index.js";
export * from "./decomposition/index.js";
export * from "./persist/index.js";
export * from "./codecs.js";
export * from "./inputs.js";
