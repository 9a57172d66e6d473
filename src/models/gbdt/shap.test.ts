// TreeSHAP against three things it must satisfy: contributions add up to the raw prediction on
// forests the real estimators train (missing values and a categorical feature included); they equal
// the Shapley values computed by brute force over every feature subset with the same cover-weighted
// conditional expectation; and a one-split stump credits only its own feature.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, Rng, matrix, type Matrix } from "../../core/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "./gradient-boosting.js";
import type { Forest } from "./predictor.js";
import { predictRaw } from "./predictor.js";
import { expectedValue, treeShap } from "./shap.js";
import type { Tree } from "./tree.js";
import { categoryGoesLeft } from "./tree.js";

const N_FEATURES = 5;
const CATEGORICAL = 3;

/** Rows with missing values in every numeric column and category codes 0..5 in column 3. */
function syntheticRows(rng: Rng, n: number): Matrix {
  const data = new Float64Array(n * N_FEATURES);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < N_FEATURES; f++) {
      const missing = f !== CATEGORICAL && rng.next() < 0.1;
      data[i * N_FEATURES + f] = missing ? NaN : f === CATEGORICAL ? rng.int(6) : rng.normal();
    }
  }
  return matrix(data, { rows: n, cols: N_FEATURES });
}

function valueOr(v: number, fallback: number): number {
  return Number.isNaN(v) ? fallback : v;
}

function syntheticTarget(X: Matrix, rng: Rng): Float64Array {
  const y = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    const x = X.data.subarray(i * N_FEATURES, (i + 1) * N_FEATURES);
    const category = [0.5, -1, 2, 0, -2, 1][x[CATEGORICAL]];
    y[i] = 2 * valueOr(x[0], 1) + Math.sin(3 * valueOr(x[1], 0)) * valueOr(x[2], -1) + category + 0.3 * valueOr(x[4], 0) * valueOr(x[0], 0) + 0.1 * rng.normal();
  }
  return y;
}

/** Max over rows and outputs of |Σ contributions − raw score|; raw is row-major n × K. */
function additivityError(contributions: Float64Array, raw: Float64Array, n: number, K: number): number {
  const width = N_FEATURES + 1;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      let sum = 0;
      for (let f = 0; f < width; f++) sum += contributions[(i * K + k) * width + f];
      worst = Math.max(worst, Math.abs(sum - raw[i * K + k]));
    }
  }
  return worst;
}

function hasCategoricalSplit(forest: Forest): boolean {
  return forest.trees.some((tree) => tree.catOffset.some((offset, node) => offset >= 0 && tree.feature[node] >= 0));
}

describe("treeShap adds up to the raw prediction", () => {
  const rng = new Rng(42);
  const X = syntheticRows(rng, 400);
  const y = syntheticTarget(X, rng);
  const test_X = syntheticRows(rng, 100);

  test("regression with missing values and a categorical feature", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 30, maxDepth: 5, learningRate: 0.3, maxCatToOnehot: 2 }).fit(X, y, { categoricalFeatures: [CATEGORICAL] });
    assert.ok(hasCategoricalSplit(model.forest), "the forest should split on the categorical feature");
    for (const rows of [X, test_X]) {
      const phi = treeShap(model.forest, rows.data, rows.rows, N_FEATURES);
      assert.equal(phi.length, rows.rows * (N_FEATURES + 1));
      const error = additivityError(phi, model.predictRaw(rows), rows.rows, 1);
      assert.ok(error < 1e-9, `additivity error ${error}`);
    }
  });

  test("the bias of a squared-error model is its mean prediction over the training rows", () => {
    // Squared error has hessian 1, so cover counts training rows and the cover-weighted mean of
    // the leaves is the mean prediction over them (without row subsampling).
    const model = new GradientBoostingRegressor({ nEstimators: 10, maxDepth: 4 }).fit(X, y, { categoricalFeatures: [CATEGORICAL] });
    const phi = treeShap(model.forest, X.data.subarray(0, N_FEATURES), 1, N_FEATURES);
    const raw = model.predictRaw(X);
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    assert.ok(Math.abs(phi[N_FEATURES] - mean) < 1e-9, `bias ${phi[N_FEATURES]} vs mean prediction ${mean}`);
  });

  test("3-class classification, one block of contributions per class", () => {
    const labels = Array.from(y, (v) => (v < -0.5 ? "low" : v < 1.5 ? "mid" : "high"));
    const model = new GradientBoostingClassifier({ nEstimators: 15, maxDepth: 4, learningRate: 0.3, subsample: 0.8 }).fit(X, labels, { categoricalFeatures: [CATEGORICAL] });
    assert.equal(model.forest.nOutputs, 3);
    const phi = treeShap(model.forest, test_X.data, test_X.rows, N_FEATURES);
    assert.equal(phi.length, test_X.rows * 3 * (N_FEATURES + 1));
    const error = additivityError(phi, model.predictRaw(test_X), test_X.rows, 3);
    assert.ok(error < 1e-9, `additivity error ${error}`);
  });
});

