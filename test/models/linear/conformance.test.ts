// The shared conformance suite (test/models/conformance.ts) for every linear estimator, weighted
// and unweighted, binary and multinomial. Linear fits have no randomness: the seed is ignored and
// the suite checks that two fits are bit-identical all the same.

import { matrix, Rng, type Matrix } from "../../../src/core/index.js";
import { ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge } from "../../../src/models/index.js";
import { runConformance, type ConformanceEstimator } from "../conformance.js";

const n = 120;
const p = 4;
const rng = new Rng(3);
const X: Matrix = matrix(Float64Array.from({ length: n * p }, (_, k) => rng.normal() * (1 + (k % p))), { rows: n, cols: p });
const y = Float64Array.from({ length: n }, (_, i) => X.data[i * p] - 0.5 * X.data[i * p + 1] + 0.2 * X.data[i * p + 3] + 0.3 * rng.normal());
const weight = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 4));
const labels = Array.from(y, (v) => (v > 0.5 ? "up" : "down"));
const three = Array.from(y, (v) => (v > 1 ? 3 : v > -1 ? 2 : 1));

type Fittable = { fit(X: Matrix, y: never, options?: { sampleWeight?: ArrayLike<number> }): ReturnType<ConformanceEstimator["fit"]> };
const wrap = (make: () => Fittable) => (): ConformanceEstimator => ({ fit: (data, target, options) => make().fit(data, target as never, options) });

const regression = { task: "regression" as const, X, y };
runConformance("LinearRegression", wrap(() => new LinearRegression()), regression);
runConformance("LinearRegression (weighted, no intercept)", wrap(() => new LinearRegression({ fitIntercept: false })), { ...regression, sampleWeight: weight });
runConformance("Ridge (weighted)", wrap(() => new Ridge({ alpha: 2 })), { ...regression, sampleWeight: weight });
runConformance("Lasso", wrap(() => new Lasso({ alpha: 0.05 })), regression);
runConformance("ElasticNet (weighted)", wrap(() => new ElasticNet({ alpha: 0.05, l1Ratio: 0.3 })), { ...regression, sampleWeight: weight });
runConformance("LogisticRegression (binary, l2)", wrap(() => new LogisticRegression()), { task: "classification", X, y: labels });
runConformance("LogisticRegression (binary, none, weighted)", wrap(() => new LogisticRegression({ penalty: "none" })), { task: "classification", X, y: labels, sampleWeight: weight });
runConformance("LogisticRegression (multinomial, elasticnet)", wrap(() => new LogisticRegression({ penalty: "elasticnet", C: 0.5 })), { task: "classification", X, y: three });
