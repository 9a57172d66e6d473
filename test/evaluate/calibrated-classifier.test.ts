// CalibratedClassifier on "Default of Credit Card Clients" (Yeh & Lien 2009, UCI, CC BY 4.0): an
// over-confident booster calibrated on out-of-fold probabilities is better calibrated on held-out
// rows, and its probabilities are its calibrators applied to the final model's.

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { before, describe, test } from "node:test";
import type { Matrix } from "../../src/core/index.js";
import { read } from "../../src/data/index.js";
import { CalibratedClassifier, expectedCalibrationError, holdout } from "../../src/evaluate/index.js";
import { takeRows } from "../../src/evaluate/stats/index.js";
import { GradientBoostingClassifier } from "../../src/models/index.js";

const ROOT = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));
let X: Matrix;
let y: number[];

before(async () => {
  const frame = (await read(ROOT + "credit-default/UCI_Credit_Card.csv.gz")).head(2000);
  X = frame.toMatrix(frame.names.filter((c) => c !== "ID" && c !== "Y"));
  y = Array.from({ length: frame.nRows }, (_, i) => Number(frame.row(i).Y));
});

describe("CalibratedClassifier", () => {
  // Deep trees and a learning rate of 1 overfit: the raw probabilities are far too extreme.
  const overconfident = new GradientBoostingClassifier({ nEstimators: 40, maxDepth: 6, learningRate: 1, l2: 0 });
  const positive = (m: Matrix): Float64Array => Float64Array.from({ length: m.rows }, (_, i) => m.data[2 * i + 1]);

  for (const method of ["sigmoid", "isotonic"] as const) {
    test(`${method}: lower calibration error on held-out rows than the raw model`, () => {
      const split = holdout(y.length, { testSize: 0.3, seed: 4, stratify: y });
      const Xtrain = takeRows(X, split.train);
      const ytrain = takeRows(y, split.train);
      const Xtest = takeRows(X, split.test);
      const ytest = takeRows(y, split.test);
      const calibrated = new CalibratedClassifier(overconfident, { method, cv: 3 }).fit(Xtrain, ytrain);
      const raw = overconfident.fit(Xtrain, ytrain);
      const eceRaw = expectedCalibrationError(ytest, positive(raw.predictProba(Xtest)));
      const eceCal = expectedCalibrationError(ytest, positive(calibrated.predictProba(Xtest)));
      assert.ok(eceCal < eceRaw / 2, `ECE ${eceCal} calibrated vs ${eceRaw} raw`);
      // The final model is the estimator fitted on every row; the calibrator maps its P(default).
      assert.deepEqual(calibrated.model.predictProba(Xtest).data, raw.predictProba(Xtest).data);
      const mapped = calibrated.calibrators[0].transform(positive(raw.predictProba(Xtest)));
      assert.deepEqual(positive(calibrated.predictProba(Xtest)), mapped);
      assert.deepEqual(calibrated.classes, [0, 1]);
    });
  }

  test("multiclass probabilities are renormalised one-vs-rest calibrations", () => {
    const y3 = y.map((v, i) => (v === 1 ? "default" : X.data[i * X.cols] > 100000 ? "high" : "low"));
    const model = new CalibratedClassifier(new GradientBoostingClassifier({ nEstimators: 10 }), { method: "isotonic", cv: 3 }).fit(X, y3);
    const proba = model.predictProba(X);
    assert.equal(proba.cols, 3);
    for (let i = 0; i < proba.rows; i++) {
      const sum = proba.data[3 * i] + proba.data[3 * i + 1] + proba.data[3 * i + 2];
      assert.ok(Math.abs(sum - 1) < 1e-12);
    }
    assert.equal(model.calibrators.length, 3);
    assert.ok(model.predict(X).every((label) => ["default", "high", "low"].includes(label as string)));
  });
});
