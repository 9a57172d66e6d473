// The classification charts of the training report, on the held-back rows: ROC and
// precision–recall curves, the reliability (calibration) curve, and the confusion matrix at the
// decision rule the model applies.

import type { TrainResult } from "../automl/index.js";
import type { CalibrationCurve } from "../evaluate/index.js";
import { type ClassCurve, classCurves, confidenceCurve, confusionCounts, predictedClasses } from "./class-curves.js";
import { chartCard } from "./chart-card.js";
import { confusionMatrixSvg } from "./confusion-matrix-svg.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatNumber, formatPercent } from "./format-number.js";
import { type LineSeries, lineChartSvg } from "./line-chart-svg.js";

const UNIT: readonly [number, number] = [0, 1];

export function classificationSection(result: TrainResult): string {
  const { y, pred } = result.test;
  const names = result.classes.map(String);
  const K = names.length;
  if (y.length === 0) return `<p class="note">No held-back rows to draw curves on.</p>`;
  const { curves, nOmitted } = classCurves(y, pred, names);
  const binary = K === 2;
  const about = binary
    ? `Positive class <code>${escapeHtml(names[1])}</code>, scored by its predicted probability on ${formatCount(y.length)} held-back rows.`
    : `Each of the ${curves.length} most frequent classes against the rest, on ${formatCount(y.length)} held-back rows${nOmitted > 0 ? ` (${nOmitted} rarer class${nOmitted === 1 ? "" : "es"} not drawn)` : ""}.`;
  const cards = curves.length === 0 ? [`<p class="note">No class has both positive and negative held-back rows: there is no curve to draw.</p>`] : [roc(curves, binary), precisionRecall(curves, binary), binary ? calibration(curves[0]) : topLabelCalibration(y, pred, K)];
  cards.push(confusion(result, names));
  return `<p class="muted">${about}</p><div class="charts">${cards.join("")}</div>`;
}

function curveName(c: ClassCurve, binary: boolean, value: string): string {
  return binary ? value : `${c.name} vs rest (${value})`;
}

function roc(curves: readonly ClassCurve[], binary: boolean): string {
  const series: LineSeries[] = curves.map((c) => ({ name: curveName(c, binary, `AUC ${formatNumber(c.auc, 3)}`), x: c.roc.fpr, y: c.roc.tpr }));
  const svg = lineChartSvg(series, {
    label: "ROC curve",
    kind: "roc",
    legend: !binary,
    xTitle: "false positive rate",
    yTitle: "true positive rate",
    xDomain: UNIT,
    yDomain: UNIT,
    references: [{ from: [0, 0], to: [1, 1], label: "chance" }],
  });
  const words = binary ? `AUC ${formatNumber(curves[0].auc, 3)}: the chance that a random positive row is scored above a random negative one.` : "Area under each curve in the legend.";
  return chartCard("ROC curve", words, svg, "roc");
}

function precisionRecall(curves: readonly ClassCurve[], binary: boolean): string {
  const series: LineSeries[] = curves.map((c) => ({ name: curveName(c, binary, `AP ${formatNumber(c.averagePrecision, 3)}`), x: c.pr.recall, y: c.pr.precision, shape: "step" }));
  const base = curves[0].prevalence;
  const svg = lineChartSvg(series, {
    label: "Precision–recall curve",
    kind: "precision-recall",
    legend: !binary,
    xTitle: "recall",
    yTitle: "precision",
    xDomain: UNIT,
    yDomain: UNIT,
    references: binary ? [{ from: [0, base], to: [1, base], label: `random guess: precision ${formatPercent(base)}` }] : [],
  });
  const words = binary
    ? `Average precision ${formatNumber(curves[0].averagePrecision, 3)}; a random guess would have precision ${formatPercent(base)} at every recall.`
    : "Average precision of each class in the legend.";
  return chartCard("Precision–recall curve", words, svg, "precision-recall");
}

function calibration(c: ClassCurve): string {
  return reliabilityCard(c.calibration, "Rows binned by predicted probability (10 equal-width bins): on the diagonal, a predicted 30% happens 30% of the time.", {
    xTitle: "mean predicted probability",
    yTitle: "observed frequency",
    tip: (p, o, n) => `mean predicted ${p}, observed ${o} (${n} rows)`,
  });
}

function topLabelCalibration(y: Float64Array, pred: Float64Array, K: number): string {
  return reliabilityCard(confidenceCurve(y, pred, K), "Rows binned by the probability of the class predicted (10 equal-width bins) against how often that class is right: on the diagonal, a 70% confident prediction is right 70% of the time.", {
    xTitle: "confidence (probability of the predicted class)",
    yTitle: "accuracy",
    tip: (p, o, n) => `mean confidence ${p}, accuracy ${o} (${n} rows)`,
  });
}

function reliabilityCard(curve: CalibrationCurve, about: string, o: { xTitle: string; yTitle: string; tip: (p: string, o: string, n: string) => string }): string {
  const { probPred, probTrue, counts } = curve;
  const tips = Array.from(counts, (n, b) => o.tip(formatNumber(probPred[b], 3), formatNumber(probTrue[b], 3), formatCount(n)));
  const svg = lineChartSvg([{ name: "", x: probPred, y: probTrue, markers: true, tips }], {
    label: "Reliability curve",
    kind: "calibration",
    xTitle: o.xTitle,
    yTitle: o.yTitle,
    xDomain: UNIT,
    yDomain: UNIT,
    references: [{ from: [0, 0], to: [1, 1], label: "perfectly calibrated" }],
  });
  return chartCard("Calibration", about, svg, "calibration");
}

function confusion(result: TrainResult, names: readonly string[]): string {
  const K = names.length;
  const { y, pred } = result.test;
  const threshold = K === 2 ? result.threshold : null;
  const predicted = predictedClasses(pred, K, threshold);
  const counts = confusionCounts(y, predicted, K);
  let correct = 0;
  for (let k = 0; k < K; k++) correct += counts[k * K + k];
  const rule =
    threshold !== null
      ? `Predicted <code>${escapeHtml(names[1])}</code> when its probability is above ${formatNumber(threshold, 3)} (the threshold tuned on out-of-fold predictions).`
      : "Predicted the most probable class.";
  const svg = confusionMatrixSvg(names, counts, { label: "Confusion matrix" });
  return chartCard("Confusion matrix", `${rule} Accuracy ${formatPercent(correct / y.length)}; each row is shaded by its share of the true class.`, svg, "confusion");
}
