// crossValidate with gradient boosting on real data slices: out-of-fold predictions cover every row
// once, in row order, and are the fold models' own predictions; fold scores are the metric on them;
// results do not depend on nThreads. Data: "Default of Credit Card Clients" (Yeh & Lien 2009, UCI,
// CC BY 4.0) and California Housing (Pace & Barry 1997, StatLib), from ../shared/datasets.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import { InvalidInput, type Matrix } from "../../src/core/index.js";
import { read, type Frame } from "../../src/data/index.js";
import { crossValidate, type Scorer } from "../../src/evaluate/cross-validate/index.js";
import { kFold, stratifiedKFold } from "../../src/evaluate/split/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "../../src/models/index.js";

const ROOT = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));

const accuracy: Scorer = {
  name: "accuracy",
  greaterIsBetter: true,
  metric: (y, p, w) => {
    let right = 0;
    let total = 0;
    for (let i = 0; i < (y as ArrayLike<unknown>).length; i++) {
      const wi = w ? w[i] : 1;
      total += wi;
      if ((p as ArrayLike<unknown>)[i] === (y as ArrayLike<unknown>)[i]) right += wi;
    }
    return right / total;
  },
};
const logLoss: Scorer = {
  name: "logLoss",
  greaterIsBetter: false,
  response: "positive-proba",
  metric: (y, p) => {
    const yy = y as ArrayLike<number>;
    const pp = p as Float64Array;
    let sum = 0;
    for (let i = 0; i < yy.length; i++) sum -= Math.log(Math.max(1e-15, yy[i] === 1 ? pp[i] : 1 - pp[i]));
    return sum / yy.length;
  },
};
const rmse: Scorer = {
  name: "rmse",
  greaterIsBetter: false,
  metric: (y, p) => {
    const yy = y as ArrayLike<number>;
    const pp = p as Float64Array;
    let ss = 0;
    for (let i = 0; i < yy.length; i++) ss += (yy[i] - pp[i]) ** 2;
    return Math.sqrt(ss / yy.length);
  },
};

let credit: { X: Matrix; y: number[] };
let housing: { X: Frame; y: Float64Array };

before(async () => {
  const frame = (await read(ROOT + "credit-default/UCI_Credit_Card.csv.gz")).head(1500);
  const features = frame.names.filter((c) => c !== "ID" && c !== "Y");
  credit = { X: frame.toMatrix(features), y: Array.from({ length: frame.nRows }, (_, i) => Number(frame.row(i).Y)) };
  const houses = (await read(ROOT + "california-housing/housing.csv.gz")).head(1200);
  const target = houses.column("median_house_value") as { values: Float64Array };
  housing = { X: houses.drop(["median_house_value"]), y: target.values };
});

const classifier = (nThreads?: number) => new GradientBoostingClassifier({ nEstimators: 15, maxDepth: 3, learningRate: 0.2, ...(nThreads ? { nThreads } : {}) });

