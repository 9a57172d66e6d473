// The terminal face of a training run: what was decided and why, the leaderboard, the test score
// with its interval, and where the files went.

import type { TrainResult } from "../automl/index.js";
import { formatSeconds } from "./progress.js";

export function trainSummary(result: TrainResult, files: { model?: string; report?: string }): string {
  const lines: string[] = [];
  const m = result.metric;
  lines.push(`task: ${result.task} (${result.taskReason}); metric: ${m.name} (${m.higherIsBetter ? "higher" : "lower"} is better)`);
  lines.push(`validation: ${describeValidation(result)} on ${result.nTrainRows.toLocaleString("en-US")} training rows; ${result.nTestRows.toLocaleString("en-US")} rows held back for the test`);
  lines.push(`features: ${result.features.length} used${result.dropped.length > 0 ? `; dropped ${result.dropped.map((d) => `${d.column} (${d.reason})`).join(", ")}` : ""}`);
  for (const w of result.warnings) lines.push(`  ! ${w}`);
  lines.push("");
  const rows = result.leaderboard.slice(0, 10);
  const nameWidth = Math.max(9, ...rows.map((r) => r.name.length));
  lines.push(`${"rank".padStart(4)}  ${"candidate".padEnd(nameWidth)}  ${`cv ${m.name}`.padStart(10)}  ${"± fold sd".padStart(9)}  ${"time".padStart(8)}`);
  for (const r of rows) {
    const sd = std(r.foldScores);
    lines.push(`${String(r.rank).padStart(4)}  ${r.name.padEnd(nameWidth)}  ${fmt(r.score).padStart(10)}  ${fmt(sd).padStart(9)}  ${formatSeconds(r.seconds).padStart(8)}`);
  }
  const pruned = result.trials.filter((t) => t.status === "pruned").length;
  const failed = result.trials.filter((t) => t.status === "failed").length;
  lines.push(`${result.trials.length} candidates tried${pruned ? `, ${pruned} stopped early (racing or budget)` : ""}${failed ? `, ${failed} failed` : ""}`);
  if (result.ensemble) {
    lines.push(`ensemble of ${result.ensemble.members.length}: ${result.ensemble.members.map((e) => `#${e.trialId} ×${e.weight.toFixed(2)}`).join(", ")} → cv ${m.name} ${fmt(result.ensemble.score)}`);
  }
  if (result.calibration && result.calibration.method !== "none") {
    const c = result.calibration;
    lines.push(`calibration: ${c.method} (cross-fitted out-of-fold log-loss ${fmt(c.logLoss.none)} → ${fmt(c.logLoss[c.method])})`);
  }
  if (result.threshold !== null) lines.push(`decision threshold: ${result.threshold.toFixed(3)} (best accuracy on out-of-fold predictions)`);
  lines.push("");
  const t = result.test;
  lines.push(`test ${m.name}: ${fmt(t.score)}  (${Math.round(t.level * 100)}% interval ${fmt(t.interval[0])} … ${fmt(t.interval[1])}, ${t.nRows.toLocaleString("en-US")} rows)`);
  if (t.runnerUp) {
    const r = t.runnerUp;
    const verdict = r.pValue < 0.05 ? "a real difference" : "not a significant difference";
    lines.push(`vs runner-up ${r.name}: ${fmt(r.score)}; difference ${fmt(r.difference)} (${fmt(r.interval[0])} … ${fmt(r.interval[1])}), p = ${r.pValue.toFixed(3)}: ${verdict}`);
  }
  const s = result.seconds;
  lines.push(`time: ${formatSeconds(s.total)} of a ${formatSeconds(s.budget)} budget (search ${formatSeconds(s.search)}, refit ${formatSeconds(s.refit)}, test ${formatSeconds(s.evaluate)})`);
  if (files.model) lines.push(`model: ${files.model}`);
  if (files.report) lines.push(`report: ${files.report}`);
  return lines.join("\n") + "\n";
}

function describeValidation(result: TrainResult): string {
  const v = result.validation;
  switch (v.kind) {
    case "kfold":
      return `${v.k}-fold${result.task === "classification" ? " stratified" : ""} cross-validation`;
    case "holdout":
      return `a ${Math.round(v.fraction * 100)}% holdout`;
    case "time":
      return `${v.k} time-ordered folds on ${v.column}`;
    case "group":
      return `${v.k} grouped folds on ${v.column}`;
  }
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toFixed(4);
}

function std(values: readonly number[]): number {
  if (values.length < 2) return NaN;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}
