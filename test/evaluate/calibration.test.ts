// Calibration against scikit-learn 1.2.1: IsotonicRegression (ties, weights, decreasing, bounds,
// clip and nan out of range), _sigmoid_calibration (Platt) and calibration_curve (uniform and
// quantile bins, probabilities on bin edges), plus the calibrators' documents and ECE.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  calibrationCurve,
  expectedCalibrationError,
  IsotonicCalibrator,
  IsotonicRegression,
  PlattCalibrator,
  PlattScaling,
} from "../../src/evaluate/calibration/index.js";
import { assertClose, FIXTURE } from "./fixture.js";

describe("IsotonicRegression equals scikit-learn's", () => {
  const iso = FIXTURE.isotonic;
  for (const c of iso.cases) {
    test(`increasing ${c.increasing}, weighted ${c.weighted}, bounds ${c.yMin ?? "none"}..${c.yMax ?? "none"}`, () => {
      const model = new IsotonicRegression({ increasing: c.increasing, yMin: c.yMin ?? undefined, yMax: c.yMax ?? undefined }).fit(iso.x, iso.y, {
        sampleWeight: c.weighted ? iso.w : undefined,
      });
      assert.deepEqual([...model.thresholdsX], c.thresholdsX);
      c.thresholdsY.forEach((v: number, i: number) => assertClose(model.thresholdsY[i], v, 1e-12, `threshold ${i}`));
      model.transform(iso.x).forEach((v, i) => assertClose(v, c.fitted[i], 1e-12, `fitted ${i}`));
      model.transform(c.query).forEach((v, i) => assertClose(v, c.predicted[i], 1e-12, `at ${c.query[i]}`));
    });
  }
  test("outOfBounds nan, and a document round trip", () => {
    const model = new IsotonicRegression({ outOfBounds: "nan" }).fit(iso.x, iso.y);
    const query = iso.cases[0].query;
    model.transform(query).forEach((v, i) => (iso.nanPredicted[i] === null ? assert.ok(Number.isNaN(v)) : assertClose(v, iso.nanPredicted[i], 1e-12, "nan model")));
    const back = IsotonicCalibrator.fromDocument(JSON.parse(JSON.stringify(model.toDocument())));
    assert.deepEqual(back.transform(query), model.transform(query));
    assert.throws(() => IsotonicCalibrator.fromDocument({ kind: "platt-calibrator" } as never), /Not an isotonic calibrator/);
  });
});

describe("Platt scaling equals scikit-learn's _sigmoid_calibration", () => {
  for (const [k, c] of FIXTURE.platt.entries()) {
    test(`case ${k}: ${c.f.length} rows${c.w ? ", weighted" : ""}`, () => {
      const model = new PlattScaling().fit(c.f, c.y, { sampleWeight: c.w ?? undefined });
      // sklearn stops BFGS at a gradient norm of 1e-5; Newton goes to the optimum.
      assertClose(model.a, c.a, 1e-5, "a");
      assertClose(model.b, c.b, 1e-5, "b");
      model.transform(c.query).forEach((p, i) => assertClose(p, c.prob[i], 1e-6, `P(${c.query[i]})`));
      const back = PlattCalibrator.fromDocument(JSON.parse(JSON.stringify(model.toDocument())));
      assert.deepEqual(back.transform(c.query), model.transform(c.query));
    });
  }
  test("a separable score still gives finite parameters (target smoothing)", () => {
    const model = new PlattScaling().fit([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    assert.ok(Number.isFinite(model.a) && model.a < 0 && Number.isFinite(model.b));
    assert.throws(() => new PlattScaling().fit([1, 2], [1, 1]), /both classes/);
  });
});

describe("calibrationCurve equals scikit-learn's calibration_curve", () => {
  const cc = FIXTURE.calibrationCurve;
  for (const c of cc.cases) {
    test(`${c.strategy}, ${c.nBins} bins`, () => {
      const curve = calibrationCurve(cc.y, cc.p, { nBins: c.nBins, strategy: c.strategy });
      assert.deepEqual([...curve.probTrue], c.probTrue);
      c.probPred.forEach((v: number, i: number) => assertClose(curve.probPred[i], v, 1e-15, `probPred ${i}`));
      assert.equal(curve.counts.reduce((a, b) => a + b, 0), cc.y.length);
    });
  }
  test("expected calibration error: zero for a calibrated step, the gap for a shifted one", () => {
    const y = [0, 0, 0, 0, 1, 1, 1, 1, 0, 1];
    assert.equal(expectedCalibrationError(y, [0, 0, 0, 0, 1, 1, 1, 1, 0.5, 0.5]), 0);
    assertClose(expectedCalibrationError([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]), 0.2, 1e-15, "ECE");
    assert.throws(() => calibrationCurve([0, 1], [0.5, 1.2]), /row 1 is 1.2/);
  });
});
