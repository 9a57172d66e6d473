// How the boosting loop behaves: early stopping keeps the best iteration, subsampling changes the
// model but follows the seed, monotone constraints hold on a grid, weights act as repeated rows,
// leaf-size rules hold, and feature importance credits the features the trees use.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matrix, Rng, type Matrix } from "../../../src/core/index.js";
import { byColumns, sameBytes } from "./matrices.js";
import { GradientBoostingClassifier, GradientBoostingRegressor, encodeModel, type Tree } from "../../../src/models/index.js";

/** A regression problem: y = sin(3·a) + b² + noise, with a noise feature c. */
function problem(seed: number, n: number, noise = 0.3): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const a = Float64Array.from({ length: n }, () => rng.normal());
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const c = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(a, (v, i) => Math.sin(3 * v) + b[i] * b[i] + noise * rng.normal());
  return { X: byColumns(a, b, c), y };
}

describe("early stopping", () => {
  const train = problem(1, 300, 1.5);
  const valid = problem(2, 200, 1.5);
  const params = { nEstimators: 300, learningRate: 0.5, maxDepth: 6, l2: 0 };

  test("stops once the validation metric has not improved for earlyStoppingRounds, and keeps the best iteration", () => {
    const model = new GradientBoostingRegressor({ ...params, earlyStoppingRounds: 5 }).fit(train.X, train.y, { evalSet: valid });
    const { info } = model;
    assert.ok(info.stoppedEarly);
    assert.equal(info.evalMetric, "rmse");
    const best = info.validScores.indexOf(Math.min(...info.validScores));
    assert.equal(info.bestIteration, best);
    assert.equal(info.validScores.length, best + 1 + 5);
    assert.ok(info.validScores.length < params.nEstimators);
    assert.equal(model.forest.trees.length, best + 1);
    assert.equal(info.nIterations, best + 1);
    // The kept model is the one a run of exactly best + 1 iterations gives.
    const short = new GradientBoostingRegressor({ ...params, nEstimators: best + 1 }).fit(train.X, train.y);
    assert.ok(sameBytes(model.predict(valid.X), short.predict(valid.X)));
  });

  test("without earlyStoppingRounds an evalSet is only watched: every tree is kept", () => {
    const model = new GradientBoostingRegressor({ ...params, nEstimators: 30 }).fit(train.X, train.y, { evalSet: valid });
    assert.equal(model.forest.trees.length, 30);
    assert.equal(model.info.validScores.length, 30);
    assert.ok(!model.info.stoppedEarly);
    assert.equal(model.info.bestIteration, model.info.validScores.indexOf(Math.min(...model.info.validScores)));
  });

  test("a classifier with three classes keeps three trees per kept iteration; auc is maximised", () => {
    const labels = (y: Float64Array): number[] => Array.from(y, (v) => (v > 2 ? 2 : v > 0.5 ? 1 : 0));
    const model = new GradientBoostingClassifier({ ...params, earlyStoppingRounds: 4 }).fit(train.X, labels(train.y), { evalSet: { X: valid.X, y: labels(valid.y) } });
    assert.ok(model.info.stoppedEarly);
    assert.equal(model.info.evalMetric, "mlogloss");
    assert.equal(model.forest.trees.length, 3 * (model.info.bestIteration + 1));
    const binary = (y: Float64Array): boolean[] => Array.from(y, (v) => v > 1);
    const byAuc = new GradientBoostingClassifier({ ...params, evalMetric: "auc", earlyStoppingRounds: 4 }).fit(train.X, binary(train.y), { evalSet: { X: valid.X, y: binary(valid.y) } });
    assert.equal(byAuc.info.bestIteration, byAuc.info.validScores.indexOf(Math.max(...byAuc.info.validScores)));
  });
});

