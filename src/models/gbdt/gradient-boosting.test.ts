// The boosting estimators against answers worked out by hand: a stump on a step function, leaf
// values under L1, L2 and maxDeltaStep, an exact fit of a piecewise-constant target, the constant
// model of every objective, and the errors a user meets first (parameters, targets, shapes).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, type Matrix } from "../../core/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor, type RegressorParams } from "./gradient-boosting.js";
import { treeDepth, type Tree } from "./tree.js";

/** A row-major matrix from columns of equal length. */
function byColumns(...columns: ArrayLike<number>[]): Matrix {
  const rows = columns[0].length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  columns.forEach((column, j) => {
    for (let i = 0; i < rows; i++) data[i * cols + j] = column[i];
  });
  return matrix(data, { rows, cols });
}

const range = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);
const leaves = (tree: Tree): number[] => [...tree.feature.keys()].filter((node) => tree.feature[node] < 0);

/** One tree, no shrinkage, no penalty: leaf values are the plain Newton steps. */
const EXACT: RegressorParams = { nEstimators: 1, learningRate: 1, l2: 0 };

describe("hand-computed trees", () => {
  // x = 0..19; y = 1 below 10, 5 from 10. Base score 3; gradients raw − y are +2 left, −2 right.
  const x = byColumns(range(20));
  const y = Float64Array.from(range(20), (v) => (v < 10 ? 1 : 5));

  test("a stump with learningRate 1 and l2 0 gives the step values exactly", () => {
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 1 }).fit(x, y);
    const tree = model.forest.trees[0];
    assert.equal(model.forest.baseScore[0], 3);
    assert.equal(tree.nNodes, 3);
    assert.equal(tree.feature[0], 0);
    assert.equal(tree.threshold[0], 9.5, "the cut lies halfway between 9 and 10");
    assert.equal(tree.value[tree.left[0]], -2);
    assert.equal(tree.value[tree.right[0]], 2);
    assert.deepEqual(model.predict(x), y);
    assert.deepEqual(model.predict(byColumns([-100, 9.5, 9.50001, 1e9])), Float64Array.of(1, 1, 5, 5));
  });

  test("l2 shrinks a leaf to −G/(H+λ), times the learning rate", () => {
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 1, l2: 3, learningRate: 0.5 }).fit(x, y);
    const tree = model.forest.trees[0];
    // Left leaf: G = 10 × 2 = 20, H = 10.
    assert.equal(tree.value[tree.left[0]], 0.5 * (-20 / 13));
    assert.equal(tree.value[tree.right[0]], 0.5 * (20 / 13));
    assert.equal(model.predict(byColumns([0]))[0], 3 + 0.5 * (-20 / 13));
    // Gain: the parent's loss (0, as G = 0) minus the children's −½G²/(H+λ).
    assert.ok(Math.abs(tree.gain[0] - 400 / 13) < 1e-12, `gain ${tree.gain[0]}`);
  });

  test("l1 soft-thresholds the gradient sum: −(G − α)/(H + λ)", () => {
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 1, l1: 4 }).fit(x, y);
    const tree = model.forest.trees[0];
    assert.equal(tree.value[tree.left[0]], -16 / 10);
    assert.equal(tree.value[tree.right[0]], 16 / 10);
  });

  test("maxDeltaStep clamps a leaf before shrinkage", () => {
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 1, maxDeltaStep: 0.5, learningRate: 0.5 }).fit(x, y);
    const tree = model.forest.trees[0];
    assert.equal(tree.value[tree.left[0]], -0.25);
    assert.equal(tree.value[tree.right[0]], 0.25);
  });

  test("a deep enough tree fits a piecewise-constant target exactly, with one leaf per piece", () => {
    // Four pieces on 0..63; the mean is 1 and every residual is a small dyadic number.
    const pieces = (v: number): number => (v < 16 ? 2 : v < 40 ? -1 : v < 48 ? 6 : 0.5);
    const target = Float64Array.from(range(64), pieces);
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 3 }).fit(byColumns(range(64)), target);
    assert.deepEqual(model.predict(byColumns(range(64))), target);
    assert.equal(leaves(model.forest.trees[0]).length, 4);
  });

  test("an additive two-feature table is fitted exactly at depth 2", () => {
    const a = Float64Array.from(range(64), (i) => i % 8);
    const b = Float64Array.from(range(64), (i) => Math.floor(i / 8));
    const target = Float64Array.from(range(64), (i) => (a[i] >= 4 ? 4 : 0) + (b[i] >= 2 ? 2 : 0));
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 2 }).fit(byColumns(a, b), target);
    assert.deepEqual(model.predict(byColumns(a, b)), target);
    assert.equal(treeDepth(model.forest.trees[0]), 2);
  });

  test("maxDepth and maxLeaves bound every tree", () => {
    const a = Float64Array.from(range(300), (i) => Math.sin(i * 0.37));
    const b = Float64Array.from(range(300), (i) => Math.cos(i * 0.11));
    const target = Float64Array.from(range(300), (i) => a[i] * b[i] + Math.sin(5 * a[i]));
    for (const params of [{ maxDepth: 2, maxLeaves: null }, { maxDepth: 5, maxLeaves: 7 }, { maxDepth: 64, maxLeaves: 3 }]) {
      const model = new GradientBoostingRegressor({ nEstimators: 5, ...params }).fit(byColumns(a, b), target);
      for (const tree of model.forest.trees) {
        assert.ok(treeDepth(tree) <= params.maxDepth, `depth ${treeDepth(tree)} with ${JSON.stringify(params)}`);
        if (params.maxLeaves !== null) assert.ok(leaves(tree).length <= params.maxLeaves, `${leaves(tree).length} leaves with ${JSON.stringify(params)}`);
      }
    }
  });
});