interface NodeSpec {
  readonly value: number;
  readonly cover: number;
  readonly split?: {
    readonly feature: number;
    readonly threshold?: number;
    /** Category codes that go left (a categorical split). */
    readonly leftCategories?: readonly number[];
    readonly missingLeft: boolean;
    readonly left: NodeSpec;
    readonly right: NodeSpec;
  };
}

/** A flat Tree from nested nodes, numbered parent first. */
function buildTree(root: NodeSpec): Tree {
  const nodes: NodeSpec[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const number = (spec: NodeSpec): number => {
    const id = nodes.push(spec) - 1;
    left.push(-1);
    right.push(-1);
    if (spec.split) {
      left[id] = number(spec.split.left);
      right[id] = number(spec.split.right);
    }
    return id;
  };
  number(root);
  const n = nodes.length;
  const catOffset = new Int32Array(n).fill(-1);
  const catWords = new Int32Array(n);
  const bits: number[] = [];
  nodes.forEach((spec, node) => {
    const categories = spec.split?.leftCategories;
    if (!categories) return;
    catOffset[node] = bits.length;
    catWords[node] = 1;
    bits.push(categories.reduce((word, c) => word | (1 << c), 0));
  });
  return {
    nNodes: n,
    feature: Int32Array.from(nodes, (s) => s.split?.feature ?? -1),
    threshold: Float64Array.from(nodes, (s) => s.split?.threshold ?? NaN),
    binThreshold: new Int32Array(n),
    missingLeft: Uint8Array.from(nodes, (s) => (s.split?.missingLeft ? 1 : 0)),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    catOffset,
    catWords,
    catBits: Uint32Array.from(bits, (b) => b >>> 0),
    value: Float64Array.from(nodes, (s) => s.value),
    gain: new Float64Array(n),
    cover: Float64Array.from(nodes, (s) => s.cover),
  };
}

const CATEGORY_CODES = 8;

/**
 * A random tree over `nFeatures` features (the last one categorical), features repeating along
 * paths; covers split at random, sometimes leaving a child with none.
 */
function randomTree(rng: Rng, nFeatures: number, maxDepth: number, cover = 100, depth = 0): NodeSpec {
  const value = rng.normal();
  if (depth === maxDepth || (depth > 0 && rng.next() < 0.25)) return { value, cover };
  const feature = rng.int(nFeatures);
  const share = rng.next() < 0.1 ? 0 : 0.05 + 0.9 * rng.next();
  const [leftCover, rightCover] = rng.next() < 0.5 ? [cover * share, cover * (1 - share)] : [cover * (1 - share), cover * share];
  const isCategorical = feature === nFeatures - 1;
  const leftCategories = Array.from({ length: CATEGORY_CODES - 1 }, (_, c) => c).filter(() => rng.next() < 0.5);
  return {
    value,
    cover,
    split: {
      feature,
      ...(isCategorical ? { leftCategories } : { threshold: 0.8 * rng.normal() }),
      missingLeft: rng.next() < 0.5,
      left: randomTree(rng, nFeatures, maxDepth, leftCover, depth + 1),
      right: randomTree(rng, nFeatures, maxDepth, rightCover, depth + 1),
    },
  };
}

/** Rows for random trees: 20% missing; the last feature a category code (CATEGORY_CODES − 1 never goes left). */
function randomRows(rng: Rng, n: number, nFeatures: number): Float64Array {
  const rows = new Float64Array(n * nFeatures);
  for (let i = 0; i < rows.length; i++) {
    const isCategorical = i % nFeatures === nFeatures - 1;
    rows[i] = rng.next() < 0.2 ? NaN : isCategorical ? rng.int(CATEGORY_CODES) : rng.normal();
  }
  return rows;
}

/** E[f(x) | x_S] by the cover rule: follow the row at splits on features in S, else average the children by cover. */
function conditionalExpectation(tree: Tree, node: number, row: ArrayLike<number>, inS: (f: number) => boolean): number {
  const f = tree.feature[node];
  if (f < 0) return tree.value[node];
  const l = tree.left[node];
  const r = tree.right[node];
  if (inS(f)) {
    const v = row[f];
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : tree.catOffset[node] >= 0 ? categoryGoesLeft(tree, node, v) : v <= tree.threshold[node];
    return conditionalExpectation(tree, goLeft ? l : r, row, inS);
  }
  // A node without cover weighs its children evenly (treeShap's convention for an empty branch).
  const c = tree.cover[node];
  const [wl, wr] = c > 0 ? [tree.cover[l] / c, tree.cover[r] / c] : [0.5, 0.5];
  return wl * conditionalExpectation(tree, l, row, inS) + wr * conditionalExpectation(tree, r, row, inS);
}

/** Exact Shapley values of v(S) = E[f(x) | x_S] for one row, by enumerating the 2^M subsets. */
function bruteForceShapley(tree: Tree, row: ArrayLike<number>, M: number): Float64Array {
  const value = new Float64Array(1 << M);
  for (let S = 0; S < 1 << M; S++) value[S] = conditionalExpectation(tree, 0, row, (f) => ((S >> f) & 1) === 1);
  const factorial = [1];
  for (let k = 1; k <= M; k++) factorial.push(factorial[k - 1] * k);
  const phi = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    for (let S = 0; S < 1 << M; S++) {
      if ((S >> i) & 1) continue;
      let size = 0;
      for (let f = 0; f < M; f++) size += (S >> f) & 1;
      phi[i] += ((factorial[size] * factorial[M - size - 1]) / factorial[M]) * (value[S | (1 << i)] - value[S]);
    }
  }
  return phi;
}

