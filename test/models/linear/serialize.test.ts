// Linear model documents: the coefficient table and the fit report survive a round trip, and a
// damaged document is refused with a message naming the field.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, Rng } from "../../../src/core/index.js";
import { decodeDocument, encodeDocument, LinearRegression, LogisticRegression, decodeModel, encodeModel, modelKind, type LinearRegressionModel, type LogisticRegressionModel } from "../../../src/models/index.js";

const rng = new Rng(5);
const X = matrix(Float64Array.from({ length: 60 * 2 }, () => rng.normal()), { rows: 60, cols: 2 });
const y = Float64Array.from({ length: 60 }, (_, i) => X.data[2 * i] - X.data[2 * i + 1] + rng.normal());

describe("linear model documents", () => {
  test("summary() and info are the same after a round trip", () => {
    const ols = new LinearRegression().fit(X, y, { featureNames: ["a", "b"] });
    const loaded = decodeModel(encodeModel(ols)) as LinearRegressionModel;
    assert.equal(modelKind(loaded), "linear-regression");
    assert.deepEqual(loaded.summary(), ols.summary());
    assert.deepEqual(loaded.info, ols.info);
    const logit = new LogisticRegression({ penalty: "none" }).fit(X, Array.from(y, (v) => v > 0));
    const back = decodeModel(encodeModel(logit)) as LogisticRegressionModel;
    assert.deepEqual(back.classes, [false, true]);
    assert.deepEqual(back.summary(), logit.summary());
    assert.ok(back.summary().rows.every((r) => r.pValue !== null));
  });

  test("a damaged header is refused, naming the field", () => {
    const doc = decodeDocument(encodeModel(new LinearRegression().fit(X, y)));
    const header = doc.header as unknown as Record<string, unknown>;
    const damaged = [
      { ...header, intercept: "zero" },
      { ...header, params: { fitIntercept: "yes" } },
      { ...header, featureNames: ["only-one"] },
      { ...header, info: { ...(header.info as object), converged: 1 } },
    ];
    for (const bad of damaged) {
      assert.throws(() => decodeModel(encodeDocument({ header: bad as never, payload: doc.payload })), (error: unknown) => error instanceof InvalidInput);
    }
    assert.throws(() => decodeModel(encodeDocument({ header: { ...header, intercept: "zero" } as never, payload: doc.payload })), /intercept/);
    assert.throws(() => decodeModel(encodeDocument({ header: { ...header, featureNames: ["only-one"] } as never, payload: doc.payload })), /coef has 2 values for 1 features/);
  });
});
