// The registry as automl uses it: names and aliases resolve (case-insensitively) to one metric,
// unknown names list the known ones, every metric's direction agrees with what it measures (a
// perfect prediction beats a poor one), and `evaluate` gives the same value as the function.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput } from "../../src/core/index.js";
import { METRICS, getMetric, isBetter, logLoss, rocAucScore, rootMeanSquaredError } from "../../src/evaluate/index.js";

const y = ["a", "b", "a", "b", "a", "b", "a", "a"];
const classes = ["a", "b"];
const oneHot = (labels: string[], sure: number) => ({ data: Float64Array.from(labels.flatMap((l) => classes.map((c) => (c === l ? sure : 1 - sure)))), rows: labels.length, cols: 2 });
const flipped = y.map((l, i) => (i % 3 === 0 ? (l === "a" ? "b" : "a") : l));
const yNumeric = Float64Array.of(1.5, 2, 3.5, 4, 0.5, 6, 2.5, 3);

describe("metric registry", () => {
  test("names and aliases are unique and resolve to their metric", () => {
    const keys = METRICS.flatMap((m) => [m.name, ...m.aliases]);
    assert.equal(new Set(keys).size, keys.length);
    for (const metric of METRICS) {
      assert.equal(getMetric(metric.name), metric);
      for (const alias of metric.aliases) assert.equal(getMetric(alias.toUpperCase()), metric);
      assert.ok(metric.doc.length > 10, `${metric.name} has a doc`);
    }
    for (const name of ["auc", "logloss", "rmse", "accuracy", "f1", "r2", "mae"]) assert.equal(getMetric(name).name, name);
  });

  test("an unknown name or the wrong task is an InvalidInput listing the choices", () => {
    assert.throws(() => getMetric("aucc"), (e: unknown) => e instanceof InvalidInput && /Unknown metric "aucc": metrics are accuracy, .*rmse/.test(e.message));
    assert.throws(() => getMetric("rmse", "classification"), (e: unknown) => e instanceof InvalidInput && /is for regression, not classification/.test(e.message));
  });

  test("a perfect prediction is better than a poor one under every metric", () => {
    for (const metric of METRICS) {
      let perfect: number;
      let poor: number;
      if (metric.name === "top-2-accuracy") {
        // With two classes every row is in the top 2: three classes, the truth ranked first or last.
        const y3 = ["a", "b", "c", "a", "b", "c"];
        const rank = (first: boolean) => ({ data: Float64Array.from(y3.flatMap((l) => ["a", "b", "c"].map((c) => (c === l ? (first ? 0.6 : 0.1) : first ? 0.2 : 0.45)))), rows: 6, cols: 3 });
        perfect = metric.evaluate(y3, rank(true));
        poor = metric.evaluate(y3, rank(false));
      } else if (metric.needs === "labels") {
        perfect = metric.evaluate(y, y, { classes });
        poor = metric.evaluate(y, flipped, { classes });
      } else if (metric.needs === "probabilities") {
        perfect = metric.evaluate(y, oneHot(y, 0.9), { classes });
        poor = metric.evaluate(y, oneHot(flipped, 0.6), { classes });
      } else {
        perfect = metric.evaluate(yNumeric, yNumeric);
        poor = metric.evaluate(yNumeric, yNumeric.map((v, i) => v * (i % 2 ? 1.6 : 0.7)));
      }
      assert.ok(isBetter(metric, perfect, poor), `${metric.name}: perfect ${perfect} should beat poor ${poor} (greaterIsBetter ${metric.greaterIsBetter})`);
      assert.ok(!isBetter(metric, poor, perfect), metric.name);
    }
  });

  test("evaluate is the metric function; NaN never counts as better", () => {
    const proba = oneHot(flipped, 0.7);
    assert.equal(getMetric("auc").evaluate(y, proba, { classes }), rocAucScore(y, proba, { classes }));
    assert.equal(getMetric("logloss").evaluate(y, proba, { classes }), logLoss(y, proba, { classes }));
    assert.equal(getMetric("rmse").evaluate(yNumeric, yNumeric.map((v) => v + 1)), rootMeanSquaredError(yNumeric, yNumeric.map((v) => v + 1)));
    assert.equal(isBetter(getMetric("auc"), NaN, 0.5), false);
    assert.equal(isBetter(getMetric("rmse"), 3, NaN), true);
    assert.equal(getMetric("rmse").greaterIsBetter, false);
    assert.equal(getMetric("auc").greaterIsBetter, true);
  });
});

test("binary metrics take the second of the model's classes as positive, even when a fold lacks it", () => {
  const yFold = ["a", "a", "a"];
  // No "b" in the fold: recall of "b" is 0/0 → 0, precision of "b" is 0/1 = 0.
  assert.equal(getMetric("recall").evaluate(yFold, ["a", "b", "a"], { classes: ["a", "b"] }), 0);
  assert.equal(getMetric("precision").evaluate(yFold, ["a", "b", "a"], { classes: ["a", "b"] }), 0);
  assert.equal(getMetric("f1").evaluate(["a", "b"], ["a", "b"], { classes: ["b", "a"] }), 1);
  assert.throws(() => getMetric("f1").evaluate(yFold, ["a", "a", "a"]), /cannot tell the positive class/);
});
