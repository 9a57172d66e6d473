// How much each column tells about the target, as two side-by-side bar panels sharing one row per
// column: the uncertainty coefficient (information, 0–1) and the column's predictive power alone
// (AUC, where 0.5 is chance, or R², where 0 is chance). Sorted by predictive power.

import type { TargetAssociation } from "../data/index.js";
import { linearScale, px, xAxis } from "./chart-axis.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatNumber } from "./format-number.js";
import { niceTicks } from "./nice-ticks.js";

export interface AssociationChartSvgOptions {
  /** Most columns drawn; the rest are counted under the chart by the caller. */
  readonly maxRows?: number;
  readonly width?: number;
}

const ROW = 20;
const TOP = 40;
const BOTTOM = 34;
const GAP = 96;

/** Associations in the order the chart draws them: strongest predictive power first. */
export function sortAssociations(associations: readonly TargetAssociation[]): TargetAssociation[] {
  const key = (x: number) => (Number.isFinite(x) ? x : -Infinity);
  return [...associations].sort(
    (a, b) => key(b.predictivePower) - key(a.predictivePower) || key(b.uncertaintyCoefficient) - key(a.uncertaintyCoefficient) || (a.column < b.column ? -1 : 1),
  );
}

export function associationChartSvg(associations: readonly TargetAssociation[], options: AssociationChartSvgOptions = {}): string {
  const rows = sortAssociations(associations).slice(0, options.maxRows ?? 60);
  const width = options.width ?? 1000;
  const longest = Math.max(4, ...rows.map((r) => Math.min(28, Array.from(r.column).length)));
  const left = Math.min(210, 16 + longest * 6.6);
  const panelWidth = (width - left - GAP - 60) / 2;
  const baseline = TOP + rows.length * ROW;
  const height = baseline + BOTTOM;
  const isAuc = rows.every((r) => r.metric === "auc");
  const powers = rows.map((r) => r.predictivePower).filter(Number.isFinite);
  // AUC panels start at chance (0.5); R² can be negative on held-out rows, so its panel extends left.
  const chance = isAuc ? 0.5 : 0;
  const powerLo = Math.min(chance, Math.floor(Math.min(chance, ...powers) * 10) / 10);
  const panels = [
    { title: "Uncertainty coefficient", lo: 0, hi: 1, base: 0, pick: (r: TargetAssociation) => r.uncertaintyCoefficient, cls: "u" },
    { title: isAuc ? "Predictive power (ROC AUC)" : "Predictive power (R²)", lo: Math.max(-1, powerLo), hi: 1, base: chance, pick: (r: TargetAssociation) => r.predictivePower, cls: "power" },
  ];

  const parts: string[] = [
    `<svg class="chart association-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Association of each column with the target">`,
  ];
  rows.forEach((r, i) => {
    if (i % 2 === 0) parts.push(`<rect class="zebra" x="0" y="${TOP + i * ROW}" width="${width}" height="${ROW}"/>`);
    parts.push(`<text class="bar-label" x="${left - 8}" y="${TOP + i * ROW + 14}" text-anchor="end">${escapeLabel(r.column, 28)}<title>${escapeHtml(r.column)}</title></text>`);
  });
  panels.forEach((panel, p) => {
    const x0 = left + p * (panelWidth + GAP);
    const x = linearScale(panel.lo, panel.hi, x0, x0 + panelWidth);
    const ticks = niceTicks(panel.lo, panel.hi, 5).map((value) => ({ value, label: formatNumber(value) }));
    parts.push(`<text class="panel-title" x="${px(x0)}" y="${TOP - 14}">${escapeHtml(panel.title)}</text>`);
    parts.push(xAxis({ scale: x, ticks, y: baseline, gridTop: TOP }));
    // Each panel gets its own axis line so the two scales do not read as one long axis.
    parts.push(`<line class="panel-axis" x1="${px(x0)}" x2="${px(x0 + panelWidth)}" y1="${baseline}" y2="${baseline}"/>`);
    rows.forEach((r, i) => {
      const value = panel.pick(r);
      if (!Number.isFinite(value)) return;
      const v = Math.max(panel.lo, Math.min(panel.hi, value));
      const a = x(Math.min(v, panel.base));
      const b = x(Math.max(v, panel.base));
      const y = TOP + i * ROW;
      const tip = `${r.column}: ${panel.title} ${formatNumber(value, 3)} (mutual information ${formatNumber(r.mutualInformation, 3)} nats)`;
      parts.push(
        `<g class="assoc-bar ${panel.cls}"><title>${escapeHtml(tip)}</title><rect class="bar" x="${px(a)}" y="${y + 4}" width="${px(Math.max(1, b - a))}" height="${ROW - 8}" rx="2"/>` +
          `<text class="bar-value" x="${px(b + 5)}" y="${y + 14}">${formatNumber(value, 3)}</text></g>`,
      );
    });
    parts.push(`<line class="baseline" x1="${px(x(panel.base))}" x2="${px(x(panel.base))}" y1="${TOP - 4}" y2="${baseline}"/>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
