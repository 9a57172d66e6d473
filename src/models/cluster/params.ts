// Parameters of the clusterers, declared once as data (core/params.ts): defaults follow
// scikit-learn 1.2, names are its names in camelCase.

import type { ParamSpecs } from "../../core/index.js";

export const KMEANS_PARAMS = {
  nClusters: { type: "integer", default: 8, min: 1, doc: "Number of clusters (centres) to find." },
  nInit: { type: "integer", default: 10, min: 1, doc: "Number of k-means++ initialisations; the run with the lowest inertia is kept." },
  maxIter: { type: "integer", default: 300, min: 1, doc: "Maximum number of iterations of one run." },
  tol: {
    type: "number",
    default: 1e-4,
    min: 0,
    doc: "A run stops when the squared shift of the centres, summed, is at most tol times the mean variance of the features.",
  },
  algorithm: {
    type: "enum",
    default: "lloyd",
    values: ["lloyd", "elkan"],
    doc: "Lloyd's iterations, or Elkan's: the same result, most distances skipped by the triangle inequality, at the cost of rows × nClusters bounds in memory.",
  },
  seed: { type: "integer", default: 0, doc: "Seed of the initialisations." },
  nThreads: { type: "optional-integer", default: null, min: 1, max: 256, doc: "Threads for the distance computations (default: all cores). Results do not depend on it." },
} as const satisfies ParamSpecs;

export const MINI_BATCH_KMEANS_PARAMS = {
  nClusters: { type: "integer", default: 8, min: 1, doc: "Number of clusters (centres) to find." },
  batchSize: { type: "integer", default: 1024, min: 1, doc: "Rows per mini-batch." },
  maxIter: { type: "integer", default: 100, min: 1, doc: "Maximum number of passes over the data (epochs)." },
  nInit: { type: "integer", default: 3, min: 1, doc: "Number of k-means++ initialisations on a subsample; the best on a held-out subsample is kept." },
  maxNoImprovement: {
    type: "integer",
    default: 10,
    min: 0,
    doc: "Stop after this many mini-batches without improvement of the smoothed batch inertia (0: never stop early).",
  },
  reassignmentRatio: {
    type: "number",
    default: 0.01,
    min: 0,
    doc: "Centres that received fewer than this fraction of the most-used centre's weight are moved to random batch rows.",
  },
  seed: { type: "integer", default: 0, doc: "Seed of initialisation, batches and reassignment." },
  nThreads: { type: "optional-integer", default: null, min: 1, max: 256, doc: "Threads for the distance computations (default: all cores). Results do not depend on it." },
} as const satisfies ParamSpecs;

export const DBSCAN_PARAMS = {
  eps: { type: "number", default: 0.5, min: 0, exclusiveMin: true, doc: "Radius of a neighbourhood (a distance ≤ eps is a neighbour)." },
  minSamples: { type: "integer", default: 5, min: 1, doc: "Weight (row count) within eps, the row itself included, that makes a row a core sample." },
  metric: { type: "enum", default: "euclidean", values: ["euclidean"], doc: "Distance between rows." },
  leafSize: { type: "integer", default: 30, min: 1, doc: "Rows per leaf of the k-d tree used for neighbourhood queries." },
} as const satisfies ParamSpecs;
