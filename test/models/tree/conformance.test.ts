// The shared conformance suite (test/models/conformance.ts) for the trees and the four forests,
// with feature subsampling (and bootstrap) on so that the seed matters, and sample weights.

import { matrix, Rng, type Matrix } from "../../../src/core/index.js";
import { DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor } from "../../../src/models/index.js";
import { runConformance, type ConformanceEstimator } from "../conformance.js";

const n = 200;
const p = 4;
const rng = new Rng(1);
const X: Matrix = matrix(Float64Array.from({ length: n * p }, () => rng.normal()), { rows: n, cols: p });
const y = Float64Array.from({ length: n }, (_, i) => 2 * X.data[i * p] - X.data[i * p + 1] + 0.3 * rng.normal());
const weight = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
const binary = Array.from(y, (v) => (v > 0 ? "yes" : "no"));
const three = Array.from(y, (v) => (v > 1 ? 2 : v > -1 ? 1 : 0));

type Fit = { fit(X: Matrix, y: never, options?: { sampleWeight?: ArrayLike<number> }): unknown };
const wrap = (make: (seed: number) => Fit) => (seed: number): ConformanceEstimator => make(seed) as unknown as ConformanceEstimator;
const forest = { nEstimators: 6, maxDepth: 6, nThreads: 1 };

runConformance("DecisionTreeRegressor (maxFeatures 2)", wrap((seed) => new DecisionTreeRegressor({ maxFeatures: 2, seed })), { task: "regression", X, y, sampleWeight: weight });
runConformance("DecisionTreeClassifier (entropy, best first)", wrap((seed) => new DecisionTreeClassifier({ criterion: "entropy", maxLeafNodes: 12, maxFeatures: "sqrt", seed })), { task: "classification", X, y: binary });
runConformance("RandomForestRegressor (OOB)", wrap((seed) => new RandomForestRegressor({ ...forest, oobScore: true, seed })), { task: "regression", X, y, sampleWeight: weight });
runConformance("RandomForestClassifier (three classes)", wrap((seed) => new RandomForestClassifier({ ...forest, seed })), { task: "classification", X, y: three, sampleWeight: weight });
runConformance("ExtraTreesRegressor", wrap((seed) => new ExtraTreesRegressor({ ...forest, seed })), { task: "regression", X, y });
runConformance("ExtraTreesClassifier (pruned)", wrap((seed) => new ExtraTreesClassifier({ ...forest, ccpAlpha: 0.005, seed })), { task: "classification", X, y: binary });
