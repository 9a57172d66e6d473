// The feature pipeline end to end on real data — Adult (UCI, Becker & Kohavi 1996, CC BY 4.0) and
// Bike Sharing hourly (UCI, Fanaee-T & Gama 2013, CC BY 4.0), from ../shared/datasets — and on
// small frames for what transform must refuse or repair.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import {
  FeaturePipeline,
  FittedFeaturePipeline,
  Frame,
  OneHotEncoder,
  OrdinalEncoder,
  SimpleImputer,
  StandardScaler,
  TargetEncoder,
  linearPreset,
  read,
  treePreset,
  isMissingAt,
} from "../../src/index.js";
import { categorical, numeric, text } from "./columns.js";

const DATASETS = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe("feature pipeline on Adult", () => {
  let train: Frame;
  let testFrame: Frame;
  before(async () => {
    train = await read(`${DATASETS}adult/adult_data.csv.gz`);
    testFrame = await read(`${DATASETS}adult/adult_test.csv.gz`);
  });

  test("linear preset: named one-hot outputs, standardised numbers, no NaN, provenance", () => {
    const { pipeline, X } = new FeaturePipeline(linearPreset()).fitTransform(train, { target: "income" });
    assert.equal(X.rows, 32_561);
    assert.equal(X.cols, pipeline.featureNames.length);
    assert.ok(!pipeline.featureNames.some((n) => n.startsWith("income")), "the target is not a feature");
    for (const name of ["age", "workclass=Private", "workclass=(missing)", "native-country=(other)", "sex=Male"]) {
      assert.ok(pipeline.featureNames.includes(name), name);
    }
    assert.equal(pipeline.featureNames.filter((n) => n.startsWith("native-country=")).length, 20, "maxCategories 20, (other) included");
    assert.equal(pipeline.sources[pipeline.featureNames.indexOf("workclass=Private")], "workclass");
    assert.ok(X.data.every(Number.isFinite));
    const age = pipeline.featureNames.indexOf("age");
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < X.rows; r++) {
      sum += X.data[r * X.cols + age];
      squares += X.data[r * X.cols + age] ** 2;
    }
    assert.ok(Math.abs(sum / X.rows) < 1e-9 && Math.abs(squares / X.rows - 1) < 1e-9, "age has mean 0 and variance 1");
    // Without supervised steps the training matrix is just transform(train).
    assert.ok(sameBits(X.data, pipeline.transform(train).data));
  });

  test("the test file's own dictionary is aligned by name, and the round trip is exact", () => {
    const pipeline = new FeaturePipeline(linearPreset()).fit(train, { target: "income" });
    const X = pipeline.transform(testFrame);
    assert.equal(X.rows, 16_281);
    for (const r of [0, 1, 2, 100, 5000]) {
      const value = testFrame.row(r).occupation;
      const hot = pipeline.featureNames.filter((n, j) => n.startsWith("occupation=") && X.data[r * X.cols + j] === 1);
      assert.deepEqual(hot, [value === null ? "occupation=(missing)" : `occupation=${value}`], `row ${r}`);
    }
    const bytes = pipeline.encode();
    const back = FittedFeaturePipeline.decode(bytes);
    assert.deepEqual(back.featureNames, pipeline.featureNames);
    assert.ok(sameBits(back.transform(testFrame).data, X.data), "identical output after decoding");
    assert.deepEqual(back.encode(), bytes, "identical bytes when encoded again");
    const doc = pipeline.toJSON();
    assert.equal(doc.format, "orchard-features");
    assert.equal(doc.kind, "feature-pipeline");
    assert.equal(doc.version, 1);
  });

  test("tree preset keeps NaN for missing categories and numbers pass through", () => {
    const pipeline = new FeaturePipeline(treePreset()).fit(train, { target: "income" });
    const X = pipeline.transform(train);
    assert.equal(X.cols, 14);
    const j = pipeline.featureNames.indexOf("workclass");
    let nan = 0;
    for (let r = 0; r < X.rows; r++) if (Number.isNaN(X.data[r * X.cols + j])) nan++;
    assert.equal(nan, 1_836);
    const age = train.column("age");
    assert.equal(X.data[5 * X.cols + pipeline.featureNames.indexOf("age")], age.kind === "integer" ? age.values[5] : NaN);
  });

  test("target encoding in a pipeline: out of fold at fit, full-data encoding at transform, deterministic", () => {
    const config = { ...treePreset(), columns: { occupation: [new TargetEncoder({ smooth: 10, seed: 3 })] } };
    const a = new FeaturePipeline(config).fitTransform(train, { target: "income" });
    const b = new FeaturePipeline(config).fitTransform(train, { target: "income" });
    assert.ok(sameBits(a.X.data, b.X.data), "same seed, same training matrix");
    assert.deepEqual(a.pipeline.encode(), b.pipeline.encode());
    const j = a.pipeline.featureNames.indexOf("occupation.target");
    assert.ok(j >= 0);
    const full = a.pipeline.transform(train);
    let differ = 0;
    for (let r = 0; r < full.rows; r++) if (full.data[r * full.cols + j] !== a.X.data[r * a.X.cols + j]) differ++;
    assert.ok(differ > full.rows * 0.9, "training rows get out-of-fold encodings, not the full-data ones");
    const other = new FeaturePipeline({ ...config, columns: { occupation: [new TargetEncoder({ smooth: 10, seed: 4 })] } }).fit(train, { target: "income" });
    assert.ok(sameBits(other.transform(testFrame).data, a.pipeline.transform(testFrame).data), "the seed moves folds, not the transform");
  });
});

