// Clustering metrics (internal: silhouette, Davies-Bouldin; external: adjusted Rand, mutual
// information) and the choice of k by silhouette.

export { silhouetteSamples, silhouetteScore, type SilhouetteOptions } from "./silhouette.js";
export { daviesBouldinScore } from "./davies-bouldin.js";
export { adjustedRandScore, mutualInfoScore, normalizedMutualInfoScore, type NormalizedMutualInfoOptions } from "./agreement.js";
export { selectK, type KScore, type SelectKOptions, type SelectKResult } from "./select-k.js";