describe("the constant model of each objective is its known minimiser", () => {
  // A constant feature: no split is possible, so one tree is a lone root leaf. Gradients are
  // float32 (as in XGBoost and LightGBM), so at the minimiser that leaf still moves the score by
  // a few float32 roundings: agreement is to 1e-7, not to the last bit.
  const constant = (n: number): Matrix => byColumns(new Float64Array(n));
  const near = (actual: number, expected: number, tolerance: number, what: string): void =>
    assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

  const regressionCases: readonly { objective: NonNullable<RegressorParams["objective"]>; y: number[]; expected: number; params?: RegressorParams; link?: "log" }[] = [
    { objective: "squared-error", y: [0.5, 1, 2, 3, 4, 7, 20, 40, 100], expected: 177.5 / 9 },
    { objective: "absolute-error", y: [0.5, 1, 2, 3, 4, 7, 20, 40, 100], expected: 4 },
    // Huber with δ = 1 on 0, 0, 0, 1, 10: ψ(c) = 3c + (c − 1) − 1 = 0 at c = 0.5 (median 0, mean 2.2).
    { objective: "huber", y: [0, 0, 0, 1, 10], expected: 0.5, params: { huberDelta: 1 } },
    { objective: "poisson", y: [0, 1, 1, 2, 3, 5, 8, 0, 4, 6], expected: 3, link: "log" },
    { objective: "gamma", y: [0.5, 1, 2, 4, 2.5], expected: 2, link: "log" },
    { objective: "tweedie", y: [0, 0, 1, 3, 0, 2, 6], expected: 12 / 7, link: "log" },
  ];
  for (const { objective, y, expected, params, link } of regressionCases) {
    test(`${objective} → ${link === "log" ? "log of the mean" : objective === "absolute-error" ? "the median" : objective === "huber" ? "the Huber location" : "the mean"}`, () => {
      const X = constant(y.length);
      const model = new GradientBoostingRegressor({ nEstimators: 1, objective, ...params }).fit(X, y);
      assert.equal(model.forest.trees[0].nNodes, 1);
      near(model.predictRaw(X)[0], link === "log" ? Math.log(expected) : expected, 1e-7, "raw score");
      near(model.predict(X)[0], expected, 1e-7, "prediction");
    });
  }

  test("quantile 0.9 → a 0.9-quantile (a minimiser of the pinball loss)", () => {
    // 20 values: any c in [y(18), y(19)] minimises; the tie is split down the middle.
    const y = [3, 14, 1, 8, 27, 5, 11, 2, 19, 6, 4, 9, 30, 7, 12, 10, 16, 13, 15, 50];
    const X = constant(y.length);
    const model = new GradientBoostingRegressor({ nEstimators: 1, objective: "quantile", alpha: 0.9 }).fit(X, y);
    const prediction = model.predict(X)[0];
    const sorted = [...y].sort((a, b) => a - b);
    near(prediction, (sorted[17] + sorted[18]) / 2, 1e-9, "prediction");
    const pinball = (c: number): number => y.reduce((s, v) => s + (v >= c ? 0.9 * (v - c) : 0.1 * (c - v)), 0);
    for (const c of y) assert.ok(pinball(prediction) <= pinball(c) + 1e-9, `pinball loss at ${prediction} exceeds the one at ${c}`);
  });

  test("binary → log-odds of the positive rate", () => {
    const labels = ["no", "yes", "no", "no", "yes", "no", "no", "yes", "no", "no"];
    const X = constant(labels.length);
    const model = new GradientBoostingClassifier({ nEstimators: 1 }).fit(X, labels);
    near(model.predictRaw(X)[0], Math.log(0.3 / 0.7), 1e-8, "raw score");
    const proba = model.predictProba(X);
    near(proba.data[1], 0.3, 1e-8, "P(yes)");
    near(proba.data[0], 0.7, 1e-8, "P(no)");
    assert.equal(model.predict(X)[0], "no");
  });

  test("softmax → centred log priors", () => {
    const labels = ["a", "a", "a", "a", "a", "b", "b", "b", "c", "c"];
    const X = constant(labels.length);
    const model = new GradientBoostingClassifier({ nEstimators: 1 }).fit(X, labels);
    const priors = [0.5, 0.3, 0.2];
    const meanLog = priors.reduce((s, q) => s + Math.log(q), 0) / 3;
    const raw = model.predictRaw(X);
    const proba = model.predictProba(X);
    priors.forEach((q, k) => {
      near(raw[k], Math.log(q) - meanLog, 1e-8, `raw score of class ${k}`);
      near(proba.data[k], q, 1e-8, `probability of class ${k}`);
    });
  });
});

