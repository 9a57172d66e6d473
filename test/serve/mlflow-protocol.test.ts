// The MLflow answer written as JSON text must be, byte for byte, what JSON.stringify gives for the
// answer's object: the server sends it as it is, and clients parse it as JSON.

import assert from "node:assert/strict";
import { test } from "node:test";
import { invocationJson } from "../../src/serve/mlflow-protocol.js";
import type { Prediction } from "../../src/serve/index.js";

function expectedText(p: Prediction): string {
  const predictions = Array.from(p.predictions as ArrayLike<unknown>);
  const object: Record<string, unknown> = { predictions };
  if (p.probabilities !== null && p.classes !== null) {
    const K = p.classes.length;
    object.probabilities = Array.from({ length: p.nRows }, (_, i) => Array.from(p.probabilities!.subarray(i * K, (i + 1) * K)));
    object.classes = p.classes;
  }
  if (p.warnings.length > 0) object.warnings = p.warnings;
  return JSON.stringify(object);
}

test("a classifier's answer: labels, probabilities row by row, classes, warnings", () => {
  const probabilities = Float64Array.from([0.1 + 0.2, 0.7, 1e-7, 1 - 1e-7, 0, 1]);
  const p: Prediction = { nRows: 3, predictions: ["yes", 'say "no"', "yes"], probabilities, classes: ['say "no"', "yes"], warnings: ['column "x" is not an input of this model: ignored'] };
  assert.equal(invocationJson(p), expectedText(p));
  assert.deepEqual(JSON.parse(invocationJson(p)).probabilities[1], [1e-7, 1 - 1e-7]);
});

test("numeric and boolean labels, several classes, no warnings", () => {
  const p: Prediction = { nRows: 2, predictions: [3, true], probabilities: Float64Array.from([0.2, 0.3, 0.5, 0.6, 0.3, 0.1]), classes: [3, true, "x"], warnings: [] };
  assert.equal(invocationJson(p), expectedText(p));
});

test("a regression answer; values that are not finite become null, as in JSON.stringify", () => {
  const p: Prediction = { nRows: 4, predictions: Float64Array.from([12.5, -3.25e21, NaN, Infinity]), probabilities: null, classes: null, warnings: [] };
  assert.equal(invocationJson(p), expectedText(p));
  assert.deepEqual(JSON.parse(invocationJson(p)), { predictions: [12.5, -3.25e21, null, null] });
});
