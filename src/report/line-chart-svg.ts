// A line chart for curves (ROC, precision–recall, reliability, the search's best score over
// time): several named series, each a polyline, a staircase or loose points, with optional
// reference lines (chance, perfect calibration) and a legend. Curves over many thousands of
// points are thinned to what a pixel can show before they are written.

import { px } from "./chart-axis.js";
import { escapeHtml } from "./escape-html.js";
import { emptyChart } from "./histogram-svg.js";
import { type Domain, type LegendEntry, extent, plotFrame } from "./plot-frame.js";

export interface LineSeries {
  readonly name: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** "line" joins the points, "step" holds each value until the next x, "points" draws dots only. */
  readonly shape?: "line" | "step" | "points";
  /** A dot on every point as well as the line (always for "points"). */
  readonly markers?: boolean;
  /** Tooltip per point (only where dots are drawn). */
  readonly tips?: readonly string[];
  /** CSS class giving the colour; default s0, s1, … in series order. */
  readonly tone?: string;
  /** Left out of the legend. */
  readonly hideInLegend?: boolean;
}

export interface ReferenceLine {
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
  readonly label?: string;
}

export interface LineChartSvgOptions {
  readonly label: string;
  /** Extra class on the <svg>, e.g. "roc". */
  readonly kind?: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  readonly xDomain?: Domain;
  readonly yDomain?: Domain;
  readonly xFormat?: (x: number) => string;
  readonly yFormat?: (y: number) => string;
  readonly integerX?: boolean;
  readonly references?: readonly ReferenceLine[];
  /** Default: a legend when some series has a name to show. */
  readonly legend?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** Points closer than this (in pixels) to the last one kept add nothing a reader can see. */
const MIN_STEP_PX = 0.7;

export function lineChartSvg(series: readonly LineSeries[], options: LineChartSvgOptions): string {
  const width = options.width ?? 520;
  const height = options.height ?? 340;
  const className = `line-chart${options.kind ? ` ${options.kind}` : ""}`;
  const xDomain = options.xDomain ?? extent(series.flatMap((s) => Array.from(s.x)));
  const yDomain = options.yDomain ?? extent(series.flatMap((s) => Array.from(s.y)));
  if (!xDomain || !yDomain) {
    return `<svg class="chart ${escapeHtml(className)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.label)}">${emptyChart(width, height, "No points to plot")}</svg>`;
  }
  const tones = series.map((s, i) => s.tone ?? `s${i % 8}`);
  const legend: LegendEntry[] =
    options.legend === false
      ? []
      : series.flatMap((s, i) => (s.hideInLegend || s.name === "" || !hasPoint(s) ? [] : [{ tone: tones[i], name: s.name, swatch: s.shape === "points" ? ("dot" as const) : ("line" as const) }]));
  const frame = plotFrame({ className, label: options.label, width, height, xDomain, yDomain, xTitle: options.xTitle, yTitle: options.yTitle, xFormat: options.xFormat, yFormat: options.yFormat, integerX: options.integerX, legend });
  const clamp = (v: number, d: Domain): number => Math.max(Math.min(d[0], d[1]), Math.min(Math.max(d[0], d[1]), v));
  const X = (v: number): number => frame.x(clamp(v, xDomain));
  const Y = (v: number): number => frame.y(clamp(v, yDomain));
  const parts: string[] = [frame.head];
  for (const ref of options.references ?? []) {
    parts.push(`<line class="reference" x1="${px(X(ref.from[0]))}" y1="${px(Y(ref.from[1]))}" x2="${px(X(ref.to[0]))}" y2="${px(Y(ref.to[1]))}">${ref.label ? `<title>${escapeHtml(ref.label)}</title>` : ""}</line>`);
  }
  series.forEach((s, i) => {
    const tone = escapeHtml(tones[i]);
    const shape = s.shape ?? "line";
    if (shape !== "points") {
      const d = pathData(s, shape === "step", X, Y);
      if (d) parts.push(`<path class="curve ${tone}" d="${d}"><title>${escapeHtml(s.name)}</title></path>`);
    }
    if (shape === "points" || s.markers) parts.push(markers(s, tone, X, Y));
  });
  parts.push("</svg>");
  return parts.join("");
}

/** SVG path data through the finite points, thinned to MIN_STEP_PX; the last point always kept. */
export function pathData(s: Pick<LineSeries, "x" | "y">, step: boolean, X: (v: number) => number, Y: (v: number) => number): string {
  const out: string[] = [];
  let lastX = NaN;
  let lastY = NaN;
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(s.x[i]) || !Number.isFinite(s.y[i])) continue;
    const x = X(s.x[i]);
    const y = Y(s.y[i]);
    const isLast = i === n - 1;
    if (out.length > 0 && !isLast && Math.abs(x - lastX) < MIN_STEP_PX && Math.abs(y - lastY) < MIN_STEP_PX) continue;
    if (out.length === 0) out.push(`M${px(x)} ${px(y)}`);
    else if (step) out.push(`H${px(x)}V${px(y)}`);
    else out.push(`L${px(x)} ${px(y)}`);
    lastX = x;
    lastY = y;
  }
  return out.length > 1 ? out.join("") : "";
}

function markers(s: LineSeries, tone: string, X: (v: number) => number, Y: (v: number) => number): string {
  const dots: string[] = [];
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(s.x[i]) || !Number.isFinite(s.y[i])) continue;
    const tip = s.tips?.[i];
    dots.push(`<circle class="mark ${tone}" cx="${px(X(s.x[i]))}" cy="${px(Y(s.y[i]))}" r="4">${tip ? `<title>${escapeHtml(tip)}</title>` : ""}</circle>`);
  }
  return `<g class="marks">${dots.join("")}</g>`;
}

function hasPoint(s: LineSeries): boolean {
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) if (Number.isFinite(s.x[i]) && Number.isFinite(s.y[i])) return true;
  return false;
}
