// One section per column: its flags, a table of statistics suited to its kind, and one chart
// (a histogram for numbers and dates, a bar chart of the most frequent values otherwise).

import type { Alert, ColumnProfile } from "../data/index.js";
import { type Bar, barChartSvg } from "./bar-chart-svg.js";
import { emptyChart, histogramSvg } from "./histogram-svg.js";
import { alertKindTitle } from "./alerts-section.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatDate, formatNumber, formatPercent } from "./format-number.js";
import { timeTicks } from "./time-ticks.js";

export interface ColumnSectionContext {
  /** Rows in the table, for shares. */
  readonly nRows: number;
  readonly isTarget: boolean;
  /** Alerts about this column, shown as badges. */
  readonly alerts: readonly Alert[];
}

/** Anchor of a column's section: by position, since column names may hold any character. */
export function columnAnchor(index: number): string {
  return `col-${index}`;
}

export function columnSection(column: ColumnProfile, index: number, context: ColumnSectionContext): string {
  const badges = columnBadges(column, context.isTarget);
  const tables = statsGroups(column, context.nRows).map((rows) => `<table class="stats"><tbody>${rows.join("")}</tbody></table>`);
  return [
    `<section class="column card" id="${columnAnchor(index)}">`,
    `<div class="head"><h3>${escapeHtml(column.name)}</h3>${badges}${alertBadges(column, context.alerts)}</div>`,
    `<div class="body"><div class="stats-groups">${tables.join("")}</div>`,
    `<div class="chart-box">${columnChart(column, context.nRows)}</div></div>`,
    "</section>",
  ].join("");
}

/** One badge per kind of alert about the column, except those its flags already show. */
function alertBadges(column: ColumnProfile, alerts: readonly Alert[]): string {
  const shownAsFlag = new Set<string>();
  if (column.isIdentifier) shownAsFlag.add("identifier");
  if (column.isPossiblyCategorical) shownAsFlag.add("possibly-categorical");
  const seen = new Set<string>();
  const badges: string[] = [];
  for (const alert of alerts) {
    if (seen.has(alert.kind) || shownAsFlag.has(alert.kind)) continue;
    seen.add(alert.kind);
    badges.push(`<span class="badge alert-${escapeHtml(alert.severity)}" title="${escapeHtml(alert.message)}">${escapeHtml(alertKindTitle(alert.kind).toLowerCase())}</span>`);
  }
  return badges.join("");
}

/** Kind, target and inference flags as badges (also used by the overview table). */
export function columnBadges(column: ColumnProfile, isTarget: boolean): string {
  const parts = [`<span class="badge kind">${escapeHtml(column.kind)}</span>`];
  if (isTarget) parts.push(`<span class="badge target">target</span>`);
  if (column.isIdentifier) parts.push(`<span class="badge flag">identifier</span>`);
  if (column.isPossiblyCategorical) parts.push(`<span class="badge flag">possibly categorical</span>`);
  return parts.join("");
}

function row(label: string, value: string): string {
  return `<tr><td>${escapeHtml(label)}</td><td class="num">${value}</td></tr>`;
}

/** Statistics as one or two short tables: counts and moments, then the quantiles beside them. */
function statsGroups(c: ColumnProfile, nRows: number): string[][] {
  const nPresent = nRows - c.nMissing;
  const general = [
    row("Values", formatCount(nPresent)),
    row("Missing", `${formatCount(c.nMissing)} (${formatPercent(c.missingShare)})`),
    row("Distinct", `${formatCount(c.nDistinct)}${nPresent > 0 ? ` (${formatPercent(c.nDistinct / nPresent)})` : ""}`),
  ];
  const n = c.numeric;
  if (n) {
    const q = n.quantiles;
    general.push(row("Mean", formatNumber(n.mean)), row("Std. dev.", formatNumber(n.std)), row("Skewness", formatNumber(n.skewness, 3)));
    general.push(row("Zeros", formatCount(n.nZeros)), row("Infinite", formatCount(n.nInfinite)));
    const quantiles = [row("Min", formatNumber(n.min)), row("1%", formatNumber(q.p1)), row("5%", formatNumber(q.p5)), row("25%", formatNumber(q.p25))];
    quantiles.push(row("Median", formatNumber(q.p50)), row("75%", formatNumber(q.p75)), row("95%", formatNumber(q.p95)), row("99%", formatNumber(q.p99)));
    quantiles.push(row("Max", formatNumber(n.max)));
    return [general, quantiles];
  }
  if (c.datetime) {
    const span = (Date.parse(c.datetime.max) - Date.parse(c.datetime.min)) / 86_400_000;
    general.push(row("First", escapeHtml(formatInstant(c.datetime.min))), row("Last", escapeHtml(formatInstant(c.datetime.max))));
    general.push(row("Span", Number.isFinite(span) ? `${formatNumber(span, 3)} days` : "—"));
  }
  const top = c.categorical?.top ?? c.text?.top;
  if (top && top.length > 0) {
    const first = top[0];
    general.push(row("Most frequent", `<span class="mono">${escapeHtml(first.value === "" ? "(empty)" : first.value)}</span>`));
    general.push(row("Its count", `${formatCount(first.count)} (${formatPercent(nRows > 0 ? first.count / nRows : NaN)})`));
  }
  if (c.categorical && c.categorical.otherCount > 0) {
    const nOtherValues = Math.max(0, c.nDistinct - c.categorical.top.length);
    general.push(row("Not listed", `${formatCount(nOtherValues)} values, ${formatCount(c.categorical.otherCount)} rows`));
  }
  if (c.text) general.push(row("Mean length", `${formatNumber(c.text.meanLength, 3)} chars`));
  return [general];
}

/** An ISO instant as a date, with the time of day only when it has one. */
function formatInstant(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return t % 86_400_000 === 0 ? formatDate(t) : `${formatDate(t, true)} UTC`;
}

function columnChart(c: ColumnProfile, nRows: number): string {
  if (c.numeric) {
    return histogramSvg(c.numeric.histogram, { label: `Histogram of ${c.name}`, xTitle: c.name });
  }
  if (c.datetime) {
    const h = c.datetime.histogram;
    const span = h.edges.length > 1 ? h.edges[h.edges.length - 1] - h.edges[0] : 0;
    const withTime = span < 3 * 86_400_000;
    return histogramSvg(h, { label: `Histogram of ${c.name}`, xTitle: c.name, format: (x) => formatDate(x, withTime), ticks: (lo, hi) => timeTicks(lo, hi) });
  }
  const top = c.categorical?.top ?? c.text?.top;
  if (top) {
    const bars: Bar[] = top.map((t) => ({ label: t.value, count: t.count }));
    const listed = top.reduce((sum, t) => sum + t.count, 0);
    // Text summaries carry no "other" count; what the top values leave over is the same thing.
    const other = c.categorical ? c.categorical.otherCount : nRows - c.nMissing - listed;
    if (other > 0) bars.push({ label: `(${formatCount(Math.max(0, c.nDistinct - top.length))} other values)`, count: other, tone: "other" });
    if (c.nMissing > 0) bars.push({ label: "(missing)", count: c.nMissing, tone: "missing" });
    return barChartSvg(bars, { label: `Most frequent values of ${c.name}`, total: nRows, maxLabelChars: 30 });
  }
  return `<svg class="chart empty" viewBox="0 0 640 120" width="640" height="120" role="img" aria-label="No chart for ${escapeHtml(c.name)}">${emptyChart(640, 120, "No summary for this column")}</svg>`;
}
