// Where rows go at a split when their value is missing or a category: missingness learned as a
// signal, missing values at predict time following missingLeft, categorical partitions learned in
// one split, unseen categories sent right, and Frame input (categories by name) against the
// equivalent matrix.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { matrix, Rng, type Matrix } from "../../../src/core/index.js";
import { byColumns, sameBytes } from "./matrices.js";
import { Frame } from "../../../src/data/index.js";
import { leafOf } from "../../../src/models/gbdt/tree.js";
import { GradientBoostingClassifier, GradientBoostingRegressor, type Tree } from "../../../src/models/index.js";

const STUMP = { nEstimators: 1, maxDepth: 1, learningRate: 1, l2: 0 } as const;

describe("missing values", () => {
  const rng = new Rng(3);
  const n = 120;
  const x = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? NaN : rng.normal()));

  test("a feature whose missingness predicts the target: missing rows are split off and learned", () => {
    const y = Float64Array.from(x, (v) => (Number.isNaN(v) ? 10 : 0));
    const model = new GradientBoostingRegressor(STUMP).fit(byColumns(x), y);
    const tree = model.forest.trees[0];
    assert.equal(tree.nNodes, 3);
    assert.equal(tree.missingLeft[0], 0, "every value goes left, the missing ones right");
    assert.deepEqual(model.predict(byColumns(x)), y);
    assert.deepEqual(Array.from(model.predict(byColumns([NaN, -1e9, 1e9]))), [10, 0, 0]);
  });

  test("missing values can join the side whose target they share", () => {
    // y = 10 for x > 0.3 or missing, 0 otherwise: one split with missing values sent right.
    const y = Float64Array.from(x, (v) => (Number.isNaN(v) || v > 0.3 ? 10 : 0));
    const model = new GradientBoostingRegressor(STUMP).fit(byColumns(x), y);
    const tree = model.forest.trees[0];
    assert.equal(tree.missingLeft[0], 0);
    const below = Math.max(...x.filter((v) => v <= 0.3));
    const above = Math.min(...x.filter((v) => v > 0.3));
    assert.ok(tree.threshold[0] >= below && tree.threshold[0] < above, `threshold ${tree.threshold[0]} outside [${below}, ${above})`);
    // The mean of y is not a float32 number, so gradients round: equal to 1e-6.
    model.predict(byColumns(x)).forEach((v, i) => assert.ok(Math.abs(v - y[i]) < 1e-6, `row ${i}: ${v} vs ${y[i]}`));
  });

  test("with no missing values in training, a missing value follows the side with more rows", () => {
    const values = Float64Array.from({ length: 20 }, (_, i) => i);
    for (const [cut, missingLeft] of [[15, 1], [5, 0]] as const) {
      const y = Float64Array.from(values, (v) => (v < cut ? 1 : 5));
      const model = new GradientBoostingRegressor(STUMP).fit(byColumns(values), y);
      const tree = model.forest.trees[0];
      assert.equal(tree.missingLeft[0], missingLeft, `cut at ${cut}`);
      assert.equal(model.predict(byColumns([NaN]))[0], missingLeft ? 1 : 5);
    }
  });

  test("at predict time a missing value goes where missingLeft says, in every tree", () => {
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const y = Float64Array.from(a, (v, i) => Math.sin(2 * v) + b[i] * b[i]);
    const model = new GradientBoostingRegressor({ nEstimators: 10, maxDepth: 4 }).fit(byColumns(a, b), y);
    // Walk each tree by hand: every split meets a missing value.
    const walk = (tree: Tree): number => {
      let node = 0;
      while (tree.feature[node] >= 0) node = tree.missingLeft[node] ? tree.left[node] : tree.right[node];
      return tree.value[node];
    };
    const expected = model.forest.trees.reduce((sum, tree) => sum + walk(tree), model.forest.baseScore[0]);
    assert.equal(model.predictRaw(byColumns([NaN], [NaN]))[0], expected);
  });
});

