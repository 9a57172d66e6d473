// Target encoding: the smoothing formulas by hand, and the out-of-fold property that keeps a
// training row's own target out of its encoding.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng, TargetEncoder, encodeTarget, type Column } from "../../src/index.js";
import { categorical, numeric } from "./columns.js";

function encodeNew(encoder: ReturnType<TargetEncoder["fit"]>, column: Column): Float64Array {
  const rows = column.kind === "categorical" ? column.codes.length : column.values.length;
  const cols = encoder.outputSuffixes.length;
  const data = new Float64Array(rows * cols);
  encoder.write(column, { data, stride: cols, offset: 0 }, { name: "city" });
  return data;
}

function randomData(n: number, seed: number): { x: (string | null)[]; y: number[] } {
  const rng = new Rng(seed);
  const levels = ["oslo", "lima", "pune", "kobe"];
  const x = Array.from({ length: n }, () => (rng.next() < 0.05 ? null : levels[rng.int(levels.length)]));
  const y = x.map((v) => (v === null ? 0 : levels.indexOf(v)) * 2 + rng.normal());
  return { x, y };
}

describe("TargetEncoder", () => {
  const { x, y } = randomData(80, 3);
  const target = encodeTarget(numeric(y));
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const rowsOf = (level: string | null) => y.filter((_, i) => x[i] === level);

  test("m-estimate: (sum + m · mean) / (count + m) over all rows at transform", () => {
    const m = 7;
    const fitted = new TargetEncoder({ smooth: m }).fit(categorical(x), { name: "city", target });
    const out = encodeNew(fitted, categorical(["pune", "oslo", null, "never-seen"]));
    const expect = (level: string | null) => {
      const ys = rowsOf(level);
      return (ys.reduce((a, b) => a + b, 0) + m * mean) / (ys.length + m);
    };
    assert.ok(Math.abs(out[0] - expect("pune")) < 1e-12);
    assert.ok(Math.abs(out[1] - expect("oslo")) < 1e-12);
    assert.ok(Math.abs(out[2] - expect(null)) < 1e-12, "missing is a category of its own");
    assert.ok(Math.abs(out[3] - mean) < 1e-12, "an unseen category gets the global mean");
  });

  test("auto smoothing: λ = n·var(y) / (n·var(y) + var(y | category))", () => {
    const fitted = new TargetEncoder().fit(categorical(x), { name: "city", target });
    const variance = y.reduce((a, v) => a + (v - mean) ** 2, 0) / y.length;
    const ys = rowsOf("lima");
    const categoryMean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const within = ys.reduce((a, v) => a + (v - categoryMean) ** 2, 0) / ys.length;
    const lambda = (ys.length * variance) / (ys.length * variance + within);
    const out = encodeNew(fitted, categorical(["lima"]));
    assert.ok(Math.abs(out[0] - (lambda * categoryMean + (1 - lambda) * mean)) < 1e-12, `${out[0]}`);
  });

  test("out of fold: changing one row's target moves only the encodings of other folds", () => {
    const encoder = new TargetEncoder({ smooth: 2, cv: 5, seed: 11 });
    const before = encoder.fitTransform(categorical(x), { name: "city", target });
    const r = 17;
    const changed = [...y];
    changed[r] += 100;
    const after = encoder.fitTransform(categorical(x), { name: "city", target: encodeTarget(numeric(changed)) });
    assert.deepEqual(after.folds, before.folds, "continuous folds do not depend on y");
    let movedSameCategory = 0;
    for (let i = 0; i < x.length; i++) {
      if (before.folds[i] === before.folds[r]) assert.equal(after.training[i], before.training[i], `row ${i} shares row ${r}'s fold`);
      else if (x[i] === x[r] && after.training[i] !== before.training[i]) movedSameCategory++;
    }
    assert.ok(movedSameCategory > 0, "rows of the same category in other folds see the change");
    assert.equal(after.training[r], before.training[r], "the row's own encoding ignores its target");
  });

  test("binary target: each training row is encoded from the other folds alone", () => {
    const labels = categorical(y.map((v) => (v > 3 ? "yes" : "no")));
    const binary = encodeTarget(labels);
    assert.equal(binary.type, "binary");
    const m = 3;
    const { training, folds } = new TargetEncoder({ smooth: m, cv: 4, seed: 5 }).fitTransform(categorical(x), { name: "city", target: binary });
    const positive = (i: number) => (y[i] > 3 ? 1 : 0);
    for (const i of [0, 9, 33, 71]) {
      const others = y.map((_, j) => j).filter((j) => folds[j] !== folds[i]);
      const p = others.reduce((a, j) => a + positive(j), 0) / others.length;
      const same = others.filter((j) => x[j] === x[i]);
      const expected = (same.reduce((a, j) => a + positive(j), 0) + m * p) / (same.length + m);
      assert.ok(Math.abs(training[i] - expected) < 1e-12, `row ${i}: ${training[i]} vs ${expected}`);
    }
  });

  test("multiclass: one output per class, summing to 1 under the m-estimate", () => {
    const classes = categorical(y.map((v) => (v < 1 ? "low" : v < 4 ? "mid" : "high")));
    const fitted = new TargetEncoder({ smooth: 1 }).fit(categorical(x), { name: "city", target: encodeTarget(classes) });
    assert.deepEqual(fitted.outputSuffixes, [".target=high", ".target=low", ".target=mid"]);
    const out = encodeNew(fitted, categorical(["oslo", "kobe", "zzz"]));
    for (let r = 0; r < 3; r++) assert.ok(Math.abs(out[3 * r] + out[3 * r + 1] + out[3 * r + 2] - 1) < 1e-12);
  });

  test("a missing target is refused", () => {
    assert.throws(() => encodeTarget(categorical(["a", null, "b"])), /missing at row 1/);
  });
});