function forestOf(trees: Tree[], nOutputs: number, nFeatures: number, baseScore = new Float64Array(nOutputs)): Forest {
  return { trees, nOutputs, baseScore, nFeatures };
}

describe("treeShap equals brute-force Shapley values", () => {
  test("random trees up to depth 3 over 6 features, repeated features, missing values, a categorical feature", () => {
    const rng = new Rng(7);
    const M = 6;
    let worst = 0;
    for (let trial = 0; trial < 200; trial++) {
      const tree = buildTree(randomTree(rng, M, 1 + (trial % 3)));
      const rows = randomRows(rng, 5, M);
      const phi = treeShap(forestOf([tree], 1, M), rows, 5, M);
      for (let i = 0; i < 5; i++) {
        const exact = bruteForceShapley(tree, rows.subarray(i * M, (i + 1) * M), M);
        for (let f = 0; f < M; f++) worst = Math.max(worst, Math.abs(phi[i * (M + 1) + f] - exact[f]));
        assert.ok(Math.abs(phi[i * (M + 1) + M] - expectedValue(tree)) < 1e-12);
      }
    }
    assert.ok(worst < 1e-10, `largest difference from brute force ${worst}`);
  });

  test("trees trained by the regressor (depth 3)", () => {
    const rng = new Rng(3);
    const X = syntheticRows(rng, 300);
    const model = new GradientBoostingRegressor({ nEstimators: 8, maxDepth: 3, learningRate: 0.5 }).fit(X, syntheticTarget(X, rng), { categoricalFeatures: [CATEGORICAL] });
    const rows = syntheticRows(rng, 20);
    const phi = treeShap(model.forest, rows.data, rows.rows, N_FEATURES);
    let worst = 0;
    for (let i = 0; i < rows.rows; i++) {
      const exact = new Float64Array(N_FEATURES);
      for (const tree of model.forest.trees) {
        bruteForceShapley(tree, rows.data.subarray(i * N_FEATURES, (i + 1) * N_FEATURES), N_FEATURES).forEach((v, f) => (exact[f] += v));
      }
      for (let f = 0; f < N_FEATURES; f++) worst = Math.max(worst, Math.abs(phi[i * (N_FEATURES + 1) + f] - exact[f]));
    }
    assert.ok(worst < 1e-10, `largest difference from brute force ${worst}`);
  });

  test("two outputs: each tree's contributions land in its own output's block", () => {
    const rng = new Rng(11);
    const M = 4;
    const trees = Array.from({ length: 6 }, () => buildTree(randomTree(rng, M, 3)));
    const baseScore = Float64Array.of(0.25, -1.5);
    const rows = randomRows(rng, 10, M);
    const phi = treeShap(forestOf(trees, 2, M, baseScore), rows, 10, M);
    const raw = predictRaw(forestOf(trees, 2, M, baseScore), rows, 10);
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k < 2; k++) {
        const exact = new Float64Array(M);
        let bias = baseScore[k];
        trees.forEach((tree, t) => {
          if (t % 2 !== k) return;
          bruteForceShapley(tree, rows.subarray(i * M, (i + 1) * M), M).forEach((v, f) => (exact[f] += v));
          bias += expectedValue(tree);
        });
        const block = phi.subarray((i * 2 + k) * (M + 1), (i * 2 + k + 1) * (M + 1));
        for (let f = 0; f < M; f++) assert.ok(Math.abs(block[f] - exact[f]) < 1e-10);
        assert.ok(Math.abs(block[M] - bias) < 1e-12);
        assert.ok(Math.abs(block.reduce((a, b) => a + b, 0) - raw[k * 10 + i]) < 1e-9);
      }
    }
  });
});

