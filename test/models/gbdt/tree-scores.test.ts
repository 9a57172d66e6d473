// The validation scores the boosting loop keeps walk the validation rows through each tree on
// their bins, not their raw values: they must be exactly the scores the fitted model predicts
// from raw values — categories the training rows never had, missing values, many categories
// grouped into bins, row subsampling and several outputs included.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng, type Matrix } from "../../../src/core/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "../../../src/models/index.js";
import { createMetric } from "../../../src/models/gbdt/metrics.js";

/**
 * Columns: a category among `levels` (codes that are multiples of 7 never occur in training), a
 * category among 6 (sometimes missing), a number (sometimes missing). Validation rows also hold
 * the never-seen codes and codes beyond the training dictionary.
 */
function data(seed: number, n: number, levels: number, validation: boolean): { X: Matrix; y: Float64Array } {
  const rng = new Rng(seed);
  const effect = Float64Array.from({ length: levels + 20 }, (_, c) => Math.sin(c));
  const X = new Float64Array(3 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let c = rng.int(levels);
    if (!validation && c % 7 === 0) c = (c + 1) % levels;
    if (validation && rng.next() < 0.1) c = levels + rng.int(20);
    const d = rng.next() < 0.1 ? NaN : rng.int(6);
    const x = rng.next() < 0.1 ? NaN : rng.normal();
    X.set([c, d, x], 3 * i);
    y[i] = effect[c] + (d === d ? 0.3 * d : 1) + (x === x ? x : -1) + 0.2 * rng.normal();
  }
  return { X: { data: X, rows: n, cols: 3 }, y };
}

describe("validation scores during training", () => {
  for (const levels of [40, 300]) {
    for (const maxBins of [256, 32]) {
      test(`regression: ${levels} categories, maxBins ${maxBins}, subsampled rows`, () => {
        const train = data(1, 2000, levels, false);
        const valid = data(2, 600, levels, true);
        // The Matrix names codes 0..max by themselves: with code levels - 1 present, validation
        // codes from `levels` on are unseen by name, and multiples of 7 are named but absent.
        train.X.data[0] = levels - 1;
        const params = { nEstimators: 12, maxBins, subsample: 0.7, maxDepth: 5, learningRate: 0.3 };
        const model = new GradientBoostingRegressor(params).fit(train.X, train.y, { categoricalFeatures: [0, 1], evalSet: valid });
        const rmse = createMetric("rmse").evaluate(valid.y, model.predict(valid.X), null, 1);
        assert.equal(model.info.validScores.length, 12);
        assert.equal(model.info.validScores.at(-1), rmse);
      });
    }
  }

  test("three classes: every output's scores", () => {
    const train = data(3, 1500, 60, false);
    const valid = data(4, 500, 60, true);
    const label = (y: Float64Array): number[] => Array.from(y, (v) => (v > 1 ? 2 : v > 0 ? 1 : 0));
    const model = new GradientBoostingClassifier({ nEstimators: 8, subsample: 0.8, maxDepth: 4 }).fit(train.X, label(train.y), {
      categoricalFeatures: [0, 1],
      evalSet: { X: valid.X, y: label(valid.y) },
    });
    const proba = model.predictProba(valid.X);
    // mlogloss reads class-major probabilities: class k of row i at k·n + i.
    const n = valid.X.rows;
    const classMajor = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) classMajor[k * n + i] = proba.data[3 * i + k];
    const codes = Float64Array.from(label(valid.y), (c) => model.classes.indexOf(c));
    assert.equal(model.info.validScores.at(-1), createMetric("mlogloss").evaluate(codes, classMajor, null, 3));
  });
});
