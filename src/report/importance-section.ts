// Feature importance by gain: how much of the boosting members' total loss reduction came from
// splits on each feature, blended by member weight.

import type { TrainResult } from "../automl/index.js";
import { barChartSvg } from "./bar-chart-svg.js";
import { escapeHtml } from "./escape-html.js";
import { formatPercent } from "./format-number.js";
import { gainImportance } from "./model-explanation.js";

/** Features drawn; the rest are counted under the chart. */
const MAX_FEATURES = 30;

export function importanceSection(result: TrainResult): string {
  const importance = gainImportance(result.predictor);
  if (!importance) return `<p class="note">No gradient boosting model is among the kept models, so there is no gain importance to show.</p>`;
  const shown = importance.features.slice(0, MAX_FEATURES);
  const bars = shown.map((f) => ({ label: f.feature, count: f.value }));
  const unused = importance.features.filter((f) => f.value === 0).length;
  const notes = [
    `Share of the total split gain (loss reduction) of the gradient boosting model${result.predictor.members.length > 1 ? "s, weighted by ensemble weight" : ""}.`,
    importance.coveredWeight < 0.999 ? `These models carry ${formatPercent(importance.coveredWeight)} of the ensemble's weight; the others are not explained here.` : "",
    importance.features.length > MAX_FEATURES ? `The ${MAX_FEATURES} largest of ${importance.features.length} features are drawn.` : "",
    unused > 0 ? `${unused} feature${unused === 1 ? " is" : "s are"} never split on.` : "",
  ].filter((s) => s !== "");
  const svg = barChartSvg(bars, { label: "Feature importance by gain", xTitle: "share of gain", format: (v) => formatPercent(v), width: 760, maxLabelChars: 30 });
  return `<p class="muted">${escapeHtml(notes.join(" "))}</p><div class="card" data-chart="importance">${svg}</div>`;
}
