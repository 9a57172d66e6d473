// `orchard runs list | show <id> | compare <a> <b>`: what was trained, with what, and how well.

import type { Run, RunComparison, RunSummary } from "../../registry/index.js";
import { toJson } from "../json.js";
import { fmt, print, table } from "../table.js";
import { withRegistry } from "../registry-session.js";

export interface RunsOptions {
  readonly store?: string;
  readonly json?: boolean;
  readonly limit?: number;
}

export async function runsListCommand(options: RunsOptions): Promise<void> {
  const runs = await withRegistry(options.store, (r) => r.listRuns({ limit: options.limit }));
  if (options.json) return print(toJson(runs));
  if (runs.length === 0) return print("no runs yet: orchard train <data> --target <column> records one");
  const rows = runs.map((run) => [run.id.slice(0, 12), run.status, run.startedAt.replace("T", " ").slice(0, 19), run.user, headline(run), run.versions.map((v) => `${v.model}/${v.version}`).join(", ")]);
  print(table(["run", "status", "started", "user", "metric", "registered"], rows));
}

export async function runsShowCommand(id: string, options: RunsOptions): Promise<void> {
  const run = await withRegistry(options.store, (r) => r.getRun(id));
  print(options.json ? toJson(run) : describeRun(run));
}

export async function runsCompareCommand(a: string, b: string, options: RunsOptions): Promise<void> {
  const comparison = await withRegistry(options.store, (r) => r.compareRuns(a, b));
  print(options.json ? toJson(comparison) : describeComparison(comparison));
}

function describeRun(run: Run): string {
  const lines = [`run ${run.id}`, `status: ${run.status}${run.error ? ` (${run.error})` : ""}`, `user: ${run.user}`, `started: ${run.startedAt}${run.endedAt ? `, ended ${run.endedAt}` : ""}`];
  if (run.versions.length > 0) lines.push(`registered: ${run.versions.map((v) => `models:/${v.model}/${v.version}`).join(", ")}`);
  section(lines, "params", Object.entries(run.params).map(([k, v]) => [k, JSON.stringify(v)]));
  section(lines, "tags", Object.entries(run.tags));
  section(lines, "metrics", Object.entries(run.metrics).map(([k, v]) => [k, fmt(v)]));
  section(lines, "timings (s)", Object.entries(run.timings).map(([k, v]) => [k, fmt(v)]));
  section(lines, "lineage", Object.entries(run.lineage).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  section(lines, "artifacts", run.artifacts.map((a) => [a.name, `runs:/${run.id}/${a.name}  ${a.size.toLocaleString("en-US")} bytes  sha256:${a.digest.slice(0, 16)}…`]));
  if (run.trials.length > 0) {
    lines.push("", `trials (${run.trials.length}):`);
    lines.push(table(["#", "family", "status", "score", "seconds"], run.trials.map((t) => [String(t.trial), t.family, t.status, fmt(t.score), fmt(t.seconds)]), "  "));
  }
  return lines.join("\n");
}

function describeComparison(c: RunComparison): string {
  const a = c.a.id.slice(0, 12);
  const b = c.b.id.slice(0, 12);
  const lines = [`comparing ${c.a.id} (a) with ${c.b.id} (b)`];
  const differing = c.params.filter((p) => !p.same);
  lines.push("", differing.length === 0 ? "params: identical" : "params that differ:");
  if (differing.length > 0) lines.push(table(["param", a, b], differing.map((p) => [p.key, JSON.stringify(p.a), JSON.stringify(p.b)]), "  "));
  lines.push("", "metrics:");
  lines.push(table(["metric", a, b, "b − a"], c.metrics.map((m) => [m.key, fmt(m.a), fmt(m.b), m.difference === null ? "—" : signed(m.difference)]), "  "));
  const lineage = c.lineage.filter((l) => !l.same);
  lines.push("", lineage.length === 0 ? "lineage: identical" : "lineage that differs:");
  if (lineage.length > 0) lines.push(table(["fact", a, b], lineage.map((l) => [l.key, String(l.a), String(l.b)]), "  "));
  return lines.join("\n");
}

/** The final metric a run is known by: the test score of its metric tag, else the first one. */
function headline(run: RunSummary): string {
  const key = run.tags.metric && `test_${run.tags.metric}` in run.metrics ? `test_${run.tags.metric}` : Object.keys(run.metrics)[0];
  return key === undefined ? "" : `${key} ${fmt(run.metrics[key])}`;
}

function section(lines: string[], title: string, rows: readonly (readonly [string, string])[]): void {
  if (rows.length === 0) return;
  lines.push("", `${title}:`);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
}

function signed(v: number): string {
  return (v > 0 ? "+" : "") + fmt(v);
}
