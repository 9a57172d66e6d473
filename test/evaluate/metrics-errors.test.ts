// Bad input gets one clear InvalidInput naming the argument, the row and the metric: mismatched
// lengths, empty input, NaN, probabilities outside [0, 1] or rows not summing to 1, a single class
// for AUC, bad weights, mixed label kinds, values outside a deviance's domain.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput } from "../../src/core/index.js";
import * as m from "../../src/evaluate/index.js";

const matrix = (rows: number[][]) => ({ data: Float64Array.from(rows.flat()), rows: rows.length, cols: rows[0].length });

function rejects(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InvalidInput, `expected InvalidInput, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

describe("metric inputs", () => {
  test("mismatched lengths name both arrays and the metric", () => {
    rejects(() => m.accuracyScore([1, 0, 1, 1], [1, 0, 1]), /yPred has 3 values but yTrue has 4 \(accuracyScore\)/);
    rejects(() => m.rocAucScore([1, 0, 1], Float64Array.of(0.1, 0.2)), /yScore has 2 values but yTrue has 3 \(rocAucScore\)/);
    rejects(() => m.logLoss([1, 0, 1], matrix([[0.5, 0.5], [0.5, 0.5]])), /yProba has 2 values but yTrue has 3/);
    rejects(() => m.meanSquaredError([1, 2], [1, 2, 3]), /yPred has 3 values but yTrue has 2 \(meanSquaredError\)/);
    rejects(() => m.f1Score([1, 0], [1, 0], { sampleWeight: [1] }), /sampleWeight has 1 values but yTrue has 2/);
  });

  test("empty input is refused", () => {
    rejects(() => m.accuracyScore([], []), /yTrue is empty \(accuracyScore\)/);
    rejects(() => m.r2Score([], []), /yTrue is empty/);
    rejects(() => m.rocAucScore([], new Float64Array(0)), /yTrue is empty/);
  });

  test("NaN is named with its row", () => {
    rejects(() => m.rocAucScore([0, 1, 0], Float64Array.of(0.1, NaN, 0.3)), /yScore holds NaN at row 1 \(rocAucScore\)/);
    rejects(() => m.meanAbsoluteError([1, NaN, 3], [1, 2, 3]), /yTrue holds NaN at row 1 \(meanAbsoluteError\)/);
    rejects(() => m.r2Score([1, 2, 3], [1, 2, Infinity]), /yPred holds Infinity at row 2/);
    rejects(() => m.accuracyScore([1, NaN], [1, 0]), /yTrue is missing at row 1/);
    rejects(() => m.accuracyScore(["a", "b"], ["a", null as unknown as string]), /yPred is missing at row 1/);
    rejects(() => m.logLoss([0, 1], matrix([[0.5, 0.5], [NaN, 1]])), /yProba holds NaN at row 1, column 0/);
  });

  test("probabilities outside [0, 1] or rows not summing to 1", () => {
    rejects(() => m.logLoss([0, 1], Float64Array.of(0.2, 1.2)), /yProba holds 1.2 at row 1 \(logLoss\): probabilities must lie in \[0, 1\]/);
    rejects(() => m.brierScoreLoss([0, 1], Float64Array.of(-0.1, 0.5)), /probabilities must lie in \[0, 1\]/);
    rejects(() => m.logLoss([0, 1, 2], matrix([[0.2, 0.3, 0.5], [0.2, 0.3, 0.4], [0.1, 0.1, 0.8]])), /yProba row 1 sums to 0.9\d*, not 1 \(logLoss\)/);
    rejects(() => m.rocAucScore([0, 1, 2], matrix([[0.2, 0.3, 0.5], [0.2, 0.3, 0.5], [0.1, 0.1, 0.7]])), /row 2 sums to/);
    // Within numpy.allclose's tolerance a row is accepted.
    assert.ok(Number.isFinite(m.logLoss([0, 1, 2], matrix([[0.2, 0.3, 0.5 + 5e-6], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]))));
  });

  test("a single class makes AUC undefined", () => {
    rejects(() => m.rocAucScore([1, 1, 1], Float64Array.of(0.1, 0.2, 0.3)), /ROC AUC is undefined with one class/);
    rejects(() => m.rocAucScore(["a", "a"], Float64Array.of(0.1, 0.2), { classes: ["a", "b"] }), /ROC AUC is undefined with one class: yTrue holds no negative|no positive/);
    // The only negative row has weight 0.
    rejects(() => m.rocAucScore([0, 1, 1], Float64Array.of(0.1, 0.2, 0.3), { sampleWeight: [0, 1, 1] }), /ROC AUC is undefined with one class/);
    // A class of the probability matrix absent from yTrue.
    rejects(() => m.rocAucScore([0, 1, 0, 1], matrix([[0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2]]), { classes: [0, 1, 2] }), /ROC AUC is undefined for class 2/);
    rejects(() => m.rocCurve([1, 1], Float64Array.of(0.1, 0.2)), /ROC curve is undefined with one class/);
    rejects(() => m.averagePrecisionScore([0, 1, 0], matrix([[0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.5, 0.3, 0.2]]), { classes: [0, 1, 2] }), /Average precision is undefined for class 2/);
    rejects(() => m.averagePrecisionScore([0, 0], Float64Array.of(0.1, 0.2), { posLabel: 1 }), /Recall is undefined without positives/);
  });

  test("sample weights must be finite, non-negative and not all zero", () => {
    rejects(() => m.accuracyScore([1, 0], [1, 0], { sampleWeight: [1, -1] }), /sampleWeight must be finite and ≥ 0: row 1 is -1/);
    rejects(() => m.accuracyScore([1, 0], [1, 0], { sampleWeight: [1, NaN] }), /row 1 is NaN/);
    rejects(() => m.meanSquaredError([1, 0], [1, 0], { sampleWeight: [0, 0] }), /sampleWeight sums to 0/);
  });

  test("labels: one kind per call, classes that cover yTrue, a positive class that can be told", () => {
    rejects(() => m.accuracyScore([1, 0], ["1", "0"]), /yPred holds a string label \("1"\) at row 0 among number labels/);
    rejects(() => m.logLoss(["a", "b", "c"], matrix([[1, 0], [0, 1], [1, 0]]), { classes: ["a", "b"] }), /yTrue holds "c" at row 2, which is not among the classes \["a", "b"\]/);
    rejects(() => m.logLoss(["a", "b", "c"], matrix([[1, 0], [0, 1], [1, 0]])), /yTrue holds 3 classes \["a", "b", "c"\] but yProba has 2 columns/);
    rejects(() => m.logLoss(["a", "a"], Float64Array.of(0.1, 0.2)), /yTrue holds 1 class \["a"\]/);
    rejects(() => m.f1Score(["a", "b", "c"], ["a", "b", "c"]), /hold 3 classes .* but average is "binary" \(f1Score\)/);
    rejects(() => m.f1Score(["a", "b"], ["a", "b"], { posLabel: "z" }), /posLabel "z" is not one of the labels/);
    rejects(() => m.averagePrecisionScore(["no", "no"], Float64Array.of(0.1, 0.2)), /cannot tell the positive class/);
    rejects(() => m.confusionMatrix([1, 2], [1, 2], { labels: [3, 3] }), /labels lists a class twice/);
    rejects(() => m.confusionMatrix([1, 2], [1, 2], { labels: [7] }), /None of labels \[7\] occurs in yTrue/);
  });

  test("options out of range", () => {
    rejects(() => m.fbetaScore([1, 0], [1, 0], { beta: -1 }), /beta must be a number ≥ 0/);
    rejects(() => m.f1Score([1, 0], [1, 0], { average: "samples" as "macro" }), /average must be/);
    rejects(() => m.f1Score([1, 0], [1, 0], { zeroDivision: 2 as 1 }), /zeroDivision must be 0 or 1/);
    rejects(() => m.topKAccuracyScore([0, 1], Float64Array.of(0.2, 0.7), { k: 0 }), /k must be an integer ≥ 1/);
    rejects(() => m.meanPinballLoss([1], [1], { alpha: 1.5 }), /alpha must be in \[0, 1\]/);
    rejects(() => m.logLoss([0, 1], Float64Array.of(0.2, 0.7), { eps: 0.7 }), /eps must be in \[0, 0.5\)/);
    rejects(() => m.rocAucScore([0, 1, 2], matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), { multiClass: "ovo", sampleWeight: [1, 1, 1] }), /sampleWeight is not supported by the one-vs-one/);
    rejects(() => m.r2Score([1], [1]), /R² is undefined with 1 row/);
    rejects(() => m.rocAucScore([0, 1], Float64Array.of(0.2, 0.7), { multiClass: "ova" as "ovr" }), /multiClass must be "ovr" or "ovo": received "ova"/);
    rejects(() => m.averagePrecisionScore([0, 1], Float64Array.of(0.2, 0.7), { average: "samples" as "macro" }), /average must be "macro", "weighted" or "micro"/);
    rejects(() => m.rocAucScore([0, 1, 2], matrix([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])), /yScore has two columns but there are 3 classes/);
    rejects(() => m.rocAucScore([0, 1], Float64Array.of(0.2, 0.7), { maxFpr: 0 }), /maxFpr must be in \(0, 1\]/);
    rejects(() => m.rocAucScore([0, 1, 2], matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), { maxFpr: 0.5 }), /maxFpr is for a binary ROC AUC only/);
  });

  test("deviances refuse values outside their domain, naming the row", () => {
    rejects(() => m.meanPoissonDeviance([1, -1], [1, 1]), /yTrue holds -1 at row 1 \(meanPoissonDeviance\): the deviance with power 1 needs targets ≥ 0/);
    rejects(() => m.meanPoissonDeviance([1, 1], [1, 0]), /yPred holds 0 at row 1 .* needs predictions > 0/);
    rejects(() => m.meanGammaDeviance([0, 1], [1, 1]), /yTrue holds 0 at row 0 .* needs targets > 0/);
    rejects(() => m.meanTweedieDeviance([1, 1], [1, 1], { power: 0.5 }), /power must be ≤ 0 or ≥ 1: received 0.5/);
  });
});
