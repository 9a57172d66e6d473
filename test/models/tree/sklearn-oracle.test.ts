// Oracle test: single trees against scikit-learn 1.2.1 (test/fixtures/tree/make_fixtures.py).
// With every feature tried and distinct cut scores, CART is deterministic, so the trees must match
// node for node: split feature and threshold, impurity, sample counts and weights, leaf values,
// predictions, importances, and the cost-complexity pruning path.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { matrix } from "../../../src/core/index.js";
import { DecisionTreeClassifier, DecisionTreeRegressor, type DecisionTreeClassifierModel, type DecisionTreeRegressorModel } from "../../../src/models/index.js";

interface Case {
  name: string;
  kind: "classifier" | "regressor";
  params: Record<string, number | string>;
  weighted: boolean;
  tree: Record<"feature" | "threshold" | "left" | "right" | "impurity" | "nNodeSamples" | "weightedNNodeSamples" | "value", number[]>;
  prediction: number[];
  importances: number[];
  path?: { ccpAlphas: number[]; impurities: number[] };
}

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/tree/sklearn-trees.json", import.meta.url), "utf8")) as {
  X: number[]; rows: number; cols: number; yClass: number[]; yReg: number[]; weight: number[]; XTest: number[]; testRows: number; cases: Case[];
};
const X = matrix(Float64Array.from(fixture.X), { rows: fixture.rows, cols: fixture.cols });
const XTest = matrix(Float64Array.from(fixture.XTest), { rows: fixture.testRows, cols: fixture.cols });
const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function close(actual: ArrayLike<number>, expected: readonly number[], what: string, tolerance = 1e-9): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, scikit-learn has ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance * scale, `${what}[${i}]: ${actual[i]} vs scikit-learn ${expected[i]}`);
  }
}

describe("decision trees match scikit-learn 1.2.1", () => {
  for (const c of fixture.cases) {
    test(c.name, () => {
      const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [camel(k), v]));
      const options = c.weighted ? { sampleWeight: fixture.weight } : {};
      const model: DecisionTreeClassifierModel | DecisionTreeRegressorModel =
        c.kind === "classifier" ? new DecisionTreeClassifier(params).fit(X, fixture.yClass, options) : new DecisionTreeRegressor(params).fit(X, fixture.yReg, options);
      const { tree } = model;
      assert.equal(tree.nNodes, c.tree.feature.length, "node count");
      assert.deepEqual(Array.from(tree.feature), c.tree.feature, "split features");
      assert.deepEqual(Array.from(tree.left), c.tree.left, "left children");
      assert.deepEqual(Array.from(tree.right), c.tree.right, "right children");
      assert.deepEqual(Array.from(tree.nNodeSamples), c.tree.nNodeSamples, "rows per node");
      close(tree.threshold, c.tree.threshold, "thresholds", 0);
      close(tree.weightedNNodeSamples, c.tree.weightedNNodeSamples, "node weights");
      close(tree.impurity, c.tree.impurity, "impurities");
      close(tree.value, c.tree.value, "node values");
      const predicted = "predictProba" in model ? model.predictProba(XTest).data : model.predict(XTest);
      close(predicted, c.prediction, "test predictions");
      close(model.featureImportances, c.importances, "feature importances");
      if (c.path) {
        const estimator = c.kind === "classifier" ? new DecisionTreeClassifier(params) : new DecisionTreeRegressor(params);
        const path = estimator.costComplexityPruningPath(X, (c.kind === "classifier" ? fixture.yClass : fixture.yReg) as number[], options);
        close(path.ccpAlphas, c.path.ccpAlphas, "pruning path alphas");
        close(path.impurities, c.path.impurities, "pruning path impurities");
      }
    });
  }
});
