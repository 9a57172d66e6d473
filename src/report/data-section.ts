// The data the model was trained on: which columns became features, which were dropped and why,
// and every warning of the run — leakage suspects first, because a model that reads the answer
// from a column scores beautifully and is worthless.

import type { TrainResult } from "../automl/index.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount } from "./format-number.js";

export function dataSection(result: TrainResult): string {
  const leakage = result.warnings.filter((w) => /leak/i.test(w));
  const others = result.warnings.filter((w) => !/leak/i.test(w));
  const parts: string[] = [];
  if (result.warnings.length === 0) parts.push(`<p class="note">No warnings: nothing in this run looked suspicious.</p>`);
  else parts.push(`<div class="alerts">${group("Possible leakage", leakage, "warning leakage")}${group("Other warnings", others, "warning")}</div>`);
  parts.push(
    `<p>${formatCount(result.features.length)} feature${result.features.length === 1 ? "" : "s"} of ${formatCount(result.profile.nCols)} columns, ` +
      `${formatCount(result.nTrainRows)} training rows.</p>`,
  );
  if (result.dropped.length === 0) parts.push(`<p class="note">No column was dropped.</p>`);
  else {
    const rows = result.dropped.map((d) => `<tr><td class="name"><code>${escapeHtml(d.column)}</code></td><td>${escapeHtml(d.reason)}</td></tr>`);
    parts.push(`<h4>Dropped columns (${result.dropped.length})</h4><div class="table-wrap"><table class="dropped"><thead><tr><th>Column</th><th>Reason</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`);
  }
  const features = result.features.map((f) => `<code>${escapeHtml(f)}</code>`).join(", ");
  parts.push(`<h4>Features</h4><p class="feature-list">${features}</p>`);
  return parts.join("");
}

function group(title: string, warnings: readonly string[], tone: string): string {
  if (warnings.length === 0) return "";
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("");
  return `<div class="alert-group ${tone}"><h3>${escapeHtml(title)} (${warnings.length})</h3><ul class="warning-list">${items}</ul></div>`;
}
