// Decomposition: PCA, its fitted model and codec. The eigen-solver is private to this folder.

export { PCA, PCAModel, type PCAModelInit, type PCAParams } from "./pca.js";
export { PCA_PARAMS } from "./params.js";
export { DECOMPOSITION_CODECS } from "./serialize.js";
