// The final word: the kept model's score on rows it never saw, with its bootstrap interval, and
// whether it really beats the runner-up (a paired bootstrap on the same rows), said in words and
// drawn as intervals on one axis.

import type { TrainResult } from "../automl/index.js";
import { linearScale, px, xAxis } from "./chart-axis.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatCount, formatNumber } from "./format-number.js";
import { niceTicks } from "./nice-ticks.js";
import { extent } from "./plot-frame.js";

/** Below this p-value a difference is called real. */
export const SIGNIFICANCE = 0.05;

export function testScoreSection(result: TrainResult): string {
  const { test, metric } = result;
  const level = formatNumber(test.level * 100, 3);
  const skipped = test.nSkipped > 0 ? ` (${formatCount(test.nSkipped)} rows without a usable target left out)` : "";
  const lines = [
    `<p class="headline">Test ${escapeHtml(metric.name)} <strong>${formatNumber(test.score)}</strong> <span class="muted">(${level}% bootstrap interval ${formatNumber(test.interval[0])} – ${formatNumber(test.interval[1])}, ${formatCount(test.nBootstrap)} resamples of ${formatCount(test.nRows)} held-back rows${escapeHtml(skipped)})</span>; cross-validated ${formatNumber(result.validationScore)}.</p>`,
    `<p class="verdict" data-verdict="${verdictKey(result)}">${escapeHtml(comparisonWords(result))}</p>`,
  ];
  return lines.join("") + `<div class="card">${intervalSvg(result)}</div>`;
}

function verdictKey(result: TrainResult): string {
  const r = result.test.runnerUp;
  if (!r) return "none";
  return r.pValue < SIGNIFICANCE ? "real" : "not-significant";
}

/** The runner-up comparison as a sentence a reviewer can quote. */
export function comparisonWords(result: TrainResult): string {
  const r = result.test.runnerUp;
  if (!r) return "No runner-up was scored on the test rows (a single candidate, or the budget ran out), so there is no comparison.";
  const better = result.metric.higherIsBetter ? r.difference > 0 : r.difference < 0;
  const p = r.pValue < 0.001 ? "p < 0.001" : `p = ${formatNumber(r.pValue, 2)}`;
  const sign = r.difference > 0 ? "+" : "";
  // Two significant digits: the interval is the precision there is.
  const facts = `Against the runner-up ${r.name} (test ${result.metric.name} ${formatNumber(r.score)}): difference ${sign}${formatNumber(r.difference, 2)} (interval ${formatNumber(r.interval[0], 2)} to ${formatNumber(r.interval[1], 2)}), ${p}`;
  if (r.pValue >= SIGNIFICANCE) return `${facts}: not significant — on these rows the two cannot be told apart.`;
  return better ? `${facts}: a real difference — the kept model is better.` : `${facts}: a real difference, in the runner-up's favour.`;
}

/** Validation score, test score with its interval, and the runner-up's test score on one axis. */
function intervalSvg(result: TrainResult): string {
  const { test } = result;
  const rows: { label: string; value: number; interval?: readonly [number, number]; tone: string }[] = [
    { label: "cross-validated", value: result.validationScore, tone: "cv" },
    { label: "test (kept model)", value: test.score, interval: test.interval, tone: "test" },
  ];
  if (test.runnerUp) rows.push({ label: `test (${test.runnerUp.name})`, value: test.runnerUp.score, tone: "runner-up" });
  const width = 760;
  const left = 190;
  const right = width - 30;
  const rowHeight = 26;
  const top = 8;
  const baseline = top + rows.length * rowHeight;
  const height = baseline + 44;
  const domain = extent(rows.flatMap((r) => [r.value, ...(r.interval ?? [])]), 0.15) ?? [0, 1];
  const x = linearScale(domain[0], domain[1], left, right);
  const ticks = niceTicks(domain[0], domain[1], 6).map((value) => ({ value, label: formatNumber(value) }));
  const marks = rows.map((r, i) => {
    const cy = top + i * rowHeight + rowHeight / 2;
    const whisker = r.interval ? `<line class="interval" x1="${px(x(r.interval[0]))}" x2="${px(x(r.interval[1]))}" y1="${cy}" y2="${cy}"/>` : "";
    const tip = `${r.label}: ${formatNumber(r.value)}${r.interval ? ` (${formatNumber(r.interval[0])} – ${formatNumber(r.interval[1])})` : ""}`;
    return (
      `<g class="score-row ${r.tone}"><title>${escapeHtml(tip)}</title>` +
      `<text class="bar-label" x="${left - 10}" y="${cy + 4}" text-anchor="end">${escapeLabel(r.label, 30)}</text>${whisker}` +
      `<circle class="mark ${r.tone}" cx="${px(x(r.value))}" cy="${cy}" r="5"/></g>`
    );
  });
  return [
    `<svg class="chart score-intervals" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Scores with intervals">`,
    xAxis({ scale: x, ticks, y: baseline, gridTop: top, title: result.metric.name, titleX: (left + right) / 2 }),
    marks.join(""),
    "</svg>",
  ].join("");
}
