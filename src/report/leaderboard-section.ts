// The leaderboard: every candidate the search tried, finished ones ranked by cross-validated score
// (mean ± standard deviation over the folds), then those pruned early and those that failed, with
// the time each took and its hyperparameters. The models that were kept are marked.

import type { TrainResult, Trial } from "../automl/index.js";
import { trialName } from "../automl/index.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatNumber } from "./format-number.js";

/** Rows shown; the rest are counted under the table. */
const MAX_ROWS = 60;

export function leaderboardSection(result: TrainResult): string {
  const { metric } = result;
  const order = (a: Trial, b: Trial): number => (metric.higherIsBetter ? b.score - a.score : a.score - b.score) || a.id - b.id;
  const done = result.trials.filter((t) => t.status === "done" && Number.isFinite(t.score)).sort(order);
  const pruned = result.trials.filter((t) => t.status === "pruned" && Number.isFinite(t.score)).sort(order);
  const rest = result.trials.filter((t) => !done.includes(t) && !pruned.includes(t));
  const kept = keptTrials(result);
  const all = [...done, ...pruned, ...rest];
  const rows = all.slice(0, MAX_ROWS).map((t) => row(t, done.indexOf(t) + 1, kept.get(t.id)));
  const more = all.length > MAX_ROWS ? `<p class="note">${formatCount(all.length - MAX_ROWS)} more trials are not listed.</p>` : "";
  return [
    `<p class="muted">Cross-validated ${escapeHtml(metric.name)} (${metric.higherIsBetter ? "higher" : "lower"} is better), mean ± standard deviation over the folds. Pruned trials stopped after their first folds; their score is over the folds they ran.</p>`,
    `<div class="table-wrap"><table class="leaderboard"><thead><tr>`,
    `<th class="num">Rank</th><th>Candidate</th><th>Family</th><th class="num">CV ${escapeHtml(metric.name)}</th><th class="num">Time</th><th>Status</th><th>Key hyperparameters</th>`,
    `</tr></thead><tbody>${rows.join("")}</tbody></table></div>${more}`,
  ].join("");
}

/** Trial id → what became of it: the single winner, or an ensemble member with its weight. */
function keptTrials(result: TrainResult): Map<number, string> {
  const kept = new Map<number, string>();
  if (result.ensemble) {
    for (const m of result.ensemble.members) kept.set(m.trialId, `ensemble ${formatNumber(m.weight * 100, 3)}%`);
  } else {
    const best = result.leaderboard[0];
    const trial = best && result.trials.find((t) => trialName(t) === best.name);
    if (trial) kept.set(trial.id, "winner");
  }
  return kept;
}

function row(t: Trial, rank: number, kept: string | undefined): string {
  const badge = kept ? ` <span class="badge kept">${escapeHtml(kept)}</span>` : "";
  const status = t.status === "failed" ? `<span class="status failed" title="${escapeHtml(t.error ?? "")}">failed</span>` : `<span class="status ${t.status}">${t.status === "pruned" ? `pruned after ${t.foldScores.length} fold${t.foldScores.length === 1 ? "" : "s"}` : "done"}</span>`;
  return (
    `<tr class="trial ${t.status}${kept ? " kept" : ""}"><td class="num">${rank > 0 ? rank : "—"}</td>` +
    `<td class="name"><code>${escapeHtml(trialName(t))}</code>${badge}</td><td>${escapeHtml(t.family)}</td>` +
    `<td class="num">${scoreText(t)}</td><td class="num">${formatNumber(t.seconds, 3)} s</td><td>${status}</td>` +
    `<td class="config">${configText(t.config)}</td></tr>`
  );
}

function scoreText(t: Trial): string {
  if (!Number.isFinite(t.score)) return "—";
  const n = t.foldScores.length;
  if (n < 2) return formatNumber(t.score);
  const mean = t.foldScores.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(t.foldScores.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return `${formatNumber(t.score)} <span class="muted">± ${formatNumber(sd, 2)}</span>`;
}

function configText(config: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(config);
  if (entries.length === 0) return `<span class="muted">—</span>`;
  return entries
    .map(([k, v]) => `<span class="param"><span class="muted">${escapeHtml(k)}</span> ${escapeHtml(typeof v === "number" ? formatNumber(v, 3) : String(v))}</span>`)
    .join(" ");
}
