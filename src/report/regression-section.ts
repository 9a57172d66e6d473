// The regression charts of the training report, on the held-back rows: predicted against actual,
// residuals against predicted (a funnel or a curve shows what the model misses), and the residuals'
// histogram. Scatter plots draw a seeded sample of at most 2,000 rows; the histogram counts all.

import type { TrainResult } from "../automl/index.js";
import { Rng } from "../core/index.js";
import { meanAbsoluteError, r2Score, rootMeanSquaredError } from "../evaluate/index.js";
import { chartCard } from "./chart-card.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatNumber } from "./format-number.js";
import { histogramSvg } from "./histogram-svg.js";
import { scatterSvg } from "./scatter-svg.js";

/** Most points in a scatter plot: enough to see the shape, few enough to keep the page light. */
export const MAX_SCATTER_POINTS = 2000;
const RESIDUAL_BINS = 30;

export function regressionSection(result: TrainResult): string {
  const { y, pred } = result.test;
  const n = y.length;
  if (n === 0) return `<p class="note">No held-back rows to plot.</p>`;
  const residual = Float64Array.from(y, (v, i) => v - pred[i]);
  const rows = n > MAX_SCATTER_POINTS ? new Rng(result.seed).sample(n, MAX_SCATTER_POINTS) : Int32Array.from({ length: n }, (_, i) => i);
  const px = Float64Array.from(rows, (i) => pred[i]);
  const py = Float64Array.from(rows, (i) => y[i]);
  const pr = Float64Array.from(rows, (i) => residual[i]);
  const target = result.target;
  const sampled = rows.length < n ? ` A seeded sample of ${formatCount(rows.length)} of the ${formatCount(n)} rows.` : "";
  const facts =
    `On ${formatCount(n)} held-back rows: RMSE ${formatNumber(rootMeanSquaredError(y, pred))}, MAE ${formatNumber(meanAbsoluteError(y, pred))}, ` +
    `R² ${formatNumber(r2Score(y, pred), 3)}; residual = actual − predicted.`;
  const cards = [
    chartCard(
      "Predicted vs actual",
      `Points on the diagonal are predicted exactly.${sampled}`,
      scatterSvg(px, py, { label: "Predicted against actual", kind: "predicted-actual", xTitle: `predicted ${target}`, yTitle: `actual ${target}`, reference: "diagonal" }),
      "predicted-actual",
    ),
    chartCard(
      "Residuals vs predicted",
      `No pattern around zero is what a good fit looks like.${sampled}`,
      scatterSvg(px, pr, { label: "Residuals against predicted", kind: "residuals", xTitle: `predicted ${target}`, yTitle: "residual", reference: "zero" }),
      "residuals",
    ),
    chartCard("Residual distribution", "Every held-back row's residual.", histogramSvg(residualHistogram(residual), { label: "Histogram of residuals", xTitle: "residual", width: 520, height: 300 }), "residual-histogram"),
  ];
  return `<p class="muted">${escapeHtml(facts)}</p><div class="charts">${cards.join("")}</div>`;
}

/** Equal-width bins over the finite residuals. */
export function residualHistogram(values: Float64Array): { edges: number[]; counts: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return { edges: [], counts: [] };
  if (lo === hi) return { edges: [lo, hi], counts: [values.length] };
  const width = (hi - lo) / RESIDUAL_BINS;
  const counts = new Array<number>(RESIDUAL_BINS).fill(0);
  for (const v of values) if (Number.isFinite(v)) counts[Math.min(RESIDUAL_BINS - 1, Math.floor((v - lo) / width))]++;
  return { edges: Array.from({ length: RESIDUAL_BINS + 1 }, (_, b) => (b === RESIDUAL_BINS ? hi : lo + b * width)), counts };
}
