// The TreeSHAP summary: mean |SHAP| per feature (how much each moves predictions, on average), and
// for the ten strongest a strip of every explained row's SHAP value coloured by the feature's value
// (which direction high and low values push). Needs the held-back rows themselves.

import type { TrainResult } from "../automl/index.js";
import { InvalidInput } from "../core/index.js";
import type { Frame } from "../data/index.js";
import { barChartSvg } from "./bar-chart-svg.js";
import { chartCard } from "./chart-card.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatNumber, formatPercent } from "./format-number.js";
import { shapSummary, valueRanks } from "./model-explanation.js";
import { shapStripSvg } from "./shap-strip-svg.js";

/** Held-back rows explained: TreeSHAP costs trees × leaves × depth² per row. */
export const MAX_SHAP_ROWS = 500;
const STRIP_FEATURES = 10;
const BAR_FEATURES = 20;

export function shapSection(result: TrainResult, testFrame: Frame | undefined): string {
  if (!testFrame) return `<p class="note">The held-back rows were not given to the report, so there is no SHAP summary.</p>`;
  let summary: ReturnType<typeof shapSummary>;
  try {
    summary = shapSummary(result.predictor, testFrame, { seed: result.seed, maxRows: MAX_SHAP_ROWS });
  } catch (caught) {
    if (!(caught instanceof InvalidInput)) throw caught;
    return `<p class="note">The held-back rows given to the report do not fit the model, so there is no SHAP summary: ${escapeHtml(caught.message)}</p>`;
  }
  if (!summary) return `<p class="note">No gradient boosting model is among the kept models (or there are no held-back rows), so there is no TreeSHAP summary.</p>`;
  const unit = result.task === "regression" ? `${result.target} units` : "log-odds";
  const toward = result.task === "classification" && result.classes.length > 2 ? " toward the class predicted for each row" : result.task === "classification" ? ` toward ${String(result.classes[1])}` : "";
  const bars = summary.meanAbs.slice(0, BAR_FEATURES).map((f) => ({ label: f.feature, count: f.value }));
  const barSvg = barChartSvg(bars, { label: "Mean absolute SHAP value", xTitle: `mean |SHAP| (${unit})`, format: (v) => formatNumber(v, 3), width: 760, maxLabelChars: 30 });
  const strips = summary.meanAbs.slice(0, STRIP_FEATURES).map(({ feature }) => ({
    feature,
    values: summary.values.get(feature)!,
    colorRank: valueRanks(testFrame.column(feature), summary.rows),
  }));
  const stripSvg = shapStripSvg(strips, { label: "SHAP values of the strongest features", xTitle: `SHAP value (${unit}${toward})` });
  const covered = summary.coveredWeight < 0.999 ? ` The gradient boosting models explained carry ${formatPercent(summary.coveredWeight)} of the ensemble's weight.` : "";
  const about = `TreeSHAP on ${formatCount(summary.rows.length)} held-back rows${summary.rows.length < testFrame.nRows ? ` (a seeded sample of ${formatCount(testFrame.nRows)})` : ""}, in ${unit}.${covered}`;
  return [
    `<p class="muted">${escapeHtml(about)}</p>`,
    chartCard("Mean |SHAP| per feature", "How far, on average, each feature moves a prediction away from the average one.", barSvg, "shap-importance"),
    chartCard(
      "SHAP values of the strongest features",
      `One dot per explained row: right of the line pushes the prediction up${escapeHtml(toward)}. Colour is the row's value of the feature (blue low, red high; grey for categories and missing values).`,
      stripSvg,
      "shap-strip",
    ),
  ].join("");
}
