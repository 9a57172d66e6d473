// Our transformers against scikit-learn 1.2.1 on small random columns (fixtures made by
// test/fixtures/features/make_features_fixture.py): outputs agree to 1e-12.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import {
  HashingVectorizer,
  KBinsDiscretizer,
  MinMaxScaler,
  OneHotEncoder,
  OrdinalEncoder,
  RobustScaler,
  SimpleImputer,
  StandardScaler,
  murmur3String,
  type Column,
  type ColumnTransformer,
  type FittedBlock,
  type FittedStream,
} from "../../src/index.js";
import { categorical, close, numeric, text } from "./columns.js";

type Nums = (number | null)[];
const fixture = JSON.parse(readFileSync(new URL("../fixtures/features/features.json", import.meta.url), "utf8"));

function streamOut(step: FittedStream, column: Column): Float64Array {
  const out = step.apply(column, { name: "x" });
  assert.ok(out.kind === "numeric", `expected a numeric output, got ${out.kind}`);
  return out.values as Float64Array;
}

function blockOut(step: FittedBlock, column: Column): Float64Array {
  const rows = column.kind === "categorical" ? column.codes.length : column.values.length;
  const cols = step.outputSuffixes.length;
  const data = new Float64Array(rows * cols);
  step.write(column, { data, stride: cols, offset: 0 }, { name: "x" });
  return data;
}

/** Imputed values interleaved with the indicator, as scikit-learn lays out add_indicator. */
function withIndicator(step: FittedStream, column: Column): Float64Array {
  const values = streamOut(step, column);
  if (!step.sideSuffixes?.length) return values;
  const data = new Float64Array(values.length * 2);
  step.writeSide!(column, { data, stride: 2, offset: 1 }, { name: "x" });
  for (let i = 0; i < values.length; i++) data[2 * i] = values[i];
  return data;
}

const NUMERIC: Record<string, () => ColumnTransformer> = {
  "imputer-mean": () => new SimpleImputer({ strategy: "mean", addIndicator: true }),
  "imputer-median": () => new SimpleImputer({ strategy: "median" }),
  "imputer-most_frequent": () => new SimpleImputer({ strategy: "most_frequent" }),
  "imputer-constant": () => new SimpleImputer({ strategy: "constant", fillValue: 7.5 }),
  standard: () => new StandardScaler(),
  robust: () => new RobustScaler(),
  "robust-10-90": () => new RobustScaler({ quantileLow: 10, quantileHigh: 90 }),
  minmax: () => new MinMaxScaler(),
  "minmax-neg": () => new MinMaxScaler({ featureMin: -2, featureMax: 3 }),
};

describe("scikit-learn 1.2.1 oracle", () => {
  test("numeric imputers and scalers", () => {
    let checked = 0;
    for (const [c, entry] of fixture.numeric.entries()) {
      const train = numeric(entry.train);
      const testColumn = numeric(entry.test);
      for (const result of entry.results) {
        const fitted = NUMERIC[result.name]().fit(train, { name: "x" }) as FittedStream;
        close(withIndicator(fitted, train), result.train, `case ${c} ${result.name} train`);
        close(withIndicator(fitted, testColumn), result.test, `case ${c} ${result.name} test`);
        checked++;
      }
    }
    assert.equal(checked, 18);
  });

  test("categorical imputers", () => {
    for (const entry of fixture.categorical) {
      const train = categorical(entry.train);
      for (const result of entry.results) {
        const fitted = new SimpleImputer({ strategy: result.name }).fit(train, { name: "x" });
        const out = fitted.apply(train, { name: "x" });
        assert.equal(out.kind, "categorical");
        if (out.kind !== "categorical") return;
        assert.deepEqual(Array.from(out.codes, (c) => out.categories[c]), result.train, result.name);
      }
    }
  });

  test("one-hot with maxCategories, minFrequency and unseen categories", () => {
    assert.equal(fixture.onehot.length, 10);
    for (const entry of fixture.onehot) {
      const p = entry.params;
      const encoder = new OneHotEncoder({
        maxCategories: p.max_categories ?? null,
        minFrequency: p.min_frequency ?? null,
        handleUnknown: p.handle_unknown === "ignore" ? "ignore" : "other",
      });
      // The test column has its own dictionary, in another order: categories align by name.
      const fitted = encoder.fit(categorical(entry.train), { name: "x0" });
      const names = fitted.outputSuffixes.map((s) => `x0_${s.slice(1).replace("(other)", "infrequent_sklearn").replace("(missing)", "None")}`);
      assert.deepEqual(names, entry.names, JSON.stringify(p));
      close(blockOut(fitted, categorical(entry.train)), entry.trainOut, `one-hot ${JSON.stringify(p)} train`);
      close(blockOut(fitted, categorical(entry.test, ["never-used"])), entry.testOut, `one-hot ${JSON.stringify(p)} test`);
    }
  });

  test("ordinal codes, unknown to a value or NaN, missing stays NaN", () => {
    for (const entry of fixture.ordinal) {
      const fitted = new OrdinalEncoder({ unknownValue: entry.unknownValue }).fit(categorical(entry.train), { name: "x" });
      close(streamOut(fitted, categorical(entry.train)), entry.trainOut, "ordinal train");
      close(streamOut(fitted, categorical(entry.test)), entry.testOut, "ordinal test");
    }
  });

  test("KBinsDiscretizer: quantile and uniform edges, ordinal and one-hot outputs", () => {
    assert.equal(fixture.bins.length, 8);
    for (const entry of fixture.bins) {
      const fitted = new KBinsDiscretizer({ nBins: 5, strategy: entry.strategy, encode: entry.encode }).fit(numeric(entry.train), { name: "x" });
      const what = `${entry.strategy}/${entry.encode}`;
      close(fitted.edges, entry.edges, `${what} edges`);
      close(blockOut(fitted, numeric(entry.train)), entry.trainOut, `${what} train`);
      close(blockOut(fitted, numeric(entry.test)), entry.testOut, `${what} test`);
    }
  });

  test("hashing vectorizer buckets, signs and norms", () => {
    const texts = fixture.hashing.texts as string[];
    for (const result of fixture.hashing.results) {
      const p = result.params;
      const fitted = new HashingVectorizer({
        nFeatures: p.n_features,
        norm: p.norm === null ? "none" : (p.norm ?? "l2"),
        alternateSign: p.alternate_sign ?? true,
      }).fit(text(texts), { name: "t" });
      close(blockOut(fitted, text(texts)), result.out as Nums, `hashing ${JSON.stringify(p)}`);
    }
  });

  test("murmur3 equals scikit-learn's murmurhash3_32", () => {
    for (const [word, hash] of Object.entries(fixture.murmur3)) assert.equal(murmur3String(word), hash, word);
  });
});
