// Every clusterer through the cluster conformance suite, on small seeded blobs.

import { Rng, matrix } from "../../../src/core/index.js";
import { DBSCAN, KMeans, MiniBatchKMeans } from "../../../src/models/index.js";
import { runClusterConformance } from "./cluster-conformance.js";

const rng = new Rng(12);
const n = 150;
const data = new Float64Array(n * 3);
for (let i = 0; i < n; i++) for (let f = 0; f < 3; f++) data[i * 3 + f] = rng.normal() * 0.6 + (i % 3) * 3 * (f === i % 3 ? 1 : 0);
const X = matrix(data, { rows: n, cols: 3 });
const sampleWeight = Float64Array.from({ length: n }, () => 0.5 + rng.next());

runClusterConformance("KMeans (lloyd)", (seed) => new KMeans({ nClusters: 4, nInit: 2, seed }), { X, sampleWeight, predictMatchesLabels: true });
runClusterConformance("KMeans (elkan)", (seed) => new KMeans({ nClusters: 4, nInit: 2, algorithm: "elkan", seed }), { X, predictMatchesLabels: true });
runClusterConformance("MiniBatchKMeans", (seed) => new MiniBatchKMeans({ nClusters: 3, batchSize: 32, maxIter: 5, seed }), { X, sampleWeight, predictMatchesLabels: true });
runClusterConformance("DBSCAN", () => new DBSCAN({ eps: 0.8, minSamples: 4 }), { X, sampleWeight, predictMatchesLabels: false });
