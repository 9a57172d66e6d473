// A blend of probabilities stays a probability: weights such as 9/28 + 18/28 + 1/28 sum to 1 only
// up to rounding, and the blend of three members all sure of a class came out as 1.0000000000000002.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Frame } from "../data/index.js";
import { logLoss } from "../evaluate/index.js";
import { ConstantModel } from "./candidates.js";
import { TrainedPredictor } from "./predictor.js";

test("an ensemble's probabilities stay in [0, 1] whatever its weights' rounding", () => {
  const member = (weight: number) => ({ family: "baseline", weight, model: new ConstantModel(Float64Array.of(0, 1)), pipeline: null, config: {}, iterations: null });
  const predictor = new TrainedPredictor({
    task: "classification",
    target: "y",
    classes: ["no", "yes"],
    inputs: [{ name: "x", kind: "numeric" }],
    members: [member(9 / 28), member(18 / 28), member(1 / 28)],
    threshold: null,
  });
  // The plain weighted sum passes 1: the case the blend must keep in range.
  assert.ok(9 / 28 + 18 / 28 + 1 / 28 > 1);
  const frame = Frame.fromColumns([["x", { kind: "numeric", values: Float64Array.of(1, 2, 3) }]]);
  const proba = predictor.predictProba(frame);
  for (const p of proba.data) assert.ok(p >= 0 && p <= 1, `probability ${p}`);
  assert.deepEqual([...proba.data], [0, 1, 0, 1, 0, 1]);
  assert.ok(Number.isFinite(logLoss(["yes", "yes", "yes"], proba, { classes: ["no", "yes"] })));
});
