// Metrics on small hand-worked cases, AUC against a brute-force count over all pairs, and the edge
// cases: one class for AUC, ties, thresholds, constant targets, bad shapes. The comparison with
// scikit-learn's values is in test/models/gbdt/metrics-sklearn.test.ts: it reads a JSON fixture,
// and files under src/models may do no I/O, tests included (test/layers.test.ts).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, Rng } from "../../core/index.js";
import { METRIC_NAMES, createMetric } from "./metrics.js";

const f64 = (...values: number[]): Float64Array => Float64Array.from(values);

function evaluate(name: string, y: Float64Array, pred: Float64Array, weight: Float64Array | null = null, nOutputs = 1, options = {}): number {
  return createMetric(name, options).evaluate(y, pred, weight, nOutputs);
}

function assertClose(actual: number, expected: number, message = ""): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${message} ${actual} vs ${expected}`);
}

function assertInvalid(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof InvalidInput && message.test(e.message));
}

/** AUC by definition: over all (positive, negative) pairs, weighted, a tie counting one half. */
function bruteForceAuc(y: Float64Array, score: Float64Array, weight: Float64Array | null): number {
  let pairs = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    for (let j = 0; j < y.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      const w = (weight === null ? 1 : weight[i]) * (weight === null ? 1 : weight[j]);
      pairs += w * (score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0);
      total += w;
    }
  }
  return pairs / total;
}

describe("metric names", () => {
  test("every listed name builds a metric of that name; only auc and r2 grow better upwards", () => {
    assert.equal(new Set(METRIC_NAMES).size, 13);
    for (const name of METRIC_NAMES) {
      const metric = createMetric(name);
      assert.equal(metric.name, name);
      assert.equal(metric.higherIsBetter, name === "auc" || name === "r2", name);
    }
  });

  test("an unknown name lists the valid ones", () => {
    assertInvalid(() => createMetric("accuracy"), /^Unknown metric "accuracy": metrics are rmse, mae, huber, quantile, poisson, gamma, tweedie, logloss, auc, error, mlogloss, merror, r2$/);
  });

  test("bad options are refused, naming the value", () => {
    assertInvalid(() => createMetric("quantile", { alpha: 0 }), /^alpha must be in \(0, 1\): received 0$/);
    assertInvalid(() => createMetric("huber", { huberDelta: -1 }), /^huberDelta must be a positive number: received -1$/);
    assertInvalid(() => createMetric("tweedie", { tweedieVariancePower: 2 }), /^tweedieVariancePower must be in \(1, 2\): received 2$/);
  });
});

describe("regression metrics by hand", () => {
  const y = f64(0, 0, 1);
  const pred = f64(3, -0.5, 1);
  const weight = f64(1, 2, 3);

  test("rmse, mae, r2", () => {
    assertClose(evaluate("rmse", y, pred), Math.sqrt((9 + 0.25) / 3));
    assertClose(evaluate("rmse", y, pred, weight), Math.sqrt((9 + 0.5) / 6));
    assertClose(evaluate("mae", y, pred, weight), (3 + 1) / 6);
    // ȳ = 1/3, Σ(y − ȳ)² = 2/3.
    assertClose(evaluate("r2", y, pred), 1 - 9.25 / (2 / 3));
  });

  test("huber is quadratic inside delta and linear outside", () => {
    assertClose(evaluate("huber", y, pred), (1 * (3 - 0.5) + 0.5 * 0.25 + 0) / 3);
    assertClose(evaluate("huber", y, pred, weight, 1, { huberDelta: 4 }), (0.5 * 9 + 2 * 0.5 * 0.25) / 6);
  });

  test("quantile weighs under- and over-prediction by alpha", () => {
    // Over by 3, under by 0.5 (y = 0 vs −0.5 is over by −0.5: under-prediction), exact.
    assertClose(evaluate("quantile", y, pred, null, 1, { alpha: 0.9 }), (0.1 * 3 + 0.9 * 0.5) / 3);
  });

  test("deviances are 0 at a perfect prediction, and poisson handles y = 0", () => {
    const positive = f64(0.5, 2, 7);
    for (const name of ["poisson", "gamma", "tweedie"]) assertClose(evaluate(name, positive, positive), 0, name);
    assertClose(evaluate("poisson", f64(0, 0), f64(2, 3)), 5);
    assertClose(evaluate("tweedie", f64(0), f64(4)), (2 * 4 ** 0.5) / 0.5);
  });

  test("r2 of constant targets: 1 when perfect, else 0 (as scikit-learn)", () => {
    assert.equal(evaluate("r2", f64(2, 2), f64(2, 2)), 1);
    assert.equal(evaluate("r2", f64(2, 2), f64(2, 3)), 0);
  });
});

describe("classification metrics", () => {
  test("logloss clips probabilities to [1e-15, 1 − 1e-15]", () => {
    // 1 − (1 − 1e-15) is not quite 1e-15 in doubles; scikit-learn computes it the same way.
    assertClose(evaluate("logloss", f64(1, 0), f64(0, 1)), -(Math.log(1e-15) + Math.log(1 - (1 - 1e-15))) / 2);
    assertClose(evaluate("logloss", f64(1, 0), f64(0.8, 0.4), f64(1, 3)), -(Math.log(0.8) + 3 * Math.log(0.6)) / 4);
  });

  test("error predicts class 1 above 0.5 only", () => {
    assert.equal(evaluate("error", f64(0, 1, 1, 0), f64(0.5, 0.5, 0.51, 0.49)), 0.25);
    assert.equal(evaluate("error", f64(0, 1), f64(0.9, 0.9), f64(3, 1)), 0.75);
  });

  test("auc: perfect, reversed, all tied", () => {
    const y = f64(0, 0, 1, 1);
    assert.equal(evaluate("auc", y, f64(0.1, 0.2, 0.3, 0.4)), 1);
    assert.equal(evaluate("auc", y, f64(0.4, 0.3, 0.2, 0.1)), 0);
    assert.equal(evaluate("auc", y, f64(0.5, 0.5, 0.5, 0.5)), 0.5);
    assert.equal(evaluate("auc", y, f64(0.1, 0.3, 0.3, 0.4)), 0.875);
  });

  test("auc with a single class is NaN, not an error", () => {
    assert.ok(Number.isNaN(evaluate("auc", f64(1, 1, 1), f64(0.2, 0.5, 0.9))));
    assert.ok(Number.isNaN(evaluate("auc", f64(0, 0), f64(0.2, 0.5))));
    assert.ok(Number.isNaN(evaluate("auc", f64(0, 1), f64(0.2, 0.5), f64(0, 1))), "a class with zero weight is absent");
  });

  test("auc agrees with the count over all pairs, with ties and weights", () => {
    const rng = new Rng(8);
    for (const n of [1, 2, 7, 50, 301]) {
      const y = Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
      if (n > 1) y[0] = 1 - y[1];
      const score = Float64Array.from({ length: n }, (_, i) => Math.round((rng.next() + 0.3 * y[i]) * 10) / 10);
      const weight = Float64Array.from({ length: n }, () => rng.next() * 2);
      for (const w of [null, weight]) {
        const expected = bruteForceAuc(y, score, w);
        const actual = evaluate("auc", y, score, w);
        if (Number.isNaN(expected)) assert.ok(Number.isNaN(actual), `n ${n}`);
        else assertClose(actual, expected, `n ${n}, ${w === null ? "unweighted" : "weighted"}`);
      }
    }
  });

  test("mlogloss with two classes is logloss; merror takes the first of equal maxima", () => {
    const y = f64(1, 0, 1);
    const p1 = f64(0.7, 0.2, 0.4);
    const classMajor = f64(0.3, 0.8, 0.6, 0.7, 0.2, 0.4);
    assertClose(evaluate("mlogloss", y, classMajor, null, 2), evaluate("logloss", y, p1));
    assertClose(evaluate("mlogloss", y, classMajor, f64(1, 2, 3), 2), evaluate("logloss", y, p1, f64(1, 2, 3)));
    // 3 classes × 2 rows, class-major: row 0 = (0.4, 0.4, 0.2), row 1 = (0.1, 0.2, 0.7).
    const pred = f64(0.4, 0.1, 0.4, 0.2, 0.2, 0.7);
    assert.equal(evaluate("merror", f64(0, 2), pred, null, 3), 0);
    assert.equal(evaluate("merror", f64(1, 2), pred, f64(3, 1), 3), 0.75);
  });
});

describe("bad input", () => {
  test("shapes, output counts and labels are checked, naming the value", () => {
    assertInvalid(() => evaluate("rmse", f64(1, 2), f64(1)), /^rmse needs 2 rows × 1 outputs = 2 predictions: received 1$/);
    assertInvalid(() => evaluate("rmse", f64(1), f64(1, 2), null, 2), /^rmse scores one prediction per row: received nOutputs 2$/);
    assertInvalid(() => evaluate("mlogloss", f64(1), f64(1), null, 1), /^mlogloss needs nOutputs ≥ 2/);
    assertInvalid(() => evaluate("mlogloss", f64(0, 3), new Float64Array(6), null, 3), /^mlogloss needs class indices 0..2: row 1 is 3$/);
    assertInvalid(() => evaluate("auc", f64(0, 2), f64(0.1, 0.2)), /^auc needs targets 0 or 1: row 1 is 2$/);
    assertInvalid(() => evaluate("mae", f64(1, 2), f64(1, 2), f64(1)), /^mae needs one weight per row \(2\): received 1$/);
    assertInvalid(() => evaluate("mae", f64(), f64()), /^mae needs at least one row/);
  });
});
