// The three correlation heatmaps: Pearson and Spearman over numeric columns, Cramér's V over
// categorical ones. A matrix with fewer than two columns gets a sentence instead of a chart.

import type { PairMatrix, Profile } from "../data/index.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount } from "./format-number.js";
import { heatmapSvg } from "./heatmap-svg.js";

interface Measure {
  readonly key: "pearson" | "spearman" | "cramersV";
  readonly title: string;
  readonly about: string;
  readonly over: string;
  readonly signed: boolean;
}

const MEASURES: readonly Measure[] = [
  { key: "pearson", title: "Pearson", about: "Linear correlation of numeric columns, from −1 to 1.", over: "numeric", signed: true },
  { key: "spearman", title: "Spearman", about: "Rank correlation of numeric columns (any monotonic relation).", over: "numeric", signed: true },
  { key: "cramersV", title: "Cramér’s V", about: "Association of categorical columns, from 0 (none) to 1 (full).", over: "categorical", signed: false },
];

/** Up to this many columns the three heatmaps share a row. */
const THREE_ACROSS_MAX = 6;
/** Above this many columns a heatmap gets the full width instead of sharing a row. */
const SIDE_BY_SIDE_MAX = 14;

export function correlationSection(correlations: Profile["correlations"], nRows: number): string {
  const sample =
    correlations.nRows < nRows
      ? `Computed on a seeded sample of ${formatCount(correlations.nRows)} of ${formatCount(nRows)} rows.`
      : `Computed on all ${formatCount(correlations.nRows)} rows.`;
  const largest = Math.max(...MEASURES.map((m) => correlations[m.key].names.length));
  const cards = MEASURES.map((m) => heatmapCard(m, correlations[m.key]));
  return [
    `<p class="muted">${sample} Hover a cell for its exact value; grey cells had too little data.</p>`,
    `<div class="heatmaps${layout(largest)}">${cards.join("")}</div>`,
  ].join("");
}

function layout(largest: number): string {
  if (largest > SIDE_BY_SIDE_MAX) return " wide";
  return largest <= THREE_ACROSS_MAX ? " three" : "";
}

function heatmapCard(measure: Measure, matrix: PairMatrix): string {
  const n = matrix.names.length;
  const head = `<h3>${escapeHtml(measure.title)}</h3><p class="muted">${escapeHtml(measure.about)}</p>`;
  let body: string;
  if (n === 0) body = `<p class="note">No ${measure.over} columns, so there is no ${escapeHtml(measure.title)} heatmap.</p>`;
  else if (n === 1) body = `<p class="note">Only one ${measure.over} column (${escapeHtml(matrix.names[0])}): nothing to correlate it with.</p>`;
  else body = heatmapSvg(matrix, { measure: measure.key, label: measure.title, signed: measure.signed });
  return `<div class="heatmap-card card" data-measure="${measure.key}">${head}${body}</div>`;
}
