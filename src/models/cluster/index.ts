// Clustering: k-means (Lloyd, Elkan, mini-batch) and DBSCAN, their fitted models and codecs.
// Distance kernels, seeding and the k-d tree are private to this folder.

export { KMeans, KMeansModel, type ClusterFitOptions, type KMeansFitOptions, type KMeansParams } from "./kmeans.js";
export { MiniBatchKMeans, MiniBatchKMeansModel, type MiniBatchKMeansParams } from "./mini-batch-kmeans.js";
export { CentroidModel, type ClusterInfo } from "./centroid-model.js";
export { DBSCAN, DBSCANModel, type DBSCANParams } from "./dbscan.js";
export { DBSCAN_PARAMS, KMEANS_PARAMS, MINI_BATCH_KMEANS_PARAMS } from "./params.js";
export { CLUSTER_CODECS, type ClusterModel } from "./serialize.js";
