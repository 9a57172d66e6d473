// train() end to end on real data (a slice of the bundled adult census, and California housing):
// the choices it explains, a leaderboard that is really ordered, a budget it keeps, held-back
// scores with intervals, a bundle that predicts the same after a round trip, and clear errors for
// the bad inputs a user meets first.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../src/core/index.js";
import { Frame, read } from "../../src/data/index.js";
import { bundleFromResult, decodeBundle, encodeBundle, train, type TrainResult } from "../../src/automl/index.js";

const root = new URL("../../", import.meta.url).pathname;
const adultAll = await read(`${root}data/adult.csv.gz`);
const adult = adultAll.take(new Rng(3).sample(adultAll.nRows, 3000));
const housingAll = await read(`${root}../shared/datasets/california-housing/housing.csv.gz`);

function column(frame: Frame, name: string, values: Float64Array): Frame {
  return frame.with(name, { kind: "numeric", values });
}

describe("train() on adult (classification)", () => {
  const started = performance.now();
  // The validation named, so the search keeps all five folds whatever the machine's speed.
  const result = train({ data: adult, target: "income", budgetSeconds: 20, maxTrials: 4, seed: 7, validation: "kfold:5" });
  const seconds = (performance.now() - started) / 1000;

  test("explains the task, metric and validation it chose", () => {
    assert.equal(result.task, "classification");
    assert.match(result.taskReason, /categorical with 2 values/);
    assert.deepEqual(result.classes, ["<=50K", ">50K"]);
    assert.equal(result.metric.name, "auc");
    assert.equal(result.validation.kind, "kfold");
    assert.equal(result.nTrainRows + result.nTestRows, 3000, "a fifth held back, the rest trained on");
    assert.ok(Math.abs(result.nTestRows - 600) <= 2);
  });

  test("ranks candidates by their cross-validated score, the baseline at chance", () => {
    const scores = result.leaderboard.map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    const baseline = result.leaderboard.find((r) => r.family === "baseline");
    assert.ok(baseline && Math.abs(baseline.score - 0.5) < 1e-12, "the prior has AUC 0.5 on every fold");
    assert.ok(result.leaderboard[0].score > 0.85, `best cv AUC ${result.leaderboard[0].score}`);
    for (const row of result.leaderboard) assert.equal(row.foldScores.length, 5);
  });

  test("keeps to its budget and scores the held-back rows with an interval", () => {
    assert.ok(seconds < 20 * 1.05, `took ${seconds} s of a 20 s budget`);
    const t = result.test;
    assert.ok(t.score > 0.85 && t.score < 1);
    assert.ok(t.interval[0] <= t.score && t.score <= t.interval[1] && t.interval[1] - t.interval[0] < 0.1);
    assert.equal(t.nRows, result.nTestRows);
  });

  test("predicts labels with the tuned threshold and probabilities that sum to 1", () => {
    const p = result.predictor.predictProba(adult.head(50));
    for (let i = 0; i < 50; i++) assert.ok(Math.abs(p.data[2 * i] + p.data[2 * i + 1] - 1) < 1e-9);
    const labels = result.predictor.predict(adult.head(50)) as string[];
    const threshold = result.threshold!;
    labels.forEach((label, i) => assert.equal(label, p.data[2 * i + 1] > threshold ? ">50K" : "<=50K"));
  });

  test("the bundle round-trips to identical predictions and keeps what serving needs", () => {
    const bundle = bundleFromResult(result, adult, { packageVersion: "0.0.0-test", createdAt: "2026-01-01T00:00:00.000Z" });
    const loaded = decodeBundle(encodeBundle(bundle));
    assert.deepEqual(loaded.predictor.predictProba(adult).data, result.predictor.predictProba(adult).data);
    assert.deepEqual(loaded.predictor.predict(adult), result.predictor.predict(adult));
    assert.deepEqual(encodeBundle(loaded), encodeBundle(bundle), "re-encoding gives the same bytes");
    const age = loaded.signature.find((c) => c.name === "age")!;
    assert.equal(age.kind, "integer");
    assert.ok(age.range![0] >= 17 && age.range![1] <= 90);
    const workclass = loaded.signature.find((c) => c.name === "workclass")!;
    assert.ok(workclass.categories!.includes("Private") && workclass.nullable);
    assert.match(loaded.lineage.dataFingerprint, /^[0-9a-f]{16}$/);
    assert.equal(loaded.metrics.test, result.test.score);
    const ref = loaded.reference.find((c) => c.name === "workclass")!;
    assert.ok(ref.shares && Math.abs(Object.values(ref.shares).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });

  test("predicting from a frame without a column the model reads names the column", () => {
    assert.throws(() => result.predictor.predict(adult.drop(["age"])), /lacks 1 column the model reads: age/);
  });
});

describe("train() on California housing (regression)", () => {
  const housing = housingAll.take(new Rng(5).sample(housingAll.nRows, 2500));
  const result: TrainResult = train({ data: housing, target: "median_house_value", budgetSeconds: 15, maxTrials: 3, seed: 3 });

  test("chooses regression and RMSE, and beats the mean by far", () => {
    assert.equal(result.task, "regression");
    assert.equal(result.metric.name, "rmse");
    const baseline = result.leaderboard.find((r) => r.family === "baseline")!;
    assert.ok(result.leaderboard[0].score < 0.7 * baseline.score, `${result.leaderboard[0].score} vs mean ${baseline.score}`);
    assert.equal(result.threshold, null);
  });
});

describe("train() with a categorical of many levels", () => {
  // 400 levels, more than boosting splits natively: the model reads them as their sorted rank. The
  // target rises with the rank, so a model that reads the column well ranks rows well.
  const n = 3000;
  const rng = new Rng(11);
  const levels = Array.from({ length: 400 }, (_, k) => `d${String(k).padStart(3, "0")}`);
  const codes = Int32Array.from({ length: n }, () => rng.int(400));
  const noise = Float64Array.from({ length: n }, () => rng.next());
  const y = Float64Array.from(codes, (c, i) => (c / 400 + 0.6 * noise[i] > 0.8 ? 1 : 0));
  const frame = Frame.fromColumns({
    code: { kind: "categorical", codes, categories: levels },
    noise: { kind: "numeric", values: Float64Array.from({ length: n }, () => rng.next()) },
    y: { kind: "numeric", values: y },
  });
  const result = train({ data: frame, target: "y", task: "classification", families: ["gradient-boosting"], budgetSeconds: 20, maxTrials: 2, seed: 2 });

  test("boosts the many-level column as ranks, and ranks rows well", () => {
    const member = result.predictor.members[0];
    assert.equal(member.family, "gradient-boosting");
    assert.ok(member.pipeline !== null, "the ranks come from a feature pipeline kept with the model");
    assert.deepEqual((member.model as { featureNames: readonly string[] }).featureNames, ["code", "noise"], "the model's features keep the columns' names");
    assert.ok(result.test.score > 0.85, `test AUC ${result.test.score}`);
  });

  test("the bundle round-trips to identical predictions, a level never seen included", () => {
    const bundle = bundleFromResult(result, frame, { packageVersion: "0.0.0-test", createdAt: "2026-01-01T00:00:00.000Z" });
    const loaded = decodeBundle(encodeBundle(bundle));
    const later = Frame.fromColumns({
      code: { kind: "categorical", codes: Int32Array.of(0, 1, 2, -1), categories: ["d399", "zzz-new", "d000"] },
      noise: { kind: "numeric", values: Float64Array.of(0.5, 0.5, 0.5, 0.5) },
    });
    const p = result.predictor.predictProba(later).data;
    assert.deepEqual(loaded.predictor.predictProba(later).data, p);
    assert.ok(p[1] > p[5], "the highest level is more likely positive than the lowest");
  });
});

describe("train() refuses or repairs bad input, and says so", () => {
  const small = adult.head(400);

  test("a target with one value", () => {
    const constant = column(small, "y", new Float64Array(small.nRows).fill(3));
    assert.throws(() => train({ data: constant, target: "y", budgetSeconds: 5 }), /single value \(3\) on all 400 rows/);
  });

  test("a target that is not there names the columns", () => {
    assert.throws(() => train({ data: small, target: "incme", budgetSeconds: 5 }), /Target column "incme" is not in the data: columns are age, workclass/);
  });

  test("a text target for regression", () => {
    assert.throws(() => train({ data: small, target: "income", task: "regression", budgetSeconds: 5 }), /regression needs numbers/);
  });

  test("rows without a target are dropped, and the result says how many", () => {
    const values = Float64Array.from({ length: small.nRows }, (_, i) => (i % 10 === 0 ? NaN : (small.column("age") as { values: Float64Array }).values[i] * 2 + (i % 7)));
    const result = train({ data: column(small, "y", values), target: "y", budgetSeconds: 6, maxTrials: 2 });
    assert.ok(result.warnings.some((w) => w.startsWith("40 rows have no value for \"y\"")), result.warnings.join("; "));
    assert.equal(result.nTrainRows + result.nTestRows, 360);
  });

  test("a class with one row cannot be validated", () => {
    const labels = small.column("income");
    assert.equal(labels.kind, "categorical");
    const y = Float64Array.from({ length: small.nRows }, (_, i) => (i === 5 ? 2 : i % 2));
    assert.throws(() => train({ data: column(small, "y3", y), target: "y3", task: "classification", budgetSeconds: 5, exclude: ["income"] }), /Class 2 of the target has a single row/);
  });

  test("only constant and identifier columns: no features left", () => {
    const frame = Frame.fromColumns({
      c: { kind: "numeric", values: new Float64Array(50).fill(1) },
      y: { kind: "numeric", values: Float64Array.from({ length: 50 }, (_, i) => i % 3) },
    });
    assert.throws(() => train({ data: frame, target: "y", budgetSeconds: 5 }), /No usable feature columns.*c \(constant\)/);
  });

  test("a budget too short for a search still returns a model", () => {
    const result = train({ data: small, target: "income", budgetSeconds: 0.05 });
    assert.ok(result.leaderboard.length >= 1);
    assert.ok(result.predictor.members.length >= 1);
    assert.notEqual(result.predictor.members[0].family, "baseline", "a real model, however small");
    assert.ok(result.test.score > 0.6, `test AUC ${result.test.score}`);
  });
});

describe("train() with refitFrom", () => {
  const first = train({ data: adult, target: "income", budgetSeconds: 10, maxTrials: 2, seed: 7 });
  const newer = adultAll.take(new Rng(4).sample(adultAll.nRows, 2000));

  test("retrains the same members and settings on new data, without a search", () => {
    const again = train({ data: newer, target: "income", refitFrom: first.predictor, seed: 7 });
    assert.equal(again.trials.length, 0);
    assert.deepEqual(
      again.predictor.members.map((m) => [m.family, m.weight, m.config, m.iterations]),
      first.predictor.members.map((m) => [m.family, m.weight, m.config, m.iterations]),
    );
    assert.notDeepEqual(again.predictor.predictProba(adult.head(20)).data, first.predictor.predictProba(adult.head(20)).data, "new data, new model");
    assert.ok(again.test.score > 0.85);
  });

  test("refuses new data without a column the model reads, or another target", () => {
    assert.throws(() => train({ data: newer.drop(["age"]), target: "income", refitFrom: first.predictor }), /lacks age/);
    assert.throws(() => train({ data: newer, target: "sex", refitFrom: first.predictor }), /predicts "income", not "sex"/);
  });
});

describe("a yes/no column read as another kind later", () => {
  const n = 600;
  const rng = new Rng(9);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const flagCodes = Int32Array.from({ length: n }, (_, i) => (x[i] > 0.5 ? 1 : i % 3 === 0 ? 2 : 0));
  const y = Float64Array.from({ length: n }, (_, i) => 2 * x[i] + (flagCodes[i] === 1 ? 1 : 0) + 0.1 * rng.normal());
  const data = Frame.fromColumns({
    x: { kind: "numeric", values: x },
    flag: { kind: "categorical", codes: flagCodes, categories: ["No", "Yes", "Steady"] },
    y: { kind: "numeric", values: y },
  });
  const result = train({ data, target: "y", budgetSeconds: 8, maxTrials: 2, families: ["baseline", "gradient-boosting"] });

  test("a test file holding only yes and no (read as boolean) predicts as the categories it spells", () => {
    const rows = Int32Array.from({ length: 50 }, (_, i) => i).filter((i) => flagCodes[i] !== 2);
    const asCategories = data.take(rows);
    const flags = asCategories.column("flag") as { codes: Int32Array };
    const asBooleans = asCategories.with("flag", { kind: "boolean", values: Int8Array.from(flags.codes, (c) => (c === 1 ? 1 : 0)) });
    assert.deepEqual(result.predictor.predict(asBooleans), result.predictor.predict(asCategories));
  });
});
