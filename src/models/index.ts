// Models: estimators (configuration) that fit into models (prediction), and the document format
// fitted models are saved in. One folder per family.

export * from "./gbdt/index.js";