describe("feature pipeline on Bike Sharing (hourly)", () => {
  test("dteday becomes calendar parts; identifiers and leaky columns are left out; round trip", async () => {
    const bike = await read(`${DATASETS}bike-sharing/hour.csv.gz`);
    const { train, test: holdout } = bike.split({ test: 0.25, seed: 1 });
    const pipeline = new FeaturePipeline(linearPreset({ exclude: ["casual", "registered"] })).fit(train, { target: "cnt" });
    for (const name of ["dteday.year", "dteday.month_sin", "dteday.dayOfWeek", "dteday.dayOfYear_cos", "hr", "temp"]) assert.ok(pipeline.featureNames.includes(name), name);
    assert.ok(!pipeline.featureNames.includes("dteday.hour"), "a date's hour is constant: dropped");
    assert.ok(!pipeline.featureNames.some((n) => ["casual", "registered", "cnt", "instant"].includes(n)));
    assert.deepEqual(pipeline.options.dropped, [{ column: "instant", reason: "identifier" }]);
    const X = pipeline.transform(holdout);
    const tree = new FeaturePipeline(treePreset({ exclude: ["casual", "registered"] })).fit(train, { target: "cnt" });
    const raw = tree.transform(holdout);
    const first = new Date(holdout.row(0).dteday as string);
    assert.equal(raw.data[tree.featureNames.indexOf("dteday.dayOfYear")], (first.getTime() - Date.UTC(first.getUTCFullYear(), 0, 1)) / 86_400_000 + 1);
    assert.equal(raw.data[tree.featureNames.indexOf("dteday.year")], first.getUTCFullYear());
    const back = FittedFeaturePipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())));
    assert.ok(sameBits(back.transform(holdout).data, X.data));
  });
});

