// A histogram as an inline SVG: bars on a linear value axis, a count axis with grid lines, and a
// tooltip per bar giving its range and count.

import type { Histogram } from "../data/index.js";
import { type Tick, linearScale, px, xAxis, yAxis } from "./chart-axis.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatNumber } from "./format-number.js";
import { niceMax, niceTicks } from "./nice-ticks.js";

export interface HistogramSvgOptions {
  /** Read by screen readers and shown when there is nothing to plot. */
  readonly label: string;
  readonly xTitle?: string;
  /** How to print a value on the x axis and in tooltips (default: formatNumber). */
  readonly format?: (x: number) => string;
  /** Ticks for the x axis; default: round numbers over the histogram's range. */
  readonly ticks?: (lo: number, hi: number) => Tick[];
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { top: 12, right: 20, bottom: 46, left: 64 };

/** Whether a histogram has bins whose edges make sense and at least one counted value. */
export function isPlottable(h: Histogram | undefined): h is Histogram {
  if (!h || h.counts.length === 0 || h.edges.length !== h.counts.length + 1) return false;
  if (!h.edges.every(Number.isFinite)) return false;
  for (let i = 1; i < h.edges.length; i++) if (h.edges[i] < h.edges[i - 1]) return false;
  return h.counts.some((c) => Number.isFinite(c) && c > 0);
}

export function histogramSvg(histogram: Histogram | undefined, options: HistogramSvgOptions): string {
  const width = options.width ?? 660;
  const height = options.height ?? 240;
  const open = `<svg class="chart histogram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.label)}">`;
  if (!isPlottable(histogram)) return open + emptyChart(width, height, "No values to plot") + "</svg>";

  const format = options.format ?? ((x: number) => formatNumber(x));
  const { edges, counts } = histogram;
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  const plotRight = width - MARGIN.right;
  const baseline = height - MARGIN.bottom;
  const x = linearScale(lo, hi, MARGIN.left, plotRight);
  const yMax = niceMax(Math.max(...counts.filter(Number.isFinite)));
  const y = linearScale(0, yMax, baseline, MARGIN.top);

  const yTicks = niceTicks(0, yMax, 4).map((value) => ({ value, label: formatCount(value) }));
  // A constant column has lo === hi: one bar across the plot, labelled with its single value.
  const xTicks = lo === hi ? [{ value: lo, label: format(lo) }] : (options.ticks ?? defaultTicks(format))(lo, hi);

  const bars: string[] = [];
  const nBins = counts.length;
  for (let i = 0; i < nBins; i++) {
    const count = counts[i];
    if (!Number.isFinite(count) || count <= 0) continue;
    const left = lo === hi ? MARGIN.left : x(edges[i]);
    const right = lo === hi ? plotRight : x(edges[i + 1]);
    const gap = right - left > 4 ? 1 : 0;
    const top = y(count);
    const closing = i === nBins - 1 ? "]" : ")";
    const tip = `[${format(edges[i])}, ${format(edges[i + 1])}${closing}: ${formatCount(count)}`;
    bars.push(
      `<rect class="bar" x="${px(left + gap / 2)}" y="${px(top)}" width="${px(Math.max(0.5, right - left - gap))}" height="${px(baseline - top)}"><title>${escapeHtml(tip)}</title></rect>`,
    );
  }

  return [
    open,
    yAxis({ scale: y, ticks: yTicks, x: MARGIN.left, right: plotRight, title: "count", titleY: (MARGIN.top + baseline) / 2 }),
    `<g class="bars">${bars.join("")}</g>`,
    `<line class="baseline" x1="${MARGIN.left}" x2="${plotRight}" y1="${baseline}" y2="${baseline}"/>`,
    xAxis({ scale: lo === hi ? () => (MARGIN.left + plotRight) / 2 : x, ticks: xTicks, y: baseline, title: options.xTitle, titleX: (MARGIN.left + plotRight) / 2 }),
    "</svg>",
  ].join("");
}

function defaultTicks(format: (x: number) => string): (lo: number, hi: number) => Tick[] {
  return (lo, hi) => niceTicks(lo, hi, 6).map((value) => ({ value, label: format(value) }));
}

/** A framed, empty plot area saying why there is no chart, so layouts do not jump. */
export function emptyChart(width: number, height: number, message: string): string {
  return (
    `<rect class="empty-frame" x="1" y="1" width="${width - 2}" height="${height - 2}" rx="6"/>` +
    `<text class="empty-message" x="${width / 2}" y="${height / 2 + 4}" text-anchor="middle">${escapeHtml(message)}</text>`
  );
}
