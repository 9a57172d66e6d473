// The frame of an x–y chart: margins, linear scales, axes with round ticks and grid lines, and an
// optional legend under the plot. Line charts and scatter plots draw inside it, so every
// curve in the training report reads the same way.

import { linearScale, px, xAxis, yAxis } from "./chart-axis.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatNumber } from "./format-number.js";
import { niceTicks } from "./nice-ticks.js";

export type Domain = readonly [number, number];

export interface PlotFrameOptions {
  /** Class on the <svg> after "chart", e.g. "line-chart roc". */
  readonly className: string;
  /** Accessible name. */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly xDomain: Domain;
  readonly yDomain: Domain;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly xFormat?: (x: number) => string;
  readonly yFormat?: (y: number) => string;
  /** Ticks on whole numbers only (counts, steps). */
  readonly integerX?: boolean;
  /** Legend entries: a CSS class for the swatch and a name. */
  readonly legend?: readonly LegendEntry[];
}

export interface LegendEntry {
  readonly tone: string;
  readonly name: string;
  /** "line" swatch (default) or a "dot". */
  readonly swatch?: "line" | "dot";
}

export interface PlotFrame {
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** The opening <svg> tag, axes, grid and legend (under the plot, growing the height): draw the marks after it, then close with </svg>. */
  readonly head: string;
}

const MARGIN = { top: 14, right: 18, bottom: 48, left: 66 };
const LEGEND_ROW = 18;
const LEGEND_CHARS = 48;

export function plotFrame(o: PlotFrameOptions): PlotFrame {
  const legendHeight = o.legend && o.legend.length > 0 ? o.legend.length * LEGEND_ROW + 6 : 0;
  const height = o.height + legendHeight;
  const left = MARGIN.left;
  const right = o.width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = o.height - MARGIN.bottom;
  const x = linearScale(o.xDomain[0], o.xDomain[1], left, right);
  const y = linearScale(o.yDomain[0], o.yDomain[1], bottom, top);
  const xFormat = o.xFormat ?? ((v: number) => formatNumber(v));
  const yFormat = o.yFormat ?? ((v: number) => formatNumber(v));
  const xTicks = niceTicks(o.xDomain[0], o.xDomain[1], 6)
    .filter((value) => !o.integerX || Number.isInteger(value))
    .map((value) => ({ value, label: xFormat(value) }));
  const yTicks = niceTicks(o.yDomain[0], o.yDomain[1], 5).map((value) => ({ value, label: yFormat(value) }));
  const head = [
    `<svg class="chart ${escapeHtml(o.className)}" viewBox="0 0 ${o.width} ${height}" width="${o.width}" height="${height}" role="img" aria-label="${escapeHtml(o.label)}">`,
    `<title>${escapeHtml(o.label)}</title>`,
    yAxis({ scale: y, ticks: yTicks, x: left, right, title: o.yTitle, titleY: (top + bottom) / 2 }),
    xAxis({ scale: x, ticks: xTicks, y: bottom, title: o.xTitle, titleX: (left + right) / 2 }),
    `<rect class="plot-frame" x="${left}" y="${top}" width="${px(right - left)}" height="${px(bottom - top)}"/>`,
    legendHeight > 0 ? legend(o.legend!, left, o.height + 4) : "",
  ].join("");
  return { x, y, left, right, top, bottom, head };
}

function legend(entries: readonly LegendEntry[], x: number, y: number): string {
  const rows = entries.map((e, i) => {
    const cy = y + 8 + i * LEGEND_ROW;
    const swatch =
      e.swatch === "dot"
        ? `<circle class="mark ${escapeHtml(e.tone)}" cx="${x + 9}" cy="${cy}" r="4"/>`
        : `<line class="curve ${escapeHtml(e.tone)}" x1="${x}" x2="${x + 18}" y1="${cy}" y2="${cy}"/>`;
    return `<g class="legend-entry">${swatch}<text class="legend-label" x="${x + 24}" y="${cy + 4}">${escapeLabel(e.name, LEGEND_CHARS)}<title>${escapeHtml(e.name)}</title></text></g>`;
  });
  return `<g class="legend">${rows.join("")}</g>`;
}

/** [min, max] of the finite values, widened by `pad` of the span (or ±0.5 when constant); null when none. */
export function extent(values: Iterable<number>, pad = 0.04): Domain | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return null;
  if (lo === hi) {
    const half = lo === 0 ? 0.5 : Math.abs(lo) * 0.05;
    return [lo - half, hi + half];
  }
  const margin = (hi - lo) * pad;
  return [lo - margin, hi + margin];
}