describe("crossValidate on a classifier", () => {
  test("out-of-fold predictions cover each row once and are the fold models' own", () => {
    const cv = crossValidate(classifier(), credit.X, credit.y, { cv: 4, scoring: [accuracy, logLoss], returnModels: true });
    const oof = cv.outOfFold!;
    assert.equal(cv.folds.length, 4);
    assert.deepEqual(oof.classes, [0, 1]);
    const tested = new Int32Array(credit.y.length);
    cv.folds.forEach((fold, f) => {
      const model = cv.models![f];
      const rows = { data: new Float64Array(fold.test.length * credit.X.cols), rows: fold.test.length, cols: credit.X.cols };
      fold.test.forEach((i, j) => rows.data.set(credit.X.data.subarray(i * credit.X.cols, (i + 1) * credit.X.cols), j * credit.X.cols));
      const proba = model.predictProba(rows);
      const labels = model.predict(rows);
      fold.test.forEach((i, j) => {
        tested[i]++;
        assert.equal(oof.fold[i], f);
        assert.equal(oof.prediction[i], labels[j]);
        assert.equal(oof.proba!.data[2 * i + 1], proba.data[2 * j + 1]);
      });
      // The fold's test score is the metric on its out-of-fold rows.
      const right = [...fold.test].filter((i) => oof.prediction[i] === credit.y[i]).length;
      assert.equal(cv.scores.accuracy.test[f], right / fold.test.length);
    });
    assert.ok(tested.every((c) => c === 1));
    // Stratified by default for a classifier: each fold holds its share of defaults.
    const defaults = credit.y.filter((v) => v === 1).length;
    for (const fold of cv.folds) assert.ok(Math.abs([...fold.test].filter((i) => credit.y[i] === 1).length - defaults / 4) < 1);
    assert.ok(cv.scores.accuracy.mean > 0.7 && cv.scores.accuracy.mean <= 1);
    assert.ok([...cv.scores.logLoss.train].every((v, f) => v < cv.scores.logLoss.test[f] + 0.05), "train loss is not far above test loss");
    assert.ok(cv.fitTime.every((t) => t > 0) && cv.scoreTime.every((t) => t >= 0));
  });

  test("results are identical whatever nThreads the estimator is given", () => {
    const folds = stratifiedKFold(credit.y, { nSplits: 3, shuffle: true, seed: 5 });
    const one = crossValidate(classifier(), credit.X, credit.y, { cv: folds, scoring: logLoss, nThreads: 1 });
    const two = crossValidate(classifier(), credit.X, credit.y, { cv: folds, scoring: logLoss, nThreads: 2 });
    assert.deepEqual(one.scores.logLoss.test, two.scores.logLoss.test);
    assert.deepEqual(one.outOfFold!.proba!.data, two.outOfFold!.proba!.data);
  });

  test("sample weights reach the fit and the score", () => {
    const w = credit.y.map((v) => (v === 1 ? 3 : 1));
    const plain = crossValidate(classifier(), credit.X, credit.y, { cv: 3, scoring: accuracy });
    const weighted = crossValidate(classifier(), credit.X, credit.y, { cv: 3, scoring: accuracy, sampleWeight: w });
    assert.notDeepEqual(plain.scores.accuracy.test, weighted.scores.accuracy.test);
    const positives = (i: number) => weighted.outOfFold!.proba!.data[2 * i + 1];
    const mean = (o: typeof plain) => credit.y.reduce((s, _, i) => s + o.outOfFold!.proba!.data[2 * i + 1], 0) / credit.y.length;
    assert.ok(mean(weighted) > mean(plain), "up-weighting defaults raises their predicted probability");
    assert.ok(positives(0) >= 0 && positives(0) <= 1);
  });

  test("a class missing from a fold's train rows gets a zero probability column", () => {
    const y = credit.y.map((v, i) => (i < 30 ? "rare" : v === 1 ? "default" : "paid"));
    const folds = [{ train: Int32Array.from({ length: 1470 }, (_, i) => i + 30), test: Int32Array.from({ length: 30 }, (_, i) => i) }];
    const cv = crossValidate(classifier(), credit.X, y, { cv: folds, scoring: accuracy });
    const oof = cv.outOfFold!;
    assert.deepEqual(oof.classes, ["default", "paid", "rare"]);
    for (let i = 0; i < 30; i++) assert.equal(oof.proba!.data[3 * i + 2], 0);
    assert.ok(Number.isNaN(oof.proba!.data[3 * 40]) && oof.fold[40] === -1 && oof.prediction[40] === null, "untested rows stay empty");
  });
});

describe("crossValidate on a regressor (a Frame with a categorical column and missing values)", () => {
  test("kFold by default, out-of-fold values in row order, groups keep rows together", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 20, maxDepth: 3 });
    const cv = crossValidate(model, housing.X, housing.y, { cv: 5, scoring: rmse, returnTrainScore: false });
    assert.deepEqual(cv.folds.map((f) => [...f.test]), kFold(housing.y.length, { nSplits: 5 }).map((f) => [...f.test]));
    const oof = cv.outOfFold!;
    assert.equal(oof.proba, null);
    assert.ok(oof.prediction instanceof Float64Array && oof.prediction.every(Number.isFinite));
    cv.folds.forEach((fold, f) => {
      const ss = [...fold.test].reduce((s, i) => s + (housing.y[i] - (oof.prediction as Float64Array)[i]) ** 2, 0);
      assert.ok(Math.abs(Math.sqrt(ss / fold.test.length) - cv.scores.rmse.test[f]) < 1e-6);
    });
    assert.equal(cv.scores.rmse.train.length, 0);
    const groups = Array.from({ length: housing.y.length }, (_, i) => Math.floor(i / 50));
    const grouped = crossValidate(model, housing.X, housing.y, { cv: 3, groups, scoring: rmse });
    for (const fold of grouped.folds) {
      const test = new Set([...fold.test].map((i) => groups[i]));
      assert.ok([...fold.train].every((i) => !test.has(groups[i])));
    }
  });

  test("repeated folds give no out-of-fold predictions; bad input is named", () => {
    const model = new GradientBoostingRegressor({ nEstimators: 5 });
    const folds = [...kFold(200, { nSplits: 2 }), ...kFold(200, { nSplits: 2, shuffle: true, seed: 1 })];
    const X = housing.X.head(200);
    assert.equal(crossValidate(model, X, housing.y.subarray(0, 200), { cv: folds, scoring: rmse }).outOfFold, null);
    assert.throws(() => crossValidate(model, X, housing.y, { scoring: rmse }), (e: unknown) => e instanceof InvalidInput && /y has 1200 values but X has 200 rows/.test(e.message));
    assert.throws(() => crossValidate(model, X, housing.y.subarray(0, 200), { cv: [{ train: Int32Array.of(0, 1), test: Int32Array.of(500) }], scoring: rmse }), /row 500/);
    assert.throws(() => crossValidate(model, X, housing.y.subarray(0, 200), { scoring: [rmse, rmse] }), /Two scorers are named "rmse"/);
    assert.throws(() => crossValidate(model, X, housing.y.subarray(0, 200), { cv: kFold(200, { nSplits: 2 }), scoring: { ...rmse, response: "proba" } }), /needs a model with predictProba/);
  });
});