describe("subsampling", () => {
  const { X, y } = problem(3, 400);
  const fit = (params: Record<string, number>): Uint8Array => encodeModel(new GradientBoostingRegressor({ nEstimators: 10, maxDepth: 4, ...params }).fit(X, y));
  const full = fit({});

  for (const name of ["subsample", "colsample"]) {
    test(`${name} changes the model, and the same seed reproduces it bit for bit`, () => {
      const a = fit({ [name]: 0.5, seed: 1 });
      assert.ok(!sameBytes(a, full), `${name} 0.5 gave the model of ${name} 1`);
      assert.ok(sameBytes(a, fit({ [name]: 0.5, seed: 1 })), "the same seed gave another model");
      assert.ok(!sameBytes(a, fit({ [name]: 0.5, seed: 2 })), "another seed gave the same model");
    });
  }

  test("nThreads does not change the model", () => {
    const params = { nEstimators: 10, maxDepth: 4, subsample: 0.7, colsample: 0.67, seed: 3 };
    const one = new GradientBoostingRegressor({ ...params, nThreads: 1 }).fit(X, y);
    const two = new GradientBoostingRegressor({ ...params, nThreads: 2 }).fit(X, y);
    assert.deepEqual(one.forest, two.forest);
  });

  test("colsample 1/3 of three features: each tree splits on one feature only", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 10, maxDepth: 4, colsample: 1 / 3, seed: 5 }).fit(X, y);
    for (const tree of model.forest.trees) assert.ok(new Set(tree.feature.filter((f) => f >= 0)).size <= 1);
  });
});

describe("monotone constraints", () => {
  // y rises with a on the whole but wiggles: unconstrained trees follow the wiggles.
  const rng = new Rng(4);
  const n = 500;
  const a = Float64Array.from({ length: n }, () => 4 * rng.next());
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const X = byColumns(a, b);
  const wiggly = Float64Array.from(a, (v, i) => v + 0.8 * Math.sin(4 * v) + b[i] + 0.2 * rng.normal());
  const grid = (bValue: number): Matrix => byColumns(Float64Array.from({ length: 201 }, (_, k) => -0.5 + k * 0.025), new Float64Array(201).fill(bValue));
  const violations = (pred: Float64Array, direction: 1 | -1): number => pred.slice(1).filter((v, k) => direction * (v - pred[k]) < 0).length;

  for (const [direction, params] of [[1, {}], [-1, {}], [1, { maxLeaves: 8, maxDepth: 10 }], [1, { l1: 0.5, subsample: 0.7 }]] as const) {
    test(`monotone ${direction} on a (with ${JSON.stringify(params)}) gives ${direction > 0 ? "non-decreasing" : "non-increasing"} predictions along a`, () => {
      const y = Float64Array.from(wiggly, (v) => direction * v);
      const model = new GradientBoostingRegressor({ nEstimators: 40, maxDepth: 5, ...params, monotone: [direction, 0] }).fit(X, y);
      for (const bValue of [-2, -0.5, 0, 1, 3]) assert.equal(violations(model.predict(grid(bValue)), direction), 0, `b = ${bValue}`);
    });
  }

  test("the constraint matters here: without it the predictions are not monotone", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 40, maxDepth: 5 }).fit(X, wiggly);
    assert.ok(violations(model.predict(grid(0)), 1) > 0);
  });
});

