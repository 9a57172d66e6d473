// Forests on real data slices against scikit-learn 1.2.1 (test/fixtures/forest), out-of-bag
// sanity, importances, thread-count independence and the errors a forest owes its caller.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { InvalidInput, matrix } from "../../../src/core/index.js";
import { ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor, decodeModel, encodeModel, type ForestClassifierModel } from "../../../src/models/index.js";
import { auc, californiaHousing, creditDefault } from "./real-data.js";

const reference = JSON.parse(readFileSync(new URL("../../fixtures/forest/sklearn-forests.json", import.meta.url), "utf8")) as {
  scores: Record<string, { accuracy?: number; auc?: number; rmse?: number }[]>;
};
const credit = creditDefault();
const housing = californiaHousing();
const SEEDS = [0, 1, 2];
const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const spread = (values: number[]): number => Math.sqrt(values.reduce((s, v) => s + (v - mean(values)) ** 2, 0) / (values.length - 1));
const rmse = (p: ArrayLike<number>, y: ArrayLike<number>): number => Math.sqrt(Array.from(y).reduce((s, v, i) => s + (v - p[i]) ** 2, 0) / y.length);

describe("forests score like scikit-learn's on real data (50 trees, minSamplesLeaf 2)", () => {
  for (const [name, Forest] of [["RandomForestClassifier", RandomForestClassifier], ["ExtraTreesClassifier", ExtraTreesClassifier]] as const) {
    test(`${name} on credit-default: accuracy and AUC within noise`, () => {
      const ours = SEEDS.map((seed) => {
        const model = new Forest({ nEstimators: 50, minSamplesLeaf: 2, seed }).fit(credit.train, credit.yTrain);
        const proba = model.predictProba(credit.test);
        const predicted = model.predict(credit.test);
        return {
          accuracy: predicted.filter((label, i) => label === credit.yTest[i]).length / credit.yTest.length,
          auc: auc(Array.from({ length: proba.rows }, (_, i) => proba.data[2 * i + 1]), credit.yTest),
        };
      });
      for (const metric of ["accuracy", "auc"] as const) {
        const theirs = reference.scores[name].map((s) => s[metric]!);
        const gap = Math.abs(mean(ours.map((s) => s[metric])) - mean(theirs));
        assert.ok(gap <= 3 * spread(theirs) + 0.005, `${metric}: ours ${mean(ours.map((s) => s[metric])).toFixed(4)} vs scikit-learn ${mean(theirs).toFixed(4)} ± ${spread(theirs).toFixed(4)}`);
      }
    });
  }
  for (const [name, Forest] of [["RandomForestRegressor", RandomForestRegressor], ["ExtraTreesRegressor", ExtraTreesRegressor]] as const) {
    test(`${name} on california-housing: RMSE within noise`, () => {
      const ours = SEEDS.map((seed) => rmse(new Forest({ nEstimators: 50, minSamplesLeaf: 2, seed }).fit(housing.train, housing.yTrain).predict(housing.test), housing.yTest));
      const theirs = reference.scores[name].map((s) => s.rmse!);
      const gap = Math.abs(mean(ours) - mean(theirs));
      assert.ok(gap <= 3 * spread(theirs) + 0.005 * mean(theirs), `RMSE: ours ${mean(ours).toFixed(4)} vs scikit-learn ${mean(theirs).toFixed(4)} ± ${spread(theirs).toFixed(4)}`);
    });
  }
});

describe("out-of-bag estimates", () => {
  test("the OOB accuracy is close to the held-out accuracy, and OOB probabilities are probabilities", () => {
    const model = new RandomForestClassifier({ nEstimators: 60, oobScore: true, seed: 3 }).fit(credit.train, credit.yTrain);
    const heldOut = model.predict(credit.test).filter((label, i) => label === credit.yTest[i]).length / credit.yTest.length;
    assert.ok(model.oobScore !== null && Math.abs(model.oobScore - heldOut) < 0.04, `OOB ${model.oobScore} vs held out ${heldOut}`);
    const oob = model.info.oobPrediction!;
    assert.equal(oob.length, 2 * credit.train.rows);
    for (let i = 0; i < credit.train.rows; i++) {
      if (Number.isNaN(oob[2 * i])) continue;
      assert.ok(Math.abs(oob[2 * i] + oob[2 * i + 1] - 1) < 1e-9, `row ${i}: OOB probabilities sum to ${oob[2 * i] + oob[2 * i + 1]}`);
    }
    // Not the training fit: OOB accuracy is well below the (near perfect) training accuracy.
    const train = model.predict(credit.train).filter((label, i) => label === credit.yTrain[i]).length / credit.train.rows;
    assert.ok(train - model.oobScore! > 0.1, `training accuracy ${train} vs OOB ${model.oobScore}`);
  });

  test("the OOB R² of a regressor is plausible and below the training R²; with 3 trees some rows have no OOB prediction", () => {
    const model = new RandomForestRegressor({ nEstimators: 40, oobScore: true, maxFeatures: 0.5, seed: 1 }).fit(housing.train, housing.yTrain);
    const p = model.predict(housing.train);
    const y = Array.from(housing.yTrain);
    const m = mean(y);
    const trainR2 = 1 - y.reduce((s, v, i) => s + (v - p[i]) ** 2, 0) / y.reduce((s, v) => s + (v - m) ** 2, 0);
    assert.ok(model.oobScore! > 0.6 && model.oobScore! < trainR2 - 0.05, `OOB R² ${model.oobScore} vs training R² ${trainR2}`);
    const few = new RandomForestRegressor({ nEstimators: 3, oobScore: true, seed: 1 }).fit(housing.train, housing.yTrain);
    const missing = Array.from(few.info.oobPrediction!).filter(Number.isNaN).length;
    assert.ok(missing > 0 && few.info.warnings.some((w) => w.includes(`${missing} of 2000 rows`)), `${missing} rows without OOB: ${few.info.warnings}`);
    assert.ok(Number.isFinite(few.oobScore!));
  });

  test("oobScore without bootstrap is refused", () => {
    assert.throws(() => new ExtraTreesRegressor({ nEstimators: 3, oobScore: true }).fit(housing.train, housing.yTrain), (e: unknown) => e instanceof InvalidInput && /bootstrap/.test(e.message));
  });
});

