// A confusion matrix as a grid: rows are the true classes, columns the predicted ones, each cell
// shaded by its share of the true class (so every row reads as recall) and printed with its count
// when there is room. Many classes shrink the cells; labels are cut with the full name in a tooltip.

import { px } from "./chart-axis.js";
import { escapeHtml, escapeLabel } from "./escape-html.js";
import { formatCount, formatPercent } from "./format-number.js";
import { blueScale, needsLightTextOnBlue } from "./sequential-color.js";

export interface ConfusionMatrixSvgOptions {
  readonly label: string;
  /** Width and height of the grid in pixels. */
  readonly size?: number;
  readonly maxLabelChars?: number;
}

/** `counts` is K × K row-major: entry (t, p) counts rows of true class t predicted as p. */
export function confusionMatrixSvg(labels: readonly string[], counts: ArrayLike<number>, options: ConfusionMatrixSvgOptions): string {
  const K = labels.length;
  const cell = Math.max(10, Math.min(72, Math.floor((options.size ?? 360) / Math.max(1, K))));
  const grid = cell * K;
  const maxChars = options.maxLabelChars ?? 16;
  const longest = Math.max(1, ...labels.map((l) => Math.min(maxChars, Array.from(l).length)));
  // About 7.5 px a character at 12 px, so a label never runs into the axis title left of it.
  const labelSpace = Math.ceil(longest * 7.5) + 12;
  const left = labelSpace + 26;
  const top = Math.ceil(labelSpace * 0.72) + 30;
  const width = left + grid + 16;
  const height = top + grid + 16;
  const rowTotals = labels.map((_, t) => {
    let sum = 0;
    for (let p = 0; p < K; p++) sum += counts[t * K + p];
    return sum;
  });
  const cells: string[] = [];
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const count = counts[t * K + p];
      const share = rowTotals[t] > 0 ? count / rowTotals[t] : NaN;
      const tip = `true ${labels[t]}, predicted ${labels[p]}: ${formatCount(count)} (${formatPercent(share)} of true ${labels[t]})`;
      const cls = t === p ? "cm-cell diagonal" : "cm-cell";
      cells.push(`<rect class="${cls}" x="${p * cell}" y="${t * cell}" width="${cell}" height="${cell}" fill="${blueScale(share)}"><title>${escapeHtml(tip)}</title></rect>`);
      if (cell >= 34) {
        const tone = needsLightTextOnBlue(share) ? " light" : "";
        cells.push(`<text class="cell-value${tone}" x="${px(p * cell + cell / 2)}" y="${px(t * cell + cell / 2 + 4)}" text-anchor="middle">${formatCount(count)}</text>`);
      }
    }
  }
  const names: string[] = [];
  for (let k = 0; k < K; k++) {
    const c = px(k * cell + cell / 2);
    const short = escapeLabel(labels[k], maxChars);
    names.push(`<text class="row-label" x="-6" y="${px(c + 4)}" text-anchor="end">${short}<title>${escapeHtml(labels[k])}</title></text>`);
    names.push(`<text class="col-label" transform="translate(${c} -6) rotate(-45)">${short}<title>${escapeHtml(labels[k])}</title></text>`);
  }
  return [
    `<svg class="chart confusion-matrix" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.label)}">`,
    `<title>${escapeHtml(options.label)}</title>`,
    `<text class="axis-title" x="${px(left + grid / 2)}" y="14" text-anchor="middle">predicted class</text>`,
    `<text class="axis-title" x="12" y="${px(top + grid / 2)}" text-anchor="middle" transform="rotate(-90 12 ${px(top + grid / 2)})">true class</text>`,
    `<g transform="translate(${left} ${top})">`,
    `<g class="cells" shape-rendering="crispEdges">${cells.join("")}</g>`,
    `<rect class="grid-frame" x="0" y="0" width="${grid}" height="${grid}"/>`,
    names.join(""),
    "</g></svg>",
  ].join("");
}
