// The shared conformance suite (test/models/conformance.ts) for both boosting estimators, with row
// and feature subsampling on so that the seed matters, sample weights, missing values and a
// categorical column so that every part of a model goes through serialisation.

import { matrix, Rng, type Matrix } from "../../../src/core/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "../../../src/models/index.js";
import { runConformance, type ConformanceEstimator } from "../conformance.js";

const n = 240;
const p = 4;

/** Two numeric features (one with missing values), a categorical code in column 2, noise in 3. */
function features(seed: number): Matrix {
  const rng = new Rng(seed);
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    data[i * p] = rng.normal();
    data[i * p + 1] = rng.next() < 0.1 ? NaN : rng.normal();
    data[i * p + 2] = rng.int(5);
    data[i * p + 3] = rng.next();
  }
  return matrix(data, { rows: n, cols: p });
}

const X = features(1);
const signal = (i: number): number => 2 * X.data[i * p] + (Number.isNaN(X.data[i * p + 1]) ? 1 : X.data[i * p + 1]) + [0, 1, -1, 2, 0][X.data[i * p + 2]];
const noise = new Rng(2);
const yRegression = Float64Array.from({ length: n }, (_, i) => signal(i) + 0.3 * noise.normal());
const weight = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
const common = { nEstimators: 8, maxDepth: 3, subsample: 0.7, colsample: 0.75 };
const fitOptions = { categoricalFeatures: [2] };

const regressor = (seed: number): ConformanceEstimator => {
  const estimator = new GradientBoostingRegressor({ ...common, seed });
  return { fit: (data, y, options) => estimator.fit(data, y as ArrayLike<number>, { ...fitOptions, ...options }) };
};
const classifier = (seed: number): ConformanceEstimator => {
  const estimator = new GradientBoostingClassifier({ ...common, seed });
  return { fit: (data, y, options) => estimator.fit(data, y as ArrayLike<string>, { ...fitOptions, ...options }) };
};

runConformance("GradientBoostingRegressor (squared error, weighted)", regressor, { task: "regression", X, y: yRegression, sampleWeight: weight });
runConformance(
  "GradientBoostingRegressor (poisson)",
  (seed) => {
    const estimator = new GradientBoostingRegressor({ ...common, seed, objective: "poisson" });
    return { fit: (data, y, options) => estimator.fit(data, y as ArrayLike<number>, { ...fitOptions, ...options }) };
  },
  { task: "regression", X, y: Float64Array.from(yRegression, (v) => Math.round(Math.exp(v / 3))) },
);
runConformance("GradientBoostingClassifier (binary)", classifier, { task: "classification", X, y: Array.from(yRegression, (v) => (v > 0 ? "yes" : "no")) });
runConformance("GradientBoostingClassifier (three classes, weighted)", classifier, {
  task: "classification",
  X,
  y: Array.from(yRegression, (v) => (v > 1 ? 2 : v > -1 ? 1 : 0)),
  sampleWeight: weight,
});