describe("forest structure", () => {
  test("importances are non-negative, sum to 1, and rank the informative feature first", () => {
    const n = 600;
    const data = new Float64Array(n * 4);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < 4; f++) data[i * 4 + f] = ((i * (f + 7) * 7919) % 1000) / 1000;
      y[i] = 3 * data[i * 4 + 2] + 0.3 * data[i * 4];
    }
    const model = new RandomForestRegressor({ nEstimators: 20, maxFeatures: "sqrt", seed: 5 }).fit(matrix(data, { rows: n, cols: 4 }), y);
    const importances = model.featureImportances;
    assert.ok(Math.abs(importances.reduce((s, v) => s + v, 0) - 1) < 1e-12);
    assert.ok(importances.every((v) => v >= 0));
    assert.equal(importances.indexOf(Math.max(...importances)), 2);
  });

  test("the forest is bit-identical for 1, 2 and 3 worker threads", () => {
    const fit = (nThreads: number) => new RandomForestClassifier({ nEstimators: 12, maxDepth: 8, seed: 9, nThreads }).fit(credit.train, credit.yTrain);
    // The params differ (nThreads): compare the trees and the predictions.
    const one = fit(1);
    for (const threads of [2, 3]) {
      const other = fit(threads);
      assert.deepEqual(other.trees, one.trees, `${threads} threads grew another forest`);
      assert.deepEqual(other.predictProba(credit.test), one.predictProba(credit.test));
    }
    const extra = (nThreads: number) => new ExtraTreesRegressor({ nEstimators: 6, seed: 2, nThreads }).fit(housing.train, housing.yTrain).trees;
    assert.deepEqual(extra(2), extra(1));
  });

  test("seeds matter: two seeds give two forests; bootstrap trees differ from each other", () => {
    const a = new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fit(credit.train, credit.yTrain);
    const b = new RandomForestClassifier({ nEstimators: 5, seed: 2 }).fit(credit.train, credit.yTrain);
    assert.notDeepEqual(Array.from(a.predictProba(credit.test).data), Array.from(b.predictProba(credit.test).data));
    assert.notEqual(a.trees[0].nNodes === a.trees[1].nNodes && a.trees[0].threshold[0] === a.trees[1].threshold[0], true);
    const round = decodeModel(encodeModel(a)) as ForestClassifierModel;
    assert.deepEqual(round.predict(credit.test), a.predict(credit.test));
  });

  test("bad input: NaN in X, maxFeatures out of range, maxSamples without bootstrap or above n", () => {
    const X = matrix(Float64Array.from(credit.train.data), { rows: credit.train.rows, cols: credit.train.cols });
    X.data[5 * X.cols + 2] = NaN;
    assert.throws(() => new RandomForestClassifier({ nEstimators: 2 }).fit(X, credit.yTrain), /missing \(NaN\) at row 5, feature 2/);
    assert.throws(() => new RandomForestClassifier({ maxFeatures: 1.5 }), /maxFeatures/);
    assert.throws(() => new RandomForestClassifier({ nEstimators: 2, maxFeatures: 40 }).fit(credit.train, credit.yTrain), /maxFeatures is 40 but X has only 23/);
    assert.throws(() => new ExtraTreesClassifier({ nEstimators: 2, maxSamples: 0.5 }).fit(credit.train, credit.yTrain), /bootstrap/);
    assert.throws(() => new RandomForestClassifier({ nEstimators: 2, maxSamples: 5000 }).fit(credit.train, credit.yTrain), /maxSamples is 5000 but X has 2000 rows/);
    const model = new RandomForestClassifier({ nEstimators: 2 }).fit(credit.train, credit.yTrain);
    const bad = matrix(Float64Array.from(credit.test.data), { rows: credit.test.rows, cols: credit.test.cols });
    bad.data[3] = Infinity;
    assert.throws(() => model.predict(bad), /Infinity at row 0, feature 3/);
  });
});