describe("categorical features", () => {
  // Codes 0..3 stand for a, b, c, d; {a, c} → 1 and {b, d} → 0.
  const n = 80;
  // 20 rows a category, below the default minDataPerGroup (100): these checks of routing set it to 1.
  const ORDERED = { ...STUMP, maxCatToOnehot: 1, minDataPerGroup: 1 } as const;
  const codes = Float64Array.from({ length: n }, (_, i) => (i * 7) % 4);
  const y = Float64Array.from(codes, (c) => (c === 0 || c === 2 ? 1 : 0));
  const names = ["a", "b", "c", "d"];
  const frame = (categories: readonly string[], codesOf: (name: string) => number = (name) => categories.indexOf(name)): Frame =>
    Frame.fromColumns({ shop: { kind: "categorical", codes: Int32Array.from(codes, (c) => codesOf(names[c])), categories } });

  test("a two-against-two partition is learned in one split when maxCatToOnehot is small", () => {
    const model = new GradientBoostingRegressor({ ...ORDERED }).fit(byColumns(codes), y, { categoricalFeatures: [0] });
    const tree = model.forest.trees[0];
    assert.equal(tree.nNodes, 3);
    assert.ok(tree.catOffset[0] >= 0, "a categorical split");
    assert.deepEqual(model.predict(byColumns(codes)), y);
  });

  test("with few categories, one category is split against the rest", () => {
    const onlyC = Float64Array.from(codes, (c) => (c === 2 ? 1 : 0));
    const model = new GradientBoostingRegressor(STUMP).fit(byColumns(codes), onlyC, { categoricalFeatures: [0] });
    const tree = model.forest.trees[0];
    const goesLeft = [0, 1, 2, 3].map((c) => model.predict(byColumns([c]))[0] === model.forest.baseScore[0] + tree.value[tree.left[0]]);
    assert.equal(goesLeft.filter(Boolean).length, 1, "exactly one category goes left");
    assert.deepEqual(model.predict(byColumns(codes)), onlyC);
  });

  test("an unseen category at predict time does not crash and goes right", () => {
    const model = new GradientBoostingRegressor({ ...ORDERED }).fit(frame(names), y);
    const tree = model.forest.trees[0];
    const right = model.forest.baseScore[0] + tree.value[tree.right[0]];
    const withNew = Frame.fromColumns({ shop: { kind: "categorical", codes: Int32Array.of(4, 0), categories: [...names, "e"] } });
    assert.deepEqual(Array.from(model.predict(withNew)), [right, 1]);
    // The same through a matrix: a code past the dictionary, a negative code.
    const byCode = new GradientBoostingRegressor({ ...ORDERED }).fit(byColumns(codes), y, { categoricalFeatures: [0] });
    const rightByCode = byCode.forest.baseScore[0] + byCode.forest.trees[0].value[byCode.forest.trees[0].right[0]];
    assert.deepEqual(Array.from(byCode.predict(byColumns([7, 40, -3]))), [rightByCode, rightByCode, rightByCode]);
  });

  test("a category in the dictionary but absent from training goes right", () => {
    const model = new GradientBoostingRegressor({ ...ORDERED }).fit(
      Frame.fromColumns({ shop: { kind: "categorical", codes: Int32Array.from(codes), categories: [...names, "never"] } }),
      y,
    );
    const tree = model.forest.trees[0];
    const never = Frame.fromColumns({ shop: { kind: "categorical", codes: Int32Array.of(4), categories: [...names, "never"] } });
    assert.equal(model.predict(never)[0], model.forest.baseScore[0] + tree.value[tree.right[0]]);
  });

  test("a new Frame with another dictionary order is aligned by name", () => {
    const model = new GradientBoostingRegressor({ ...ORDERED }).fit(frame(names), y);
    const reversed = ["d", "z", "c", "b", "a"];
    assert.deepEqual(model.predict(frame(reversed)), y);
    assert.deepEqual(model.predict(frame(names)), y);
  });

  test("with the default minDataPerGroup, 80 rows are too few for a split over ordered categories", () => {
    const model = new GradientBoostingRegressor({ ...STUMP, maxCatToOnehot: 1 }).fit(byColumns(codes), y, { categoricalFeatures: [0] });
    assert.equal(model.forest.trees[0].nNodes, 1);
    const split = new GradientBoostingRegressor({ ...STUMP, maxCatToOnehot: 1, minDataPerGroup: 40 }).fit(byColumns(codes), y, { categoricalFeatures: [0] });
    assert.equal(split.forest.trees[0].nNodes, 3);
  });
});

