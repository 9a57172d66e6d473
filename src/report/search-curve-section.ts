// The learning curve of the search: every trial as a dot at the moment it ended (pruned ones
// marked apart), and the best cross-validated score so far as a staircase. The baseline is a
// reference line rather than a dot, so it does not squash the differences that matter.

import type { TrainResult, Trial } from "../automl/index.js";
import { trialName } from "../automl/index.js";
import { chartCard } from "./chart-card.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatNumber } from "./format-number.js";
import { type LineSeries, type ReferenceLine, lineChartSvg } from "./line-chart-svg.js";
import { extent } from "./plot-frame.js";

export function searchCurveSection(result: TrainResult): string {
  const { trials, metric } = result;
  const better = (a: number, b: number): boolean => (metric.higherIsBetter ? a > b : a < b);
  const scored = trials.filter((t) => Number.isFinite(t.score) && t.status !== "failed");
  // The baseline is drawn as a reference line; the staircase follows the models.
  const finished = scored.filter((t) => t.status === "done");
  const modelsDone = finished.filter((t) => t.family !== "baseline");
  const done = (modelsDone.length > 0 ? modelsDone : finished).sort((a, b) => a.endedAt - b.endedAt);
  const bestX: number[] = [];
  const bestY: number[] = [];
  for (const t of done) {
    if (bestY.length === 0 || better(t.score, bestY[bestY.length - 1])) {
      bestX.push(t.endedAt);
      bestY.push(t.score);
    }
  }
  const end = Math.max(result.seconds.search, ...trials.map((t) => t.endedAt));
  if (bestY.length > 0) {
    bestX.push(end);
    bestY.push(bestY[bestY.length - 1]);
  }
  const dots = (status: Trial["status"]): Pick<LineSeries, "x" | "y" | "tips"> => {
    const list = scored.filter((t) => t.status === status && t.family !== "baseline");
    return { x: list.map((t) => t.endedAt), y: list.map((t) => t.score), tips: list.map(tip) };
  };
  const series: LineSeries[] = [
    { name: "best so far", x: bestX, y: bestY, shape: "step", tone: "best" },
    { name: "finished trial", ...dots("done"), shape: "points", tone: "done" },
    { name: "pruned trial", ...dots("pruned"), shape: "points", tone: "pruned" },
  ];
  const models = scored.filter((t) => t.family !== "baseline");
  const yDomain = extent((models.length > 0 ? models : scored).map((t) => t.score), 0.08);
  const baseline = scored.find((t) => t.family === "baseline");
  const references: ReferenceLine[] = [];
  if (baseline && yDomain && baseline.score >= yDomain[0] && baseline.score <= yDomain[1]) {
    references.push({ from: [0, baseline.score], to: [end, baseline.score], label: `baseline ${formatNumber(baseline.score)}` });
  }
  const svg = lineChartSvg(series, {
    label: "Learning curve of the search",
    kind: "search-curve",
    xTitle: "seconds into the search",
    yTitle: `cross-validated ${metric.name} (${metric.higherIsBetter ? "higher" : "lower"} is better)`,
    xDomain: [0, end > 0 ? end : 1],
    ...(yDomain ? { yDomain } : {}),
    references,
    width: 760,
    height: 340,
  });
  return chartCard("Learning curve of the search", escapeHtml(caption(result, baseline, references.length > 0)), svg, "search-curve");
}

function tip(t: Trial): string {
  const folds = t.status === "pruned" ? ` (pruned after ${t.foldScores.length} fold${t.foldScores.length === 1 ? "" : "s"})` : "";
  return `${trialName(t)}: ${formatNumber(t.score)} in ${formatNumber(t.seconds, 3)} s, ended at ${formatNumber(t.endedAt, 3)} s${folds}`;
}

function caption(result: TrainResult, baseline: Trial | undefined, baselineDrawn: boolean): string {
  const count = (status: Trial["status"]): number => result.trials.filter((t) => t.status === status).length;
  const parts = [`${formatCount(result.trials.length)} trials in ${formatNumber(result.seconds.search, 3)} s: ${count("done")} finished, ${count("pruned")} pruned early, ${count("failed")} failed.`];
  if (baseline) parts.push(baselineDrawn ? `The dashed line is the baseline (${formatNumber(baseline.score)}).` : `The baseline scored ${formatNumber(baseline.score)}, off this scale.`);
  return parts.join(" ");
}
