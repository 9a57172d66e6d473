// A scatter plot of up to a few thousand points (the caller subsamples): predicted against actual,
// residuals against predicted. Small translucent dots so dense regions read as darker, and a
// reference line: y = x (a perfect model) or y = 0 (no error).

import { px } from "./chart-axis.js";
import { escapeHtml } from "./escape-html.js";
import { emptyChart } from "./histogram-svg.js";
import { type Domain, extent, plotFrame } from "./plot-frame.js";

export interface ScatterSvgOptions {
  readonly label: string;
  readonly kind?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** "diagonal": y = x, with both axes over the same range; "zero": y = 0. */
  readonly reference?: "diagonal" | "zero";
  readonly xFormat?: (x: number) => string;
  readonly yFormat?: (y: number) => string;
  readonly width?: number;
  readonly height?: number;
}

export function scatterSvg(x: ArrayLike<number>, y: ArrayLike<number>, options: ScatterSvgOptions): string {
  const width = options.width ?? 460;
  const height = options.height ?? 380;
  const className = `scatter${options.kind ? ` ${options.kind}` : ""}`;
  const n = Math.min(x.length, y.length);
  const finite: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) finite.push(i);
  let xDomain = extent(finite.map((i) => x[i]));
  let yDomain = extent(finite.map((i) => y[i]));
  if (!xDomain || !yDomain) {
    return `<svg class="chart ${escapeHtml(className)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.label)}">${emptyChart(width, height, "No points to plot")}</svg>`;
  }
  if (options.reference === "diagonal") {
    const both: Domain = [Math.min(xDomain[0], yDomain[0]), Math.max(xDomain[1], yDomain[1])];
    xDomain = both;
    yDomain = both;
  } else if (options.reference === "zero") {
    yDomain = [Math.min(yDomain[0], 0), Math.max(yDomain[1], 0)];
  }
  const frame = plotFrame({ className, label: options.label, width, height, xDomain, yDomain, xTitle: options.xTitle, yTitle: options.yTitle, xFormat: options.xFormat, yFormat: options.yFormat });
  const parts = [frame.head];
  if (options.reference === "diagonal") {
    parts.push(`<line class="reference" x1="${px(frame.x(xDomain[0]))}" y1="${px(frame.y(xDomain[0]))}" x2="${px(frame.x(xDomain[1]))}" y2="${px(frame.y(xDomain[1]))}"><title>perfect prediction</title></line>`);
  } else if (options.reference === "zero") {
    parts.push(`<line class="reference" x1="${frame.left}" y1="${px(frame.y(0))}" x2="${frame.right}" y2="${px(frame.y(0))}"><title>no error</title></line>`);
  }
  const dots = finite.map((i) => `<circle cx="${px(frame.x(x[i]))}" cy="${px(frame.y(y[i]))}" r="2.2"/>`);
  parts.push(`<g class="dots">${dots.join("")}</g></svg>`);
  return parts.join("");
}
