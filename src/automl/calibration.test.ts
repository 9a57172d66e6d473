// Calibration is kept only when cross-fitting shows it lowers the log-loss: over-confident
// probabilities get calibrated, calibrated ones are left alone.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../core/index.js";
import { applyCalibration, chooseCalibration } from "./calibration.js";

function sample(n: number, sharpen: number, seed: number): { y: Float64Array; p: Float64Array } {
  const rng = new Rng(seed);
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const truth = 1 / (1 + Math.exp(-2 * rng.normal()));
    y[i] = rng.next() < truth ? 1 : 0;
    // The model's belief: the true probability pushed towards 0 or 1 (sharpen > 1) or not (1).
    const logit = Math.log(truth / (1 - truth)) * sharpen;
    p[i] = 1 / (1 + Math.exp(-logit));
  }
  return { y, p };
}

test("over-confident probabilities are calibrated, and the log-loss falls", () => {
  const { y, p } = sample(4000, 3, 1);
  const choice = chooseCalibration(y, p, new Uint8Array(y.length).fill(1), 7);
  assert.notEqual(choice.method, "none");
  assert.ok(Math.min(choice.logLoss.sigmoid, choice.logLoss.isotonic) < 0.9 * choice.logLoss.none, JSON.stringify(choice.logLoss));
  const calibrated = applyCalibration(choice.calibrator!, p);
  for (const v of calibrated) assert.ok(v > 0 && v < 1);
});

test("calibrated probabilities are left alone", () => {
  const { y, p } = sample(4000, 1, 2);
  const choice = chooseCalibration(y, p, new Uint8Array(y.length).fill(1), 7);
  assert.equal(choice.method, "none");
  assert.equal(choice.calibrator, null);
});

test("too few rows of a class: no calibration is attempted", () => {
  const { y, p } = sample(150, 3, 3);
  assert.equal(chooseCalibration(y, p, new Uint8Array(y.length).fill(1), 7).method, "none");
});
