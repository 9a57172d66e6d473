// Word-sized bar charts for the overview table: the shape of a column at a glance, no axes.

import { px } from "./chart-axis.js";
import { escapeHtml } from "./escape-html.js";

export interface SparklineSvgOptions {
  /** Tooltip and accessible name. */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

/** Bars of `values` scaled to the largest; an empty or all-zero input draws a flat line. */
export function sparklineSvg(values: readonly number[], options: SparklineSvgOptions): string {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const finite = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const max = finite.length > 0 ? Math.max(...finite) : 0;
  const open = `<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.label)}"><title>${escapeHtml(options.label)}</title>`;
  if (max === 0) {
    return `${open}<line class="spark-empty" x1="0" x2="${width}" y1="${height - 1}" y2="${height - 1}"/></svg>`;
  }
  const step = width / finite.length;
  const gap = step > 3 ? 1 : 0;
  const bars = finite.map((v, i) => {
    if (v === 0) return "";
    const h = Math.max(1, (v / max) * (height - 2));
    return `<rect x="${px(i * step)}" y="${px(height - h)}" width="${px(Math.max(0.5, step - gap))}" height="${px(h)}"/>`;
  });
  return `${open}<line class="spark-base" x1="0" x2="${width}" y1="${height - 0.5}" y2="${height - 0.5}"/>${bars.join("")}</svg>`;
}
