// What was kept: the greedy ensemble's members and weights, and how its out-of-fold score grew
// with each pick — or, when no blend beat it, the single best model.

import type { TrainResult } from "../automl/index.js";
import { trialName } from "../automl/index.js";
import { barChartSvg } from "./bar-chart-svg.js";
import { chartCard } from "./chart-card.js";
import { escapeHtml } from "./escape-html.js";
import { formatNumber, formatPercent } from "./format-number.js";
import { lineChartSvg } from "./line-chart-svg.js";

export function ensembleSection(result: TrainResult): string {
  const { ensemble, metric } = result;
  const byId = new Map(result.trials.map((t) => [t.id, t]));
  const best = result.leaderboard[0];
  if (!ensemble) {
    const single = result.predictor.members[0];
    return (
      `<p>The best single model was kept: <code>${escapeHtml(best?.name ?? single?.family ?? "—")}</code>, cross-validated ${escapeHtml(metric.name)} ${formatNumber(result.validationScore)}. ` +
      `A greedy ensemble of the best candidates did not beat it on the out-of-fold predictions.</p>`
    );
  }
  const names = ensemble.members.map((m) => {
    const trial = byId.get(m.trialId);
    return trial ? trialName(trial) : `#${m.trialId}`;
  });
  const bars = ensemble.members.map((m, i) => ({ label: names[i], count: m.weight })).sort((a, b) => b.count - a.count);
  const weights = barChartSvg(bars, { label: "Ensemble weights", xTitle: "weight", format: (v) => formatPercent(v), width: 520 });
  const steps = ensemble.path.map((_, i) => i + 1);
  const path = lineChartSvg([{ name: "ensemble", x: steps, y: ensemble.path, markers: true, tips: ensemble.path.map((s, i) => `after pick ${i + 1}: ${formatNumber(s)}`) }], {
    label: "Greedy ensemble selection",
    kind: "ensemble-path",
    xTitle: "models picked (with replacement)",
    yTitle: `out-of-fold ${metric.name}`,
    legend: false,
    integerX: true,
    ...(best ? { references: [{ from: [1, best.score], to: [Math.max(1, steps.length), best.score], label: `best single model ${formatNumber(best.score)}` }] } : {}),
  });
  const refitted = result.predictor.members.length;
  const partial = refitted < ensemble.members.length ? ` Only ${refitted} of the ${ensemble.members.length} members were refitted before the budget ran out.` : "";
  const about =
    `A weighted average of ${ensemble.members.length} models, chosen greedily on out-of-fold predictions (Caruana et al., 2004): out-of-fold ${escapeHtml(metric.name)} ` +
    `${formatNumber(ensemble.score)} against ${formatNumber(best?.score ?? NaN)} for the best single model.${escapeHtml(partial)}`;
  return `<p>${about}</p><div class="charts">${chartCard("Members and weights", "Share of the blend each model has.", weights, "ensemble-weights")}${chartCard("Greedy selection", "Score of the blend after each pick; the dashed line is the best single model.", path, "ensemble-path")}</div>`;
}