describe("treeShap on simple trees", () => {
  test("a stump credits only its split feature, with f(x) − E[f]", () => {
    const stump = buildTree({
      value: 0,
      cover: 10,
      split: { feature: 2, threshold: 0.5, missingLeft: false, left: { value: 3, cover: 4 }, right: { value: -1, cover: 6 } },
    });
    const mean = (4 * 3 + 6 * -1) / 10;
    assert.ok(Math.abs(expectedValue(stump) - mean) < 1e-15);
    const rows = Float64Array.of(9, 9, 0.1, 9, /* */ -9, -9, 0.9, -9, /* */ 1, 2, NaN, 4);
    const phi = treeShap(forestOf([stump], 1, 4, Float64Array.of(0.5)), rows, 3, 4);
    const expected = [
      [0, 0, 3 - mean, 0, 0.5 + mean],
      [0, 0, -1 - mean, 0, 0.5 + mean],
      [0, 0, -1 - mean, 0, 0.5 + mean],
    ];
    expected.forEach((row, i) => row.forEach((v, f) => assert.ok(Math.abs(phi[i * 5 + f] - v) < 1e-15, `row ${i} slot ${f}: ${phi[i * 5 + f]} vs ${v}`)));
  });

  test("a lone leaf is all bias", () => {
    const leaf = buildTree({ value: 1.25, cover: 3 });
    const phi = treeShap(forestOf([leaf, leaf], 1, 2, Float64Array.of(1)), Float64Array.of(1, NaN), 1, 2);
    assert.deepEqual([...phi], [0, 0, 3.5]);
  });

  test("no rows, no contributions", () => {
    assert.equal(treeShap(forestOf([], 2, 3), new Float64Array(0), 0, 3).length, 0);
  });

  test("inputs that do not match the forest are rejected", () => {
    const forest = forestOf([buildTree({ value: 1, cover: 1 })], 1, 3);
    assert.throws(() => treeShap(forest, new Float64Array(8), 2, 4), InvalidInput);
    assert.throws(() => treeShap(forest, new Float64Array(5), 2, 3), InvalidInput);
    assert.throws(() => treeShap(forest, new Float64Array(6), 1.5, 3), InvalidInput);
    const wide = buildTree({ value: 0, cover: 2, split: { feature: 5, threshold: 0, missingLeft: true, left: { value: 1, cover: 1 }, right: { value: 2, cover: 1 } } });
    assert.throws(() => treeShap(forestOf([wide], 1, 3), new Float64Array(3), 1, 3), InvalidInput);
  });
});

describe("predictContributions", () => {
  test("sums to the raw score for every row of a fitted model", () => {
    const rng = new Rng(8);
    const n = 400;
    const data = Float64Array.from({ length: n * 3 }, () => (rng.next() < 0.1 ? NaN : rng.normal()));
    const y = Float64Array.from({ length: n }, (_, i) => (data[3 * i] === data[3 * i] ? data[3 * i] : 1) * 2 + rng.normal());
    const X = { data, rows: n, cols: 3 };
    const model = new GradientBoostingRegressor({ nEstimators: 20, maxDepth: 4 }).fit(X, y);
    const phi = model.predictContributions(X);
    const raw = model.predictRaw(X);
    assert.equal(phi.cols, 4);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < 4; j++) sum += phi.data[i * 4 + j];
      assert.ok(Math.abs(sum - raw[i]) < 1e-9, `row ${i}: ${sum} vs ${raw[i]}`);
    }
  });
});
