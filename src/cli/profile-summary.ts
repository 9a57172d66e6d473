// The terminal face of a profile: a table of columns, the alerts, and the columns most related to
// the target. Plain text that reads well in a terminal and in a CI log.

import type { ColumnProfile, Profile } from "../data/index.js";
import { formatSeconds } from "./progress.js";

export function profileSummary(profile: Profile, options: { width?: number } = {}): string {
  const width = Math.max(80, Math.min(options.width ?? 100, 140));
  const lines: string[] = [];
  lines.push(`${profile.source}: ${fmtInt(profile.nRows)} rows × ${profile.nCols} columns, profiled in ${formatSeconds(profile.elapsedMs / 1000)}`);
  if (profile.target) {
    const classes = profile.target.classes
      ?.slice(0, 5)
      .map((c) => `${c.value} ${pct(c.count / profile.nRows)}`)
      .join(", ");
    lines.push(`target ${profile.target.name}: ${profile.target.task}${classes ? ` (${classes})` : ""}`);
  }
  if (profile.sampleRows) lines.push(`quantiles and distinct counts from a sample of ${fmtInt(profile.sampleRows)} rows`);
  lines.push("");
  const nameWidth = Math.min(24, Math.max(6, ...profile.columns.map((c) => c.name.length)));
  lines.push(`${"column".padEnd(nameWidth)}  ${"kind".padEnd(13)} ${"missing".padStart(7)} ${"distinct".padStart(9)}  summary`);
  for (const c of profile.columns) {
    const flags = [c.isIdentifier ? "id" : "", c.isPossiblyCategorical && c.nDistinct > 2 ? "cat?" : ""].filter(Boolean).join(",");
    const head = `${clip(c.name, nameWidth).padEnd(nameWidth)}  ${(c.kind + (flags ? ` ${flags}` : "")).padEnd(13)} ${pct(c.missingShare).padStart(7)} ${fmtInt(c.nDistinct).padStart(9)}  `;
    lines.push(head + clip(describe(c, profile.nRows), width - head.length));
  }
  const warnings = profile.alerts.filter((a) => a.severity === "warning");
  const notes = profile.alerts.filter((a) => a.severity === "info");
  if (profile.alerts.length > 0) {
    lines.push("", `Alerts: ${warnings.length} warning${warnings.length === 1 ? "" : "s"}, ${notes.length} note${notes.length === 1 ? "" : "s"}`);
    for (const a of warnings) lines.push(`  ! ${a.message}`);
    for (const a of notes) lines.push(`  · ${a.message}`);
  } else {
    lines.push("", "Alerts: none");
  }
  if (profile.target && profile.targetAssociations.length > 0) {
    const metric = profile.targetAssociations[0].metric === "auc" ? "AUC" : "R²";
    lines.push("", `Most related to ${profile.target.name} (uncertainty coefficient; ${metric} of the column alone on held-out rows):`);
    for (const a of profile.targetAssociations.slice(0, 10)) {
      const bar = "█".repeat(Math.round(a.uncertaintyCoefficient * 20)).padEnd(20, "·");
      lines.push(`  ${clip(a.column, nameWidth).padEnd(nameWidth)} ${bar} ${a.uncertaintyCoefficient.toFixed(3)}  ${metric} ${a.predictivePower.toFixed(3)}`);
    }
  }
  return lines.join("\n") + "\n";
}

function describe(c: ColumnProfile, nRows: number): string {
  if (c.numeric) {
    const n = c.numeric;
    return `${num(n.min)} … ${num(n.max)}, mean ${num(n.mean)}, median ${num(n.quantiles.p50)}, std ${num(n.std)}`;
  }
  if (c.datetime) return `${c.datetime.min.slice(0, 19).replace("T", " ")} … ${c.datetime.max.slice(0, 19).replace("T", " ")}`;
  if (c.categorical) {
    const shown = c.categorical.top.slice(0, 4).map((t) => `${t.value} ${pct(t.count / nRows)}`);
    return shown.join(", ") + (c.categorical.top.length > 4 || c.categorical.otherCount > 0 ? ", …" : "");
  }
  if (c.text) return `mean length ${c.text.meanLength.toFixed(1)}; e.g. ${c.text.top.slice(0, 2).map((t) => JSON.stringify(t.value)).join(", ")}`;
  return "all missing";
}

function num(v: number): string {
  if (!Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e7 || a < 1e-3)) return v.toExponential(2);
  return Number.isInteger(v) ? fmtInt(v) : v.toLocaleString("en-US", { maximumFractionDigits: a < 10 ? 3 : 1 });
}

function fmtInt(v: number): string {
  return v.toLocaleString("en-US");
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text;
}
