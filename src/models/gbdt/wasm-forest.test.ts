import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Rng } from "../../core/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "./gradient-boosting.js";
import { predictRaw, predictRawJs, predictRowRaw, predictRowRawJs } from "./predictor.js";

function data(n: number, p: number, seed: number): { X: Float64Array; y: number[]; labels: string[] } {
  const rng = new Rng(seed);
  const X = new Float64Array(n * p);
  const y: number[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < p; f++) {
      // Feature 0 is categorical (codes 0..11); others numeric with 10% missing.
      const v = f === 0 ? rng.int(12) : rng.next() < 0.1 ? NaN : rng.normal();
      X[i * p + f] = v;
      s += f === 0 ? (v % 3) - 1 : v === v ? Math.sin(2 * v) : 0.5;
    }
    y.push(s + 0.3 * rng.normal());
    labels.push(s > 0.8 ? "high" : s < -0.8 ? "low" : "mid");
  }
  return { X, y, labels };
}

describe("WebAssembly prediction", () => {
  it("gives bit-identical scores to the JavaScript walk, in batches and one row at a time", () => {
    const n = 3001; // not a multiple of 4: the walk kernel's remainder loop runs too
    const p = 6;
    const { X, y, labels } = data(n, p, 11);
    const matrix = { data: X, rows: n, cols: p };
    const models = [
      new GradientBoostingRegressor({ nEstimators: 40, maxDepth: 5, seed: 1 }).fit(matrix, y, { categoricalFeatures: [0] }),
      new GradientBoostingClassifier({ nEstimators: 25, maxLeaves: 15, maxDepth: 64, seed: 2 }).fit(matrix, labels, { categoricalFeatures: [0] }),
      // Numeric only (the fixed-depth walk kernel), uneven depths, missing values.
      new GradientBoostingRegressor({ nEstimators: 30, maxLeaves: 9, maxDepth: 64, seed: 3 }).fit(matrix, y),
    ];
    for (const model of models) {
      const forest = model.forest;
      const fast = predictRaw(forest, X, n);
      const reference = predictRawJs(forest, X, n);
      assert.equal(fast.length, reference.length);
      for (let i = 0; i < fast.length; i++) assert.ok(Object.is(fast[i], reference[i]), `score ${i}: ${fast[i]} vs ${reference[i]}`);
      const K = forest.nOutputs;
      const a = new Float64Array(K);
      const b = new Float64Array(K);
      for (let i = 0; i < 200; i++) {
        predictRowRaw(forest, X, i * p, a);
        predictRowRawJs(forest, X, i * p, b);
        for (let k = 0; k < K; k++) {
          assert.ok(Object.is(a[k], b[k]), `row ${i} output ${k}`);
          assert.ok(Object.is(a[k], reference[k * n + i]), `row ${i} output ${k} vs batch`);
        }
      }
    }
  });

  it("sends unseen categories right and missing values their learned way", () => {
    const n = 2000;
    const p = 3;
    const { X, y } = data(n, p, 5);
    const model = new GradientBoostingRegressor({ nEstimators: 10, maxDepth: 3 }).fit({ data: X, rows: n, cols: p }, y, { categoricalFeatures: [0] });
    const odd = Float64Array.of(99, NaN, NaN, -2, 0.5, NaN, 3, NaN, 1e300);
    assert.deepEqual(Array.from(predictRaw(model.forest, odd, 3)), Array.from(predictRawJs(model.forest, odd, 3)));
  });
});
