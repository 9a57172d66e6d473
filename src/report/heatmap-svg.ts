// A correlation matrix as an SVG heatmap: one square per pair coloured on a diverging scale, row
// and column labels, a colour legend, and the exact value in each cell's tooltip. Cells shrink as
// the matrix grows; past a few dozen columns only every k-th label is printed so they stay legible.

import type { PairMatrix } from "../data/index.js";
import { px } from "./chart-axis.js";
import { NO_VALUE_COLOR, divergingColor, needsLightText } from "./diverging-color.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";

export interface HeatmapSvgOptions {
  /** Machine name of the measure ("pearson"), put on the SVG as data-matrix. */
  readonly measure: string;
  /** Human name of the measure, for the accessible label and tooltips. */
  readonly label: string;
  /** Signed measures span [-1, 1]; unsigned ones (Cramér's V) span [0, 1]. */
  readonly signed: boolean;
  /** Width and height of the cell grid in pixels. */
  readonly size?: number;
  /** Most labels printed along one axis. */
  readonly maxLabels?: number;
  readonly maxLabelChars?: number;
}

const LEGEND_WIDTH = 96;

export function heatmapSvg(matrix: PairMatrix, options: HeatmapSvgOptions): string {
  const n = matrix.names.length;
  // Large matrices get a larger grid, so cells stay at least a few pixels wide.
  const size = options.size ?? (n > 60 ? 720 : 560);
  const cell = Math.max(2, Math.min(40, Math.floor(size / Math.max(1, n))));
  const grid = cell * n;
  // Labels at 45° overlap closer than about 13 px apart: print every k-th one.
  const labelEvery = Math.max(Math.ceil(n / (options.maxLabels ?? 50)), Math.ceil(13 / cell));
  const fontSize = Math.max(9, Math.min(12, Math.round(cell * labelEvery * 0.75)));
  const maxChars = options.maxLabelChars ?? 18;
  const longest = Math.max(1, ...matrix.names.map((name) => Math.min(maxChars, Array.from(name).length)));
  const labelSpace = Math.ceil(longest * fontSize * 0.6) + 10;
  const left = labelSpace;
  // Column labels are written at 45°, so they need about 0.71 of their length in height.
  const top = Math.ceil(labelSpace * 0.72) + 8;
  const width = left + grid + 24 + LEGEND_WIDTH;
  const height = Math.max(top + grid + 12, top + 200);
  const printValues = cell >= 30;

  const cells: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix.values[i] ?? [];
    for (let j = 0; j < n; j++) {
      const value = row[j] ?? null;
      const ok = value !== null && Number.isFinite(value);
      const tip = `${matrix.names[i]} × ${matrix.names[j]}: ${ok ? value.toFixed(3) : "no value (too little data)"}`;
      const fill = ok ? divergingColor(value) : NO_VALUE_COLOR;
      const cls = ok ? "cell" : "cell missing";
      let text = "";
      if (printValues && ok) {
        const tone = needsLightText(value) ? " light" : "";
        text = `<text class="cell-value${tone}" x="${px(j * cell + cell / 2)}" y="${px(i * cell + cell / 2 + 4)}" text-anchor="middle">${formatCell(value)}</text>`;
      }
      cells.push(`<rect class="${cls}" x="${j * cell}" y="${i * cell}" width="${cell}" height="${cell}" fill="${fill}"><title>${escapeHtml(tip)}</title></rect>${text}`);
    }
  }

  const labels: string[] = [];
  for (let k = 0; k < n; k += labelEvery) {
    const name = matrix.names[k];
    const c = px(k * cell + cell / 2);
    const short = escapeLabel(name, maxChars);
    labels.push(`<text class="row-label" x="-6" y="${px(c + fontSize * 0.35)}" text-anchor="end">${short}<title>${escapeHtml(name)}</title></text>`);
    labels.push(`<text class="col-label" transform="translate(${c} -6) rotate(-45)">${short}<title>${escapeHtml(name)}</title></text>`);
  }

  return [
    `<svg class="chart heatmap" data-matrix="${escapeHtml(options.measure)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(`${options.label} heatmap of ${n} columns`)}">`,
    `<g transform="translate(${left} ${top})" style="font-size:${fontSize}px">`,
    `<g class="cells" shape-rendering="crispEdges">${cells.join("")}</g>`,
    `<rect class="grid-frame" x="0" y="0" width="${grid}" height="${grid}"/>`,
    labels.join(""),
    "</g>",
    legend(left + grid + 24, top, options.signed, hasMissing(matrix)),
    "</svg>",
  ].join("");
}

function formatCell(value: number): string {
  const text = value.toFixed(2);
  return text === "-0.00" ? "0.00" : text.replace("-", "−");
}

function hasMissing(matrix: PairMatrix): boolean {
  return matrix.values.some((row) => row.some((v) => v === null || !Number.isFinite(v)));
}

/** A vertical colour bar with ticks, plus a grey swatch when some pairs have no value. */
function legend(x: number, y: number, signed: boolean, withMissing: boolean): string {
  const barHeight = 160;
  const steps = 40;
  const lo = signed ? -1 : 0;
  const parts: string[] = [`<g class="legend" transform="translate(${x} ${y})">`];
  for (let s = 0; s < steps; s++) {
    // Top of the bar is +1, as on most correlation plots.
    const value = 1 - ((s + 0.5) / steps) * (1 - lo);
    parts.push(`<rect x="0" y="${px((s * barHeight) / steps)}" width="14" height="${px(barHeight / steps + 0.5)}" fill="${divergingColor(value)}"/>`);
  }
  parts.push(`<rect class="legend-frame" x="0" y="0" width="14" height="${barHeight}"/>`);
  const ticks = signed ? [1, 0.5, 0, -0.5, -1] : [1, 0.75, 0.5, 0.25, 0];
  for (const t of ticks) {
    const ty = px(((1 - t) / (1 - lo)) * barHeight);
    parts.push(`<line class="tick" x1="14" x2="18" y1="${ty}" y2="${ty}"/>`);
    parts.push(`<text class="tick-label" x="22" y="${px(ty + 4)}">${t < 0 ? "−" + Math.abs(t) : t}</text>`);
  }
  if (withMissing) {
    parts.push(`<rect x="0" y="${barHeight + 14}" width="14" height="14" fill="${NO_VALUE_COLOR}"/>`);
    parts.push(`<text class="tick-label" x="22" y="${barHeight + 25}">no value</text>`);
  }
  parts.push("</g>");
  return parts.join("");
}
