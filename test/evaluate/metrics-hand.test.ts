// Small cases worked out by hand, and properties that hold for any input: integer sample weights
// act as repeated rows, AUC is unchanged by a monotone transform of the scores and flips under
// negation, and inputs are left untouched.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../src/core/index.js";
import * as m from "../../src/evaluate/index.js";

const close = (actual: number, expected: number, tolerance = 1e-12) => assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} ≠ ${expected}`);
const matrix = (rows: number[][]) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

describe("label metrics by hand", () => {
  test("accuracy counts agreeing rows, weighted or not", () => {
    close(m.accuracyScore([1, 0, 1, 1], [1, 1, 1, 0]), 0.5);
    close(m.accuracyScore([1, 0, 1, 1], [1, 1, 1, 0], { sampleWeight: [1, 2, 3, 4] }), 0.4);
    close(m.accuracyScore([1, 0, 1, 1], [1, 1, 1, 0], { normalize: false }), 2);
  });

  test("precision 2/3, recall 1/2, F1 4/7, F2 10/19 from tp 2, fp 1, fn 2", () => {
    const y = [1, 1, 1, 1, 0, 0];
    const p = [1, 1, 0, 0, 1, 0];
    close(m.precisionScore(y, p), 2 / 3);
    close(m.recallScore(y, p), 1 / 2);
    close(m.f1Score(y, p), 4 / 7);
    close(m.fbetaScore(y, p, { beta: 2 }), 10 / 19);
    // With the other class positive: tp 1, fp 2, fn 1.
    close(m.f1Score(y, p, { posLabel: 0 }), 0.4);
    close(m.f1Score(y, p, { average: "macro" }), (4 / 7 + 0.4) / 2);
    close(m.f1Score(y, p, { average: "micro" }), 0.5);
  });

  test("zero division takes the chosen value", () => {
    // Class "c" is never predicted: precision 0/0.
    const y = ["a", "c", "a"];
    const p = ["a", "a", "a"];
    const perClass0 = m.precisionRecallFscoreSupport(y, p);
    assert.deepEqual([...perClass0.precision], [2 / 3, 0]);
    const perClass1 = m.precisionRecallFscoreSupport(y, p, { zeroDivision: 1 });
    assert.deepEqual([...perClass1.precision], [2 / 3, 1]);
    assert.deepEqual(perClass1.labels, ["a", "c"]);
    assert.deepEqual([...perClass1.support], [2, 1]);
  });

  test("balanced accuracy averages recalls; adjusted puts chance at 0", () => {
    close(m.balancedAccuracyScore([0, 0, 0, 1], [0, 0, 1, 1]), 5 / 6);
    close(m.balancedAccuracyScore([0, 0, 0, 1], [0, 0, 1, 1], { adjusted: true }), 2 / 3);
  });

  test("Matthews correlation: (tp·tn − fp·fn)/√… and 0 for a constant prediction", () => {
    close(m.matthewsCorrcoef([1, 1, 0, 0], [1, 0, 0, 0]), 2 / Math.sqrt(12));
    close(m.matthewsCorrcoef([1, 1, 0, 0], [1, 1, 0, 0]), 1);
    close(m.matthewsCorrcoef([1, 1, 0, 0], [0, 0, 1, 1]), -1);
    assert.equal(m.matthewsCorrcoef([1, 1, 0, 0], [1, 1, 1, 1]), 0);
  });

  test("confusion matrix follows the given label order and leaves unlisted labels out", () => {
    const { labels, matrix: cm } = m.confusionMatrix(["x", "y", "z", "y"], ["y", "y", "x", "z"], { labels: ["y", "x"] });
    assert.deepEqual(labels, ["y", "x"]);
    // Rows true (y, x), columns predicted (y, x): y→y once, x→y once; y→z and z→x are not listed.
    assert.deepEqual([...cm.data], [1, 0, 1, 0]);
    const normalized = m.confusionMatrix([0, 0, 1], [0, 1, 1], { normalize: "true" }).matrix.data;
    assert.deepEqual([...normalized], [0.5, 0.5, 0, 1]);
  });
});

describe("ranking metrics by hand", () => {
  test("AUC counts a tied positive–negative pair as one half", () => {
    close(m.rocAucScore([0, 0, 1, 1], Float64Array.of(0.1, 0.5, 0.5, 0.9)), 3.5 / 4);
    // Weights: the 0.9 positive counts 3 times: (1 + 0.5 + 3·2) / (4 · 2).
    close(m.rocAucScore([0, 0, 1, 1], Float64Array.of(0.1, 0.5, 0.5, 0.9), { sampleWeight: [1, 1, 1, 3] }), 7.5 / 8);
  });

  test("partial AUC: a perfect ranking gives 1, a reversed one a McClish minimum below 0.5", () => {
    const y = [0, 0, 0, 1, 1, 1];
    close(m.rocAucScore(y, Float64Array.of(0.1, 0.2, 0.3, 0.7, 0.8, 0.9), { maxFpr: 0.5 }), 1);
    // Reversed: the partial area up to FPR 0.5 is 0, so 0.5 · (1 + (0 − 0.125) / (0.5 − 0.125)) = 1/3.
    close(m.rocAucScore(y, Float64Array.of(0.9, 0.8, 0.7, 0.3, 0.2, 0.1), { maxFpr: 0.5 }), 1 / 3);
  });

  test("average precision is Σ ΔR·P over the positives' ranks", () => {
    const ap = m.averagePrecisionScore([0, 1, 1, 0, 1], Float64Array.of(0.1, 0.4, 0.35, 0.8, 0.9));
    close(ap, (1 + 2 / 3 + 3 / 4) / 3);
  });

  test("ROC curve starts at (0, 0) above the top score and drops collinear points", () => {
    const curve = m.rocCurve([0, 0, 1, 1], Float64Array.of(0.1, 0.4, 0.35, 0.8));
    assert.deepEqual([...curve.fpr], [0, 0, 0.5, 0.5, 1]);
    assert.deepEqual([...curve.tpr], [0, 0.5, 0.5, 1, 1]);
    assert.deepEqual([...curve.thresholds], [1.8, 0.8, 0.4, 0.35, 0.1]);
    const straight = m.rocCurve([1, 1, 1, 0], Float64Array.of(0.9, 0.8, 0.7, 0.1));
    // tps 1, 2, 3 at fps 0: the point (0, 2/3) lies on the segment from (0, 1/3) to (0, 1).
    assert.deepEqual([...straight.tpr], [0, 1 / 3, 1, 1]);
    assert.deepEqual([...straight.thresholds], [1.9, 0.9, 0.7, 0.1]);
    assert.equal(m.rocCurve([1, 1, 1, 0], Float64Array.of(0.9, 0.8, 0.7, 0.1), { dropIntermediate: false }).tpr.length, 5);
  });

  test("multiclass AUC is 1 for perfect probabilities and 0 for reversed ones", () => {
    const y = ["a", "b", "c", "a", "b", "c"];
    const perfect = matrix(y.map((l) => ["a", "b", "c"].map((c) => (c === l ? 0.8 : 0.1))));
    const reversed = matrix(y.map((l) => ["a", "b", "c"].map((c) => (c === l ? 0 : 0.5))));
    for (const multiClass of ["ovr", "ovo"] as const) {
      close(m.rocAucScore(y, perfect, { multiClass }), 1);
      close(m.rocAucScore(y, reversed, { multiClass }), 0);
    }
    close(m.rocAucScore(y, perfect, { average: "micro" }), 1);
  });

  test("top-k accuracy breaks ties toward the later class", () => {
    const scores = matrix([[0.4, 0.4, 0.2], [0.4, 0.4, 0.2]]);
    assert.equal(m.topKAccuracyScore([0, 1], scores, { k: 1, classes: [0, 1, 2] }), 0.5);
    assert.equal(m.topKAccuracyScore([0, 1], scores, { k: 2, classes: [0, 1, 2] }), 1);
  });
});

describe("probability losses by hand", () => {
  test("log-loss is the mean −log of the true class's probability", () => {
    close(m.logLoss(["a", "b"], matrix([[0.8, 0.2], [0.3, 0.7]])), -(Math.log(0.8) + Math.log(0.7)) / 2);
    close(m.logLoss(["a", "b"], Float64Array.of(0.2, 0.7)), -(Math.log(0.8) + Math.log(0.7)) / 2);
    // A certain wrong answer is clipped at eps, so it costs −log(eps), not ∞.
    close(m.logLoss([0, 1], Float64Array.of(1, 1)), -(Math.log(Number.EPSILON) + Math.log(1 - Number.EPSILON)) / 2, 1e-9);
  });

  test("Brier score is the mean squared error of the positive probability", () => {
    close(m.brierScoreLoss([0, 1, 1], Float64Array.of(0.1, 0.9, 0.6)), 0.06);
    close(m.brierScoreLoss(["n", "y", "y"], matrix([[0.9, 0.1], [0.1, 0.9], [0.4, 0.6]])), 0.06);
  });
});

describe("regression metrics by hand", () => {
  const y = [3, -0.5, 2, 7];
  const p = [2.5, 0, 2, 8];
  test("scikit-learn's documented examples", () => {
    close(m.meanSquaredError(y, p), 0.375);
    close(m.rootMeanSquaredError(y, p), Math.sqrt(0.375));
    close(m.meanAbsoluteError(y, p), 0.5);
    close(m.medianAbsoluteError(y, p), 0.5);
    close(m.maxError(y, p), 1);
    close(m.r2Score(y, p), 0.9486081370449679);
    close(m.explainedVarianceScore(y, p), 0.9571734475374732);
  });

  test("MAPE divides by max(|y|, ε); pinball weighs under- and over-prediction by alpha", () => {
    close(m.meanAbsolutePercentageError([0, 2], [1, 1]), (1 / Number.EPSILON + 0.5) / 2, 1);
    close(m.meanPinballLoss([1, 2, 3], [2, 2, 2], { alpha: 0.1 }), 1 / 3);
    close(m.meanPinballLoss([1, 2, 3], [2, 2, 2]), m.meanAbsoluteError([1, 2, 3], [2, 2, 2]) / 2);
  });

  test("Tweedie power 0 is the MSE; Poisson and Gamma deviances are 0 for perfect predictions", () => {
    close(m.meanTweedieDeviance(y, p), 0.375);
    // At y = 0 the Poisson deviance is 2μ: here 2 on the first row, 0 on the others.
    close(m.meanPoissonDeviance([0, 1, 4], [1, 1, 4]), 2 / 3);
    close(m.meanGammaDeviance([1, 2, 4], [1, 2, 4]), 0);
  });

  test("a weighted median is the lower weighted median", () => {
    // Errors 1, 2, 3 with weights 1, 1, 2: half the weight (2) is reached at error 2.
    assert.equal(m.medianAbsoluteError([0, 0, 0], [1, 2, 3], { sampleWeight: [1, 1, 2] }), 2);
  });
});

describe("properties", () => {
  const rng = new Rng(7);
  const n = 700;
  const labels = Array.from({ length: n }, () => rng.int(3));
  const predicted = labels.map((l) => (rng.next() < 0.3 ? rng.int(3) : l));
  const scores = Float64Array.from(labels, (l) => Math.round((l === 2 ? 0.5 : 0) + rng.next() * 10) / 10);
  const binary = labels.map((l) => (l === 2 ? 1 : 0));
  const counts = Array.from({ length: n }, () => rng.int(4));
  const repeat = <T>(values: ArrayLike<T>): T[] => Array.from(values).flatMap((v, i) => Array<T>(counts[i]).fill(v));
  const sampleWeight = counts;

  test("integer sample weights act as repeated rows", () => {
    const pairs: [string, number, number][] = [
      ["accuracy", m.accuracyScore(labels, predicted, { sampleWeight }), m.accuracyScore(repeat(labels), repeat(predicted))],
      ["f1-macro", m.f1Score(labels, predicted, { sampleWeight, average: "macro" }), m.f1Score(repeat(labels), repeat(predicted), { average: "macro" })],
      ["mcc", m.matthewsCorrcoef(labels, predicted, { sampleWeight }), m.matthewsCorrcoef(repeat(labels), repeat(predicted))],
      ["auc", m.rocAucScore(binary, scores, { sampleWeight }), m.rocAucScore(repeat(binary), Float64Array.from(repeat(scores)))],
      ["ap", m.averagePrecisionScore(binary, scores, { sampleWeight }), m.averagePrecisionScore(repeat(binary), Float64Array.from(repeat(scores)))],
      ["brier", m.brierScoreLoss(binary, scores, { sampleWeight }), m.brierScoreLoss(repeat(binary), Float64Array.from(repeat(scores)))],
      ["r2", m.r2Score(scores, Float64Array.from(labels), { sampleWeight }), m.r2Score(repeat(scores), repeat(labels))],
    ];
    for (const [name, weighted, repeated] of pairs) assert.ok(Math.abs(weighted - repeated) <= 1e-12, `${name}: weighted ${weighted} ≠ repeated ${repeated}`);
  });

  test("AUC depends only on the order of scores, and negating them gives 1 − AUC", () => {
    const auc = m.rocAucScore(binary, scores);
    close(m.rocAucScore(binary, scores.map((s) => Math.exp(3 * s) - 7)), auc);
    close(m.rocAucScore(binary, scores.map((s) => -s)), 1 - auc);
  });

  test("metrics leave their inputs untouched", () => {
    const before = Float64Array.from(scores);
    const labelsBefore = [...binary];
    m.rocAucScore(binary, scores, { sampleWeight });
    m.precisionRecallCurve(binary, scores);
    m.medianAbsoluteError(scores, Float64Array.from(labels), { sampleWeight });
    assert.deepEqual(scores, before);
    assert.deepEqual(binary, labelsBefore);
  });
});