describe("sample weights", () => {
  test("weight 2 equals the row repeated (squared error), to 1e-9", () => {
    const rng = new Rng(6);
    const n = 150;
    // Few distinct values, so both datasets get the same bin edges.
    const a = Float64Array.from({ length: n }, () => Math.round(20 * rng.next()) / 4);
    const b = Float64Array.from({ length: n }, () => rng.int(30));
    const y = Float64Array.from(a, (v, i) => Math.sin(v) + b[i] / 10 + 0.3 * rng.normal());
    const weight = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 2 : 1));
    const repeated: number[] = [];
    for (let i = 0; i < n; i++) for (let r = 0; r < weight[i]; r++) repeated.push(i);
    const pick = (values: Float64Array): Float64Array => Float64Array.from(repeated, (i) => values[i]);
    const params = { nEstimators: 20, maxDepth: 4, learningRate: 0.3 };
    const weighted = new GradientBoostingRegressor(params).fit(byColumns(a, b), y, { sampleWeight: weight });
    const duplicated = new GradientBoostingRegressor(params).fit(byColumns(pick(a), pick(b)), pick(y));
    const probe = byColumns(Float64Array.from({ length: 50 }, (_, k) => k / 10), Float64Array.from({ length: 50 }, (_, k) => k % 30));
    const p = weighted.predict(probe);
    const q = duplicated.predict(probe);
    p.forEach((v, k) => assert.ok(Math.abs(v - q[k]) < 1e-9, `row ${k}: ${v} vs ${q[k]}`));
    assert.ok(Math.abs(weighted.forest.baseScore[0] - duplicated.forest.baseScore[0]) < 1e-12);
  });

  test("weights move a classifier's base score to the weighted rate", () => {
    const X = byColumns(new Float64Array(4));
    const model = new GradientBoostingClassifier({ nEstimators: 1 }).fit(X, [0, 1, 1, 0], { sampleWeight: [3, 1, 1, 3] });
    assert.ok(Math.abs(model.forest.baseScore[0] - Math.log(0.25 / 0.75)) < 1e-12);
  });
});

describe("leaf-size rules", () => {
  const { X, y } = problem(7, 400);
  const leafRows = (tree: Tree): Map<number, number> => {
    const counts = new Map<number, number>();
    for (let i = 0; i < X.rows; i++) {
      let node = 0;
      while (tree.feature[node] >= 0) {
        const v = X.data[i * X.cols + tree.feature[node]];
        node = v <= tree.threshold[node] ? tree.left[node] : tree.right[node];
      }
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    return counts;
  };

  test("every leaf holds at least minSamplesLeaf training rows", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 8, maxDepth: 8, minSamplesLeaf: 25, minChildWeight: 0 }).fit(X, y);
    for (const tree of model.forest.trees) {
      const counts = leafRows(tree);
      for (const node of tree.feature.keys()) if (tree.feature[node] < 0) assert.ok((counts.get(node) ?? 0) >= 25, `leaf ${node} holds ${counts.get(node) ?? 0} rows`);
    }
  });

  test("every leaf's cover is at least minChildWeight, and every leaf is reached by training rows", () => {
    const labels = Array.from(y, (v) => v > 1);
    for (const minChildWeight of [0, 3]) {
      const model = new GradientBoostingClassifier({ nEstimators: 8, maxDepth: 8, minChildWeight, l2: 0 }).fit(X, labels);
      for (const tree of model.forest.trees) {
        const counts = leafRows(tree);
        for (const node of tree.feature.keys()) {
          if (tree.feature[node] >= 0) continue;
          assert.ok(tree.cover[node] >= minChildWeight && tree.cover[node] > 0, `leaf ${node} has cover ${tree.cover[node]}`);
          assert.ok((counts.get(node) ?? 0) > 0, `leaf ${node} (value ${tree.value[node]}) is reached by no training row`);
        }
      }
    }
  });
});

describe("feature importance", () => {
  test("positive for the informative features, zero for a feature never used", () => {
    const { X, y } = problem(8, 300);
    // Replace the noise column with a constant: no split can use it.
    const data = Float64Array.from(X.data, (v, k) => (k % 3 === 2 ? 1 : v));
    const model = new GradientBoostingRegressor({ nEstimators: 20, maxDepth: 3 }).fit(matrix(data, { rows: X.rows, cols: 3 }), y, { featureNames: ["a", "b", "flat"] });
    const [a, b, flat] = model.featureImportance();
    assert.equal(a.feature, "a");
    assert.ok(a.gain > 0 && a.splits > 0);
    assert.ok(b.gain > 0 && b.splits > 0);
    assert.deepEqual(flat, { feature: "flat", gain: 0, splits: 0 });
    const total = model.forest.trees.reduce((s, t) => s + t.gain.reduce((u, g) => u + g, 0), 0);
    assert.ok(Math.abs(a.gain + b.gain - total) < 1e-9 * total);
  });
});
