// Decision-tree behaviour beyond the scikit-learn oracle: growth limits, pruning, feature
// subsampling, weights, documented data cases (constant columns, wide data) and refusals.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, Rng } from "../../../src/core/index.js";
import { DecisionTreeClassifier, DecisionTreeRegressor } from "../../../src/models/index.js";

const rng = new Rng(3);
const n = 300;
const p = 5;
const X = matrix(Float64Array.from({ length: n * p }, () => rng.normal()), { rows: n, cols: p });
const y = Float64Array.from({ length: n }, (_, i) => Math.sin(2 * X.data[i * p]) + X.data[i * p + 1] + 0.2 * rng.normal());
const labels = Array.from(y, (v) => (v > 0.3 ? "high" : v < -0.3 ? "low" : "mid"));

describe("DecisionTree growth", () => {
  test("a fully grown tree fits distinct rows exactly; limits bound depth and leaves", () => {
    const full = new DecisionTreeClassifier().fit(X, labels);
    assert.deepEqual(full.predict(X), labels);
    assert.ok(new DecisionTreeClassifier({ maxDepth: 3 }).fit(X, labels).depth <= 3);
    assert.equal(new DecisionTreeRegressor({ maxLeafNodes: 7 }).fit(X, y).nLeaves, 7);
    const leafy = new DecisionTreeRegressor({ minSamplesLeaf: 20 }).fit(X, y);
    for (let i = 0; i < leafy.tree.nNodes; i++) if (leafy.tree.left[i] === -1) assert.ok(leafy.tree.nNodeSamples[i] >= 20);
  });

  test("pruning at each alpha of the path gives trees whose leaf impurity is the path's", () => {
    const estimator = new DecisionTreeRegressor({ minSamplesLeaf: 5 });
    const path = estimator.costComplexityPruningPath(X, y);
    assert.equal(path.ccpAlphas[0], 0);
    for (let k = 1; k < path.ccpAlphas.length; k++) assert.ok(path.ccpAlphas[k] >= path.ccpAlphas[k - 1]);
    let previousLeaves = Infinity;
    for (const k of [1, Math.floor(path.ccpAlphas.length / 2), path.ccpAlphas.length - 1]) {
      const pruned = new DecisionTreeRegressor({ minSamplesLeaf: 5, ccpAlpha: path.ccpAlphas[k] }).fit(X, y);
      const { tree } = pruned;
      let leafImpurity = 0;
      for (let i = 0; i < tree.nNodes; i++) if (tree.left[i] === -1) leafImpurity += (tree.weightedNNodeSamples[i] / tree.weightedNNodeSamples[0]) * tree.impurity[i];
      // Equal alphas are cut together, so compare with the last step at this alpha.
      let last = k;
      while (last + 1 < path.ccpAlphas.length && path.ccpAlphas[last + 1] === path.ccpAlphas[k]) last++;
      assert.ok(Math.abs(leafImpurity - path.impurities[last]) < 1e-9, `alpha ${path.ccpAlphas[k]}: ${leafImpurity} vs ${path.impurities[last]}`);
      assert.ok(pruned.nLeaves <= previousLeaves);
      previousLeaves = pruned.nLeaves;
    }
    assert.equal(previousLeaves, 1, "the largest alpha prunes to the root");
  });

  test("maxFeatures draws features from the seed; all features needs no seed", () => {
    const a = new DecisionTreeRegressor({ maxFeatures: 1 / p, seed: 1 }).fit(X, y).tree;
    const b = new DecisionTreeRegressor({ maxFeatures: 1 / p, seed: 2 }).fit(X, y).tree;
    assert.notDeepEqual(a.feature, b.feature);
    assert.deepEqual(new DecisionTreeRegressor({ seed: 1 }).fit(X, y).tree, new DecisionTreeRegressor({ seed: 2 }).fit(X, y).tree);
  });

  test("weights act as repeated rows: weight 2 on a row grows the tree of the data with the row twice", () => {
    const small = matrix(X.data.slice(0, 40 * p), { rows: 40, cols: p });
    const ySmall = y.slice(0, 40);
    const weight = Float64Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 2 : 1));
    const repeated = [...Array(40).keys()].flatMap((i) => (i % 4 === 0 ? [i, i] : [i]));
    const Xr = matrix(Float64Array.from(repeated.flatMap((i) => Array.from(small.data.subarray(i * p, i * p + p)))), { rows: repeated.length, cols: p });
    const weighted = new DecisionTreeRegressor({ maxDepth: 4 }).fit(small, ySmall, { sampleWeight: weight });
    const copied = new DecisionTreeRegressor({ maxDepth: 4 }).fit(Xr, Float64Array.from(repeated, (i) => ySmall[i]));
    assert.deepEqual(weighted.tree.feature, copied.tree.feature);
    assert.deepEqual(weighted.tree.threshold, copied.tree.threshold);
    const a = weighted.predict(X);
    const b = copied.predict(X);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(a[i] - b[i]) < 1e-9);
  });

  test("a constant column is never split on and is reported; wider than long data still fits", () => {
    const data = Float64Array.from(X.data);
    for (let i = 0; i < n; i++) data[i * p + 3] = 7;
    const model = new DecisionTreeRegressor().fit(matrix(data, { rows: n, cols: p }), y, { featureNames: ["a", "b", "c", "flat", "e"] });
    assert.ok(!model.tree.feature.includes(3));
    assert.equal(model.featureImportances[3], 0);
    assert.ok(model.info.warnings.some((w) => w.includes('"flat"')));
    const wide = matrix(Float64Array.from({ length: 8 * 20 }, () => rng.normal()), { rows: 8, cols: 20 });
    const tiny = new DecisionTreeClassifier().fit(wide, ["a", "b", "a", "b", "a", "b", "a", "b"]);
    assert.ok(tiny.info.warnings.some((w) => w.includes("More features (20) than rows (8)")));
  });

  test("missing and infinite values are refused at fit and predict, naming row and feature", () => {
    const data = Float64Array.from(X.data);
    data[7 * p + 1] = NaN;
    assert.throws(() => new DecisionTreeRegressor().fit(matrix(data, { rows: n, cols: p }), y), (e: unknown) => e instanceof InvalidInput && /row 7, feature 1/.test(e.message) && /impute/.test(e.hint ?? ""));
    const model = new DecisionTreeRegressor({ maxDepth: 2 }).fit(X, y);
    data[7 * p + 1] = -Infinity;
    assert.throws(() => model.predict(matrix(data, { rows: n, cols: p })), /-Infinity at row 7, feature 1/);
    assert.throws(() => new DecisionTreeRegressor({ maxDepth: 0 }), /maxDepth/);
    assert.throws(() => new DecisionTreeRegressor({ criterion: "gini" as never }), /criterion must be one of squared_error/);
    assert.throws(() => new DecisionTreeClassifier().fit(X, labels, { sampleWeight: new Float64Array(n) }), /sums to 0/);
  });
});