describe("Frame input", () => {
  const rng = new Rng(9);
  const n = 300;
  const colors = ["red", "green", "blue", "amber", "teal", "plum"];
  const x = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? NaN : rng.normal()));
  const color = Int32Array.from({ length: n }, () => (rng.next() < 0.05 ? -1 : rng.int(colors.length)));
  const count = Float64Array.from({ length: n }, () => rng.int(20));
  const effect = [0, 1.5, -1, 0.5, 2, -2];
  const y = Float64Array.from({ length: n }, (_, i) => (Number.isNaN(x[i]) ? 1 : x[i]) + (color[i] < 0 ? 0 : effect[color[i]]) + count[i] / 10 + 0.2 * rng.normal());
  const frame = Frame.fromColumns({
    x: { kind: "numeric", values: x },
    color: { kind: "categorical", codes: color, categories: colors },
    count: { kind: "integer", values: count },
  });
  const asMatrix = frame.toMatrix();
  const params = { nEstimators: 15, maxDepth: 4, subsample: 0.8, colsample: 0.67, seed: 4 };

  test("a Frame with a categorical column gives the predictions of the matrix with categoricalFeatures", () => {
    const fromFrame = new GradientBoostingRegressor(params).fit(frame, y);
    const fromMatrix = new GradientBoostingRegressor(params).fit(asMatrix, y, { categoricalFeatures: [1], featureNames: asMatrix.names });
    assert.deepEqual(fromFrame.isCategorical, [false, true, false]);
    assert.deepEqual(fromFrame.categories[1], colors);
    assert.deepEqual(fromFrame.forest, fromMatrix.forest);
    assert.ok(sameBytes(fromFrame.predict(frame), fromMatrix.predict(asMatrix)));
    // A Frame model also predicts from a matrix of its codes (read as codes, not aligned by name).
    assert.ok(sameBytes(fromFrame.predict(asMatrix), fromFrame.predict(frame)));
  });

  test("classifiers too, and a Frame with its columns in another order is read by name", () => {
    const labels = Array.from(y, (v) => (v > 1 ? "high" : v > 0 ? "mid" : "low"));
    const model = new GradientBoostingClassifier(params).fit(frame, labels);
    const byMatrix = new GradientBoostingClassifier(params).fit(asMatrix, labels, { categoricalFeatures: [1] });
    assert.ok(sameBytes(model.predictProba(frame).data, byMatrix.predictProba(asMatrix).data));
    const shuffled = frame.select(["count", "x", "color"]);
    assert.ok(sameBytes(model.predictProba(shuffled).data, model.predictProba(frame).data));
  });

  test("a new Frame whose dictionary lists the categories in another order predicts the same", () => {
    const model = new GradientBoostingRegressor(params).fit(frame, y);
    const order = ["plum", "teal", "new", "amber", "blue", "green", "red"];
    const recoded = Frame.fromColumns({
      count: frame.column("count"),
      color: { kind: "categorical", codes: color.map((c) => (c < 0 ? -1 : order.indexOf(colors[c]))), categories: order },
      x: frame.column("x"),
    });
    assert.ok(sameBytes(model.predict(recoded), model.predict(frame)));
  });
});

describe("prediction routes rows as training did", () => {
  // Training routes rows by bin, prediction by raw value (thresholds, category bitsets, missing
  // flags). With one unshrunk, unpenalised squared-error tree, each leaf's value is the mean
  // residual of the rows training put there: the rows prediction puts there must give it back.
  const rng = new Rng(12);
  const n = 3000;
  const p = 3;
  const effect = Float64Array.from({ length: 300 }, () => rng.normal());
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    data[i * p] = rng.next() < 0.1 ? NaN : rng.normal();
    // Skewed category frequencies: with few bins the rare ones share a bin.
    data[i * p + 1] = rng.next() < 0.05 ? NaN : Math.floor(300 * rng.next() ** 3);
    data[i * p + 2] = rng.int(1000) / 7;
  }
  const y = Float64Array.from({ length: n }, (_, i) => (data[i * p] || 2) + (Number.isNaN(data[i * p + 1]) ? -3 : effect[data[i * p + 1]]) + Math.sin(data[i * p + 2]));

  for (const [maxBins, maxCatToOnehot] of [[16, 4], [256, 4], [8, 1], [64, 64]]) {
    test(`maxBins ${maxBins}, maxCatToOnehot ${maxCatToOnehot}`, () => {
      const model = new GradientBoostingRegressor({ nEstimators: 1, learningRate: 1, l2: 0, maxDepth: 8, maxBins, maxCatToOnehot }).fit(matrix(data, { rows: n, cols: p }), y, {
        categoricalFeatures: [1],
      });
      const tree = model.forest.trees[0];
      const base = model.forest.baseScore[0];
      const sums = new Map<number, { residual: number; rows: number }>();
      for (let i = 0; i < n; i++) {
        const leaf = leafOf(tree, data, i * p);
        const s = sums.get(leaf) ?? { residual: 0, rows: 0 };
        s.residual += y[i] - base;
        s.rows++;
        sums.set(leaf, s);
      }
      for (let node = 0; node < tree.nNodes; node++) {
        if (tree.feature[node] >= 0) continue;
        const s = sums.get(node);
        assert.ok(s, `leaf ${node} is reached by no training row`);
        assert.ok(Math.abs(tree.value[node] - s.residual / s.rows) < 1e-6, `leaf ${node}: value ${tree.value[node]}, mean residual ${s.residual / s.rows}`);
      }
    });
  }
});