describe("transform refuses or repairs as configured", () => {
  const fitFrame = Frame.fromColumns({
    x: numeric([1, 2, 3, 4, 5, 6]),
    color: categorical(["red", "blue", "red", "green", "blue", "red"]),
    note: text(["a b", "c", "d e f", null, "g", "h"]),
  });
  const config = {
    numeric: [new StandardScaler()],
    categorical: [new OneHotEncoder({ handleUnknown: "error" })],
    optional: ["note"],
    text: [new OneHotEncoder({ maxCategories: 2 })],
  };

  test("an absent column: an error naming it, or all missing when optional (counted)", () => {
    const pipeline = new FeaturePipeline(config).fit(fitFrame);
    assert.throws(() => pipeline.transform(fitFrame.drop(["color"])), /lacks column "color"/);
    const X = pipeline.transform(fitFrame.drop(["note"]));
    assert.deepEqual(X.repairs, [{ column: "note", repair: "absent column read as missing", count: 6 }]);
  });

  test("an unseen category: error with row, column and value; or (other) / zeros, counted", () => {
    const later = fitFrame.with("color", categorical(["blue", "red", "purple", "red", "red", "red"]));
    assert.throws(() => new FeaturePipeline(config).fit(fitFrame).transform(later), /Column "color" has category "purple" at row 2, unseen at fit/);
    const lenient = new FeaturePipeline({ ...config, categorical: [new OneHotEncoder({ handleUnknown: "ignore" })] }).fit(fitFrame);
    const X = lenient.transform(later);
    const cols = lenient.featureNames.map((n, j) => [n, j] as const).filter(([n]) => n.startsWith("color="));
    assert.deepEqual(cols.map(([, j]) => X.data[2 * X.cols + j]), [0, 0, 0]);
    assert.deepEqual(cols.map(([, j]) => X.data[0 * X.cols + j]), [1, 0, 0], "blue, sorted first, in a frame whose dictionary starts with blue");
    assert.deepEqual(X.repairs, [{ column: "color", repair: "unseen category → zeros", count: 1 }]);
  });

  test("a wrong kind is refused; integer for numeric and text for categorical are read", () => {
    const pipeline = new FeaturePipeline(config).fit(fitFrame);
    assert.throws(() => pipeline.transform(fitFrame.with("x", categorical(["1", "2", "3", "4", "5", "6"]))), /Column "x" is categorical but was numeric/);
    const asInteger = fitFrame.with("x", { kind: "integer", values: Float64Array.of(1, 2, 3, 4, 5, 6) });
    assert.ok(sameBits(pipeline.transform(asInteger).data, pipeline.transform(fitFrame).data));
    const asText = fitFrame.with("color", text(["red", "blue", "red", "green", "blue", "red"]));
    const X = pipeline.transform(asText);
    assert.ok(sameBits(X.data, pipeline.transform(fitFrame).data));
    assert.deepEqual(X.repairs, [{ column: "color", repair: "text read as categorical", count: 6 }]);
  });

  test("NaN where no imputer was fitted: an error naming row and column, or imputed and counted", () => {
    const holey = fitFrame.with("x", numeric([1, 2, null, 4, null, 6]));
    assert.throws(() => new FeaturePipeline(config).fit(fitFrame).transform(holey), /Column "x" is missing at row 2 \(2 rows in all\)/);
    assert.throws(() => new FeaturePipeline(config).fit(holey), /Column "x" has 2 missing values and no imputer/);
    const imputing = new FeaturePipeline({ ...config, missing: "impute" }).fit(fitFrame);
    const X = imputing.transform(holey);
    const j = imputing.featureNames.indexOf("x");
    assert.equal(X.data[2 * X.cols + j], 0, "the median 3.5 standardises to 0");
    assert.deepEqual(X.repairs, [{ column: "x", repair: "missing imputed", count: 2 }]);
    const keeping = new FeaturePipeline({ ...config, missing: "keep" }).fit(fitFrame);
    assert.ok(Number.isNaN(keeping.transform(holey).data[2 * X.cols + j]));
  });

  test("infinite values and categorical columns without an encoder are refused at fit", () => {
    assert.throws(() => new FeaturePipeline(config).fit(fitFrame.with("x", numeric([1, Infinity, 3, 4, 5, 6]))), /Column "x" is Infinity at row 1/);
    assert.throws(() => new FeaturePipeline({ ...config, categorical: [new SimpleImputer({ strategy: "most_frequent" })] }).fit(fitFrame), /still categorical after its steps/);
    assert.throws(() => new FeaturePipeline({ ...config, columns: { x: [new OneHotEncoder(), new StandardScaler()] } }).fit(fitFrame), /OneHotEncoder cannot take column "x"|must be the last step/);
  });

  test("an imputer's indicator rides beside its column and missing values count as repairs", () => {
    const holey = fitFrame.with("x", numeric([1, null, 3, 4, null, 6]));
    const pipeline = new FeaturePipeline({ ...config, numeric: [new SimpleImputer({ strategy: "mean", addIndicator: true })] }).fit(holey);
    assert.deepEqual(pipeline.featureNames.slice(0, 2), ["x", "x.missing"]);
    const X = pipeline.transform(holey);
    assert.deepEqual([X.data[1 * X.cols], X.data[1 * X.cols + 1]], [3.5, 1]);
    assert.deepEqual(X.repairs, [{ column: "x", repair: "missing imputed", count: 2 }]);
    assert.ok(isMissingAt(holey.column("x"), 1), "the input frame is left untouched");
  });

  test("a configuration with unknown keys or non-transformers is refused, every problem at once", () => {
    assert.throws(
      () => new FeaturePipeline({ categoricals: [], numeric: [{ strategy: "median" }] } as never),
      /unknown key "categoricals".*numeric\[0\] is not a transformer/,
    );
  });

  test("a document of another version or an unknown step is refused", () => {
    const doc = new FeaturePipeline(config).fit(fitFrame).toJSON();
    assert.throws(() => FittedFeaturePipeline.fromJSON({ ...doc, version: 2 }), /Unsupported feature pipeline version 2/);
    const altered = JSON.parse(JSON.stringify(doc));
    altered.columns[0].steps[0].kind = "eval";
    assert.throws(() => FittedFeaturePipeline.fromJSON(altered), /unknown step kind "eval"/);
  });
});

