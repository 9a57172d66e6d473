// The SHAP summary strip ("beeswarm"): one row per feature, one dot per explained row at its SHAP
// value, coloured by the row's value of that feature (blue low, red high, grey for categories and
// missing values). Dots that would overlap are stacked outward from the row's centre line, so the
// density of effects shows without randomness.

import { linearScale, px, xAxis } from "./chart-axis.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatNumber } from "./format-number.js";
import { niceTicks } from "./nice-ticks.js";
import { extent } from "./plot-frame.js";
import { lowHighColor } from "./sequential-color.js";

export interface ShapStripRow {
  readonly feature: string;
  /** SHAP value of each explained row. */
  readonly values: ArrayLike<number>;
  /** The row's feature value as a rank in [0, 1]; NaN when it has no order or is missing. */
  readonly colorRank: ArrayLike<number>;
}

export interface ShapStripSvgOptions {
  readonly label: string;
  readonly xTitle?: string;
  readonly width?: number;
}

const ROW = 30;
const TOP = 10;
const BOTTOM = 48;
const DOT = 1.9;
/** Dots closer than this in x share a column and are stacked. */
const BIN_PX = 2.2;

export function shapStripSvg(rows: readonly ShapStripRow[], options: ShapStripSvgOptions): string {
  const width = options.width ?? 760;
  const longest = Math.max(4, ...rows.map((r) => Math.min(26, Array.from(r.feature).length)));
  const left = Math.min(200, 16 + longest * 6.6);
  const legendWidth = 70;
  const right = width - 20 - legendWidth;
  const baseline = TOP + rows.length * ROW;
  const height = baseline + BOTTOM;
  const domain = extent(rows.flatMap((r) => [...Array.from(r.values), 0])) ?? [-1, 1];
  const x = linearScale(domain[0], domain[1], left, right);
  const ticks = niceTicks(domain[0], domain[1], 6).map((value) => ({ value, label: formatNumber(value) }));
  const parts: string[] = [
    `<svg class="chart shap-strip" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.label)}">`,
    `<title>${escapeHtml(options.label)}</title>`,
    xAxis({ scale: x, ticks, y: baseline, gridTop: TOP, title: options.xTitle, titleX: (left + right) / 2 }),
    `<line class="baseline" x1="${px(x(0))}" x2="${px(x(0))}" y1="${TOP}" y2="${baseline}"/>`,
  ];
  rows.forEach((row, i) => {
    const centre = TOP + i * ROW + ROW / 2;
    if (i % 2 === 0) parts.push(`<rect class="zebra" x="${left}" y="${TOP + i * ROW}" width="${px(right - left)}" height="${ROW}"/>`);
    parts.push(`<text class="bar-label" x="${px(left - 8)}" y="${px(centre + 4)}" text-anchor="end">${escapeLabel(row.feature, 26)}<title>${escapeHtml(row.feature)}</title></text>`);
    parts.push(`<g class="strip">${stripDots(row, x, centre).join("")}</g>`);
  });
  parts.push(legend(right + 22, TOP + 4, Math.min(120, rows.length * ROW - 8)));
  parts.push("</svg>");
  return parts.join("");
}

/** Dots of one row, stacked alternately above and below the centre line within the row. */
function stripDots(row: ShapStripRow, x: (v: number) => number, centre: number): string[] {
  const n = Math.min(row.values.length, row.colorRank.length);
  const filled = new Map<number, number>();
  const maxOffset = ROW / 2 - DOT - 1;
  const dots: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = row.values[i];
    if (!Number.isFinite(v)) continue;
    const cx = x(v);
    const bin = Math.round(cx / BIN_PX);
    const k = filled.get(bin) ?? 0;
    filled.set(bin, k + 1);
    // 0, +1, −1, +2, −2, … dot widths from the centre, folded back into the row when it is full.
    const level = Math.ceil(k / 2) * (k % 2 === 1 ? 1 : -1) * DOT * 1.6;
    const offset = Math.abs(level) > maxOffset ? (level % maxOffset) : level;
    dots.push(`<circle cx="${px(cx)}" cy="${px(centre + offset)}" r="${DOT}" fill="${lowHighColor(row.colorRank[i])}"/>`);
  }
  return dots;
}

function legend(x: number, y: number, height: number): string {
  const steps = 20;
  const parts: string[] = [`<g class="legend">`];
  for (let s = 0; s < steps; s++) {
    parts.push(`<rect x="${x}" y="${px(y + (s * height) / steps)}" width="10" height="${px(height / steps + 0.5)}" fill="${lowHighColor(1 - (s + 0.5) / steps)}"/>`);
  }
  parts.push(`<text class="tick-label" x="${x + 14}" y="${y + 9}">high</text>`);
  parts.push(`<text class="tick-label" x="${x + 14}" y="${px(y + height)}">low</text>`);
  parts.push(`<text class="tick-label" x="${x - 4}" y="${px(y + height + 16)}">feature value</text>`);
  parts.push("</g>");
  return parts.join("");
}
