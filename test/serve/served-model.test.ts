// The server's prediction paths (the boosting row path, the batch matrix path, the Frame path for
// pipeline members) against TrainedPredictor.predict on a Frame built independently: identical to
// the last bit, for binary, multiclass, thresholded, regression and blended models.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeBundle } from "../../src/automl/index.js";
import { Frame } from "../../src/data/index.js";
import { ServedModel, type ResolvedModel } from "../../src/serve/index.js";
import { COLORS, fixtureBundle, syntheticFrame, type FixtureOptions } from "./model-fixtures.js";

const RESOLVED: ResolvedModel = { uri: "fixture.orchard", name: null, version: null, alias: null, bundlePath: "/fixture.orchard", digest: "" };

function served(options: FixtureOptions): ServedModel {
  return ServedModel.fromBytes(RESOLVED, encodeBundle(fixtureBundle(options)));
}

/** Request rows from a fresh sample, with an unseen category and missing values mixed in. */
function requestRows(n: number, seed: number): Record<string, unknown>[] {
  const { frame } = syntheticFrame(n, seed);
  return Array.from({ length: n }, (_, i) => {
    const row = frame.row(i);
    if (i % 7 === 3) row.color = "ultraviolet";
    if (i % 5 === 1) row.x1 = null;
    return row;
  });
}

/** The same rows as a Frame whose category dictionary is in another order than training's. */
function independentFrame(rows: readonly Record<string, unknown>[]): Frame {
  const categories = [...COLORS].reverse().concat(["ultraviolet"]);
  const num = (name: string) => Float64Array.from(rows, (r) => (r[name] === null ? NaN : (r[name] as number)));
  return Frame.fromColumns({
    x1: { kind: "numeric", values: num("x1") },
    x2: { kind: "numeric", values: num("x2") },
    count: { kind: "integer", values: num("count") },
    color: { kind: "categorical", codes: Int32Array.from(rows, (r) => (r.color === null ? -1 : categories.indexOf(r.color as string))), categories },
    flag: { kind: "boolean", values: Int8Array.from(rows, (r) => (r.flag === null ? -1 : r.flag ? 1 : 0)) },
  });
}

const CASES: [string, FixtureOptions][] = [
  ["binary boosting", {}],
  ["binary boosting with a decision threshold", { threshold: 0.3 }],
  ["multiclass boosting", { multiclass: true }],
  ["boosting blended with a pipeline model", { ensemble: true }],
  ["regression", { task: "regression" }],
  ["regression blend", { task: "regression", ensemble: true }],
];

describe("ServedModel predictions equal TrainedPredictor.predict", () => {
  for (const [label, options] of CASES) {
    test(label, () => {
      const model = served({ ...options, nEstimators: 25 });
      const predictor = model.bundle.predictor;
      // 1 and 9 rows take the per-row walk; 200 rows the batch kernel.
      for (const n of [1, 9, 200]) {
        const rows = requestRows(n, 40 + n);
        const table = { nRows: n, columns: new Set(Object.keys(rows[0])), value: (i: number, c: string) => rows[i][c] };
        const got = model.predict(table);
        const frame = independentFrame(rows);
        const expected = predictor.predict(frame);
        assert.deepEqual(Array.from(got.predictions as ArrayLike<unknown>), Array.from(expected as ArrayLike<unknown>), `${n} rows`);
        if (predictor.task === "classification") assert.deepEqual(Array.from(got.probabilities!), Array.from(predictor.predictProba(frame).data), `${n} rows`);
        else assert.equal(got.probabilities, null);
        if (n > 3) assert.ok(got.warnings.some((w) => w.includes("ultraviolet")), "the unseen category is reported");
      }
    });
  }

  test("an unseen category is routed as the model routes it, not as missing", () => {
    const model = served({ nEstimators: 25 });
    const base = { x1: 1, x2: 5, count: 2, flag: true };
    const rows = [{ ...base, color: "ultraviolet" }, { ...base, color: null }];
    const got = model.predict({ nRows: 2, columns: new Set(Object.keys(rows[0])), value: (i, c) => (rows[i] as Record<string, unknown>)[c] });
    const frame = independentFrame(rows);
    assert.deepEqual(Array.from(got.probabilities!), Array.from(model.bundle.predictor.predictProba(frame).data));
  });
});