describe("presets on every column kind", () => {
  const frame = Frame.fromColumns({
    amount: numeric([10, null, 30, 40, 25, 12, 8, null]),
    city: categorical(["oslo", "lima", null, "oslo", "pune", "lima", "oslo", "kobe"]),
    member: { kind: "boolean", values: Int8Array.of(1, 0, -1, 1, 1, 0, 0, 1) },
    joined: { kind: "datetime", values: Float64Array.from(["2021-03-01T08:00Z", "2021-06-11T09:30Z", "2022-01-05T17:00Z", "2021-12-24T00:00Z", "2022-07-14T12:00Z", "2021-02-28T23:00Z", "2022-10-01T06:00Z", "2021-05-05T05:05Z"], Date.parse) },
    review: text(["Great value", "bad", null, "great great", "ok", "Bad value", "fine", "great"]),
  });

  test("linear preset: finite outputs for every kind, and an exact round trip", () => {
    const pipeline = new FeaturePipeline(linearPreset({ textFeatures: 8 })).fit(frame);
    const names = pipeline.featureNames;
    for (const name of ["amount", "amount.missing", "city=oslo", "city=(missing)", "member", "joined.month_sin", "joined.hour_cos", "review.hash0", "review.hash7"]) assert.ok(names.includes(name), name);
    const X = pipeline.transform(frame);
    assert.ok(X.data.every(Number.isFinite), "no NaN reaches a linear model");
    assert.deepEqual(pipeline.inputs.find((f) => f.name === "city"), { name: "city", kind: "categorical", optional: false, categories: ["kobe", "lima", "oslo", "pune"] });
    const year = Array.from({ length: X.rows }, (_, r) => X.data[r * X.cols + names.indexOf("joined.year")]);
    const mean = year.reduce((a, b) => a + b, 0) / year.length;
    assert.ok(Math.abs(mean) < 1e-12 && Math.abs(year.reduce((a, v) => a + v * v, 0) / year.length - 1) < 1e-12, "each calendar part is standardised");
    const back = FittedFeaturePipeline.decode(pipeline.encode());
    assert.ok(sameBits(back.transform(frame).data, X.data));
    const later = frame.with("joined", { kind: "datetime", values: Float64Array.of(NaN, ...(frame.column("joined") as { values: Float64Array }).values.subarray(1)) });
    const Y = back.transform(later);
    assert.ok(Y.data.every(Number.isFinite), "a missing date at transform is imputed part by part");
    assert.ok(Y.repairs.some((r) => r.column === "joined.year" && r.repair === "missing imputed" && r.count === 1), JSON.stringify(Y.repairs));
  });

  test("tree preset: NaN kept, categories as codes, booleans as 0/1", () => {
    const pipeline = new FeaturePipeline(treePreset({ textFeatures: 4 })).fit(frame);
    const X = pipeline.transform(frame);
    const at = (r: number, name: string) => X.data[r * X.cols + pipeline.featureNames.indexOf(name)];
    assert.ok(Number.isNaN(at(1, "amount")) && Number.isNaN(at(2, "city")) && Number.isNaN(at(2, "member")));
    assert.deepEqual([at(0, "city"), at(1, "city"), at(4, "city"), at(7, "city")], [2, 1, 3, 0], "sorted codes: kobe 0, lima 1, oslo 2, pune 3");
    assert.equal(at(0, "member"), 1);
    const coded = new FeaturePipeline({ integer: [new OrdinalEncoder()] }).fit(Frame.fromColumns({ code: { kind: "integer", values: Float64Array.of(10, 2, 33, 2) } }));
    assert.deepEqual(Array.from(coded.transform(Frame.fromColumns({ code: numeric([2, 10, 33, 7]) })).data), [0, 1, 2, NaN], "integer categories sort as numbers");
    assert.equal(at(2, "joined.year"), 2022);
  });
});