describe("leaf renewal for absolute-error and quantile", () => {
  // LightGBM and XGBoost set each leaf of an L1 or quantile tree to the quantile of its residuals
  // (objectives.ts says renewal is the booster's job). Without it a leaf moves by a mean sign: at
  // most learningRate per tree, whatever the scale of y.
  const x = byColumns(range(21));
  const y = Float64Array.from(range(21), (v) => (v < 10 ? v : 1000 + v));

  test("absolute-error: one stump with learningRate 1 predicts each side's median", () => {
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 1, objective: "absolute-error" }).fit(x, y);
    assert.deepEqual(Array.from(model.predict(byColumns([0, 20]))), [4.5, 1015]);
  });

  test("quantile 0.5 behaves like absolute-error", () => {
    const model = new GradientBoostingRegressor({ ...EXACT, maxDepth: 1, objective: "quantile", alpha: 0.5 }).fit(x, y);
    assert.deepEqual(Array.from(model.predict(byColumns([0, 20]))), [4.5, 1015]);
  });
});

describe("clear errors", () => {
  const X = byColumns(range(20), Float64Array.from(range(20), (i) => i % 3));
  const y = Float64Array.from(range(20), (i) => i % 5);

  const assertInvalid = (fn: () => unknown, ...parts: string[]): void =>
    assert.throws(fn, (error: unknown) => {
      assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
      for (const part of parts) assert.ok(error.message.includes(part), `"${error.message}" does not mention ${part}`);
      return true;
    });

  test("bad parameters name the parameter, the range and the value", () => {
    assertInvalid(() => new GradientBoostingRegressor({ learningRate: 0 }), "learningRate", "(0, 1]", "received 0");
    assertInvalid(() => new GradientBoostingRegressor({ maxBins: 300 }), "maxBins", "[3, 256]", "received 300");
    assertInvalid(() => new GradientBoostingClassifier({ maxDepth: 2.5 }), "maxDepth", "an integer", "2.5");
    assertInvalid(() => new GradientBoostingRegressor({ subsample: 1.5 }), "subsample", "(0, 1]", "1.5");
    assertInvalid(() => new GradientBoostingRegressor({ objective: "mse" as never }), "objective", "squared-error", '"mse"');
    assertInvalid(() => new GradientBoostingRegressor({ learningRate: "0.1" as never }), "learningRate", '"0.1"');
    // Every problem at once, not the first only.
    assertInvalid(() => new GradientBoostingRegressor({ learningRate: 0, nEstimators: 0 }), "learningRate", "nEstimators");
  });

  test("unknown parameter names are refused, with a suggestion when the case is off", () => {
    assertInvalid(() => new GradientBoostingRegressor({ learning_rate: 0.1 } as never), 'unknown parameter "learning_rate"');
    assertInvalid(() => new GradientBoostingRegressor({ LearningRate: 0.1 } as never), 'unknown parameter "LearningRate"', 'did you mean "learningRate"');
    assertInvalid(() => new GradientBoostingClassifier({ objective: "softmax" } as never), 'unknown parameter "objective"');
  });

  test("objective options outside the loss's domain are refused by name", () => {
    assertInvalid(() => new GradientBoostingRegressor({ objective: "quantile", alpha: 1 }).fit(X, y), "alpha", "1");
    assertInvalid(() => new GradientBoostingRegressor({ objective: "tweedie", tweedieVariancePower: 2 }).fit(X, y), "tweedieVariancePower", "2");
  });

  test("missing and out-of-domain targets name the row", () => {
    assertInvalid(() => new GradientBoostingRegressor().fit(X, Float64Array.from(y, (v, i) => (i === 4 ? NaN : v))), "row 4", "NaN");
    assertInvalid(() => new GradientBoostingRegressor().fit(X, Array.from(y, (v, i) => (i === 6 ? (null as unknown as number) : v))), "row 6");
    assertInvalid(() => new GradientBoostingRegressor({ objective: "poisson" }).fit(X, Float64Array.from(y, (v, i) => (i === 2 ? -1 : v))), "row 2", "-1");
    assertInvalid(() => new GradientBoostingRegressor({ objective: "gamma" }).fit(X, y), "gamma", "> 0", "row 0");
    assertInvalid(() => new GradientBoostingClassifier().fit(X, Array.from(y, (v, i) => (i === 5 ? null : v > 2))), "row 5");
  });

  test("a single class is refused", () => {
    assertInvalid(() => new GradientBoostingClassifier().fit(X, new Array<string>(20).fill("spam")), "single class", "spam");
  });

  test("shapes that do not agree are refused, naming both sizes", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 2 }).fit(X, y);
    assertInvalid(() => new GradientBoostingRegressor().fit(X, y.subarray(1)), "19", "20");
    assertInvalid(() => new GradientBoostingClassifier().fit(X, ["a", "b"]), "2", "20");
    assertInvalid(() => model.predict(byColumns(range(3))), "1", "2");
    assertInvalid(() => model.predictRowRaw([1, 2, 3]), "3", "2");
    assertInvalid(() => new GradientBoostingRegressor().fit(X, y, { sampleWeight: new Float64Array(3) }), "sampleWeight", "3", "20");
    assertInvalid(() => new GradientBoostingRegressor().fit(X, y, { sampleWeight: Float64Array.from(y, (_, i) => (i === 7 ? -1 : 1)) }), "sampleWeight", "row 7");
    assertInvalid(() => new GradientBoostingRegressor().fit(X, y, { featureNames: ["a"] }), "featureNames", "1", "2");
    assertInvalid(() => new GradientBoostingRegressor().fit(X, y, { categoricalFeatures: [2] }), "categoricalFeatures", "2");
    assertInvalid(() => new GradientBoostingRegressor().fit(byColumns([0, 1.5, 2]), [1, 2, 3], { categoricalFeatures: [0] }), "1.5", "row 1");
    assertInvalid(() => new GradientBoostingRegressor().fit({ data: new Float64Array(5), rows: 2, cols: 2 }, [1, 2]), "5", "2 × 2");
    assertInvalid(() => new GradientBoostingRegressor().fit(X, y, { evalSet: { X: byColumns(range(4)), y: [1, 2, 3, 4] } }), "1", "2");
  });

  test("monotone constraints: one per feature, -1/0/1, never on a categorical feature", () => {
    assertInvalid(() => new GradientBoostingRegressor({ monotone: [1] }).fit(X, y), "monotone", "1", "2");
    assertInvalid(() => new GradientBoostingRegressor({ monotone: [0, 2] }).fit(X, y), "monotone[1]", "2");
    assertInvalid(() => new GradientBoostingRegressor({ monotone: [0, 1] }).fit(X, y, { categoricalFeatures: [1], featureNames: ["x", "shop"] }), "monotone[1]", "categorical", '"shop"');
  });

  test("a validation label the model was not fitted on is refused", () => {
    const labels = Array.from(y, (v) => (v > 2 ? "hi" : "lo"));
    assertInvalid(() => new GradientBoostingClassifier({ nEstimators: 2 }).fit(X, labels, { evalSet: { X, y: labels.map((l, i) => (i === 3 ? "mid" : l)) } }), "mid", "row 3");
  });
});

describe("shouldStop", () => {
  const x = byColumns(range(50), Float64Array.from(range(50), (v) => (v * 7) % 11));
  const y = Float64Array.from(range(50), (v) => Math.sin(v / 5));

  test("ends training after the iteration it returns true for, keeping those trees", () => {
    const asked: number[] = [];
    const model = new GradientBoostingRegressor({ nEstimators: 30, maxDepth: 2 }).fit(x, y, { shouldStop: (t) => (asked.push(t), t >= 4) });
    assert.deepEqual(asked, [0, 1, 2, 3, 4]);
    assert.equal(model.forest.trees.length, 5);
    assert.equal(model.info.stoppedEarly, true);
    const full = new GradientBoostingRegressor({ nEstimators: 5, maxDepth: 2 }).fit(x, y);
    assert.deepEqual(model.predict(x), full.predict(x), "the first five trees are the ones a 5-tree fit grows");
  });

  test("is not consulted past the last iteration, and a false answer changes nothing", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 6, maxDepth: 2 }).fit(x, y, { shouldStop: () => false });
    assert.equal(model.forest.trees.length, 6);
    assert.equal(model.info.stoppedEarly, false);
  });
});
