// A horizontal bar chart of counts (top categories, boolean values, class balance): one labelled
// row per value, count and share printed at the end of each bar, a count axis underneath.

import { linearScale, px, xAxis } from "./chart-axis.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatCount, formatPercent } from "./format-number.js";
import { emptyChart } from "./histogram-svg.js";
import { niceMax, niceTicks } from "./nice-ticks.js";

export interface Bar {
  readonly label: string;
  readonly count: number;
  /** "other" and "missing" rows are drawn in quieter colours than real values. */
  readonly tone?: "value" | "other" | "missing";
}

export interface BarChartSvgOptions {
  readonly label: string;
  /** Rows the shares are taken of; without it no share is printed. */
  readonly total?: number;
  /** How a value reads at the bar's end and on the axis; default a count (and its share of total). */
  readonly format?: (value: number) => string;
  readonly xTitle?: string;
  readonly width?: number;
  /** Characters of a value label shown before it is cut (the full value is in the tooltip). */
  readonly maxLabelChars?: number;
}

const ROW = 20;
const TOP = 8;
const BOTTOM = 46;
const RIGHT = 96;

export function barChartSvg(bars: readonly Bar[], options: BarChartSvgOptions): string {
  const width = options.width ?? 660;
  const maxChars = options.maxLabelChars ?? 26;
  const shown = bars.filter((b) => Number.isFinite(b.count) && b.count > 0);
  if (shown.length === 0) {
    const height = 120;
    return `${open(width, height, options.label)}${emptyChart(width, height, "No values to plot")}</svg>`;
  }
  const longest = Math.max(...shown.map((b) => Math.min(maxChars, Array.from(b.label || "(empty)").length)));
  const left = Math.min(220, 16 + longest * 6.6);
  const height = TOP + shown.length * ROW + BOTTOM;
  const baseline = TOP + shown.length * ROW;
  const xMax = niceMax(Math.max(...shown.map((b) => b.count)));
  const x = linearScale(0, xMax, left, width - RIGHT);
  const format = options.format ?? formatCount;
  const ticks = niceTicks(0, xMax, 5).map((value) => ({ value, label: format(value) }));

  const rows = shown.map((bar, i) => {
    const yTop = TOP + i * ROW;
    const end = x(bar.count);
    const total = options.format ? 0 : (options.total ?? 0);
    const shareText = total > 0 ? ` (${formatPercent(bar.count / total)})` : "";
    const valueText = `${format(bar.count)}${shareText}`;
    // An empty string is a real category value; show it as a visible placeholder, not as nothing.
    const shownLabel = bar.label === "" ? "(empty)" : bar.label;
    return (
      `<g class="bar-row ${bar.tone ?? "value"}">` +
      `<title>${escapeHtml(`${shownLabel}: ${valueText}`)}</title>` +
      `<text class="bar-label" x="${left - 8}" y="${yTop + 14}" text-anchor="end">${escapeLabel(shownLabel, maxChars)}</text>` +
      `<rect class="bar" x="${left}" y="${yTop + 3}" width="${px(Math.max(1, end - left))}" height="${ROW - 6}" rx="2"/>` +
      `<text class="bar-value" x="${px(end + 6)}" y="${yTop + 14}">${escapeHtml(valueText)}</text>` +
      `</g>`
    );
  });

  return [
    open(width, height, options.label),
    xAxis({ scale: x, ticks, y: baseline, gridTop: TOP, title: options.xTitle ?? "rows", titleX: (left + width - RIGHT) / 2 }),
    rows.join(""),
    `<line class="baseline" x1="${left}" x2="${left}" y1="${TOP}" y2="${baseline}"/>`,
    "</svg>",
  ].join("");
}

function open(width: number, height: number, label: string): string {
  return `<svg class="chart bar-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">`;
}
