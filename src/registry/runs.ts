// Runs: one per training (or registration) with its parameters, tags, lineage, timings, final
// metrics, per-trial results and artifacts. These functions take a Queryable so the registry can
// compose them inside one transaction.

import { Conflict, InvalidInput, NotFound } from "../core/index.js";
import type { Queryable } from "../store/index.js";

export type RunStatus = "running" | "finished" | "failed";

export interface TrialRecord {
  readonly trial: number;
  readonly family: string;
  readonly status: string;
  readonly score: number;
  readonly seconds: number;
  /** Configuration, fold scores and whatever else the trial reported. */
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface RunArtifact {
  readonly name: string;
  readonly digest: string;
  readonly size: number;
}

export interface RunSummary {
  readonly id: string;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly user: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly versions: readonly { readonly model: string; readonly version: number }[];
}

export interface Run extends RunSummary {
  readonly params: Readonly<Record<string, unknown>>;
  readonly lineage: Readonly<Record<string, unknown>>;
  readonly timings: Readonly<Record<string, number>>;
  readonly error: string | null;
  readonly trials: readonly TrialRecord[];
  readonly artifacts: readonly RunArtifact[];
}

export interface NewRun {
  readonly id: string;
  readonly user: string;
  readonly startedAt: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly lineage?: Readonly<Record<string, unknown>>;
}

export interface RunOutcome {
  readonly status: Exclude<RunStatus, "running">;
  readonly endedAt: string;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly trials?: readonly TrialRecord[];
  readonly timings?: Readonly<Record<string, number>>;
  readonly lineage?: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly error?: string;
  readonly artifacts?: readonly RunArtifact[];
}

interface RunRow {
  id: string;
  status: RunStatus;
  started_at: string;
  ended_at: string | null;
  user_name: string;
  params: string;
  tags: string;
  lineage: string;
  timings: string;
  error: string | null;
}

export async function insertRun(tx: Queryable, run: NewRun): Promise<void> {
  await tx.run("INSERT INTO runs (id, status, started_at, user_name, params, tags, lineage, timings) VALUES (?, 'running', ?, ?, ?, ?, ?, '{}')", [
    run.id,
    run.startedAt,
    run.user,
    json(run.params ?? {}),
    json(run.tags ?? {}),
    json(run.lineage ?? {}),
  ]);
}

export async function completeRun(tx: Queryable, id: string, outcome: RunOutcome): Promise<void> {
  const rows = await tx.all<RunRow>("SELECT * FROM runs WHERE id = ?", [id]);
  if (rows.length === 0) throw new NotFound(`Run ${id} does not exist (removed by orchard gc while it ran?)`);
  if (rows[0].status !== "running") throw new Conflict(`Run ${id} has already ended (${rows[0].status})`);
  const tags = { ...JSON.parse(rows[0].tags), ...(outcome.tags ?? {}) };
  const lineage = { ...JSON.parse(rows[0].lineage), ...(outcome.lineage ?? {}) };
  await tx.run("UPDATE runs SET status = ?, ended_at = ?, tags = ?, lineage = ?, timings = ?, error = ? WHERE id = ?", [
    outcome.status,
    outcome.endedAt,
    json(tags),
    json(lineage),
    json(outcome.timings ?? {}),
    outcome.error ?? null,
    id,
  ]);
  for (const [key, value] of Object.entries(outcome.metrics ?? {})) await tx.run("INSERT INTO run_metrics (run_id, key, value) VALUES (?, ?, ?)", [id, key, value]);
  for (const t of outcome.trials ?? []) {
    await tx.run("INSERT INTO run_trials (run_id, trial, family, status, score, seconds, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", [id, t.trial, t.family, t.status, t.score, t.seconds, json(t.detail)]);
  }
  for (const a of outcome.artifacts ?? []) await tx.run("INSERT INTO run_artifacts (run_id, name, digest, size) VALUES (?, ?, ?, ?)", [id, a.name, a.digest, a.size]);
}

/** A run by its id or a unique prefix of it (at least 4 characters). */
export async function findRunId(db: Queryable, idOrPrefix: string): Promise<string> {
  if (!/^[0-9a-f]{4,64}$/.test(idOrPrefix)) throw new InvalidInput(`"${idOrPrefix}" is not a run id`, { hint: "run ids are hexadecimal; orchard runs list shows them" });
  const rows = await db.all<{ id: string }>("SELECT id FROM runs WHERE id LIKE ? ORDER BY id LIMIT 2", [`${idOrPrefix}%`]);
  if (rows.length === 0) throw new NotFound(`Run ${idOrPrefix} does not exist`, { hint: "orchard runs list shows the runs in this store" });
  if (rows.length > 1) throw new InvalidInput(`Run id prefix ${idOrPrefix} matches more than one run`, { hint: "give more characters of the id" });
  return rows[0].id;
}

export async function getRun(db: Queryable, idOrPrefix: string): Promise<Run> {
  const id = await findRunId(db, idOrPrefix);
  const [row] = await db.all<RunRow>("SELECT * FROM runs WHERE id = ?", [id]);
  const trials = await db.all<{ trial: number; family: string; status: string; score: number | null; seconds: number; detail: string }>(
    "SELECT trial, family, status, score, seconds, detail FROM run_trials WHERE run_id = ? ORDER BY trial",
    [id],
  );
  const artifacts = await db.all<{ name: string; digest: string; size: number | string }>("SELECT name, digest, size FROM run_artifacts WHERE run_id = ? ORDER BY name", [id]);
  const [summary] = await summarise(db, [row]);
  return {
    ...summary,
    params: JSON.parse(row.params),
    lineage: JSON.parse(row.lineage),
    timings: JSON.parse(row.timings),
    error: row.error,
    trials: trials.map((t) => ({ trial: Number(t.trial), family: t.family, status: t.status, score: t.score ?? NaN, seconds: Number(t.seconds), detail: JSON.parse(t.detail) })),
    artifacts: artifacts.map((a) => ({ name: a.name, digest: a.digest, size: Number(a.size) })),
  };
}

export async function listRuns(db: Queryable, options: { limit?: number } = {}): Promise<RunSummary[]> {
  const rows = await db.all<RunRow>("SELECT * FROM runs ORDER BY started_at DESC, id LIMIT ?", [options.limit ?? 50]);
  return summarise(db, rows);
}

async function summarise(db: Queryable, rows: readonly RunRow[]): Promise<RunSummary[]> {
  const out: RunSummary[] = [];
  for (const row of rows) {
    const metrics = await db.all<{ key: string; value: number | null }>("SELECT key, value FROM run_metrics WHERE run_id = ? ORDER BY key", [row.id]);
    const versions = await db.all<{ model: string; version: number }>("SELECT model, version FROM model_versions WHERE run_id = ? ORDER BY model, version", [row.id]);
    out.push({
      id: row.id,
      status: row.status,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      user: row.user_name,
      tags: JSON.parse(row.tags),
      metrics: Object.fromEntries(metrics.map((m) => [m.key, m.value ?? NaN])),
      versions: versions.map((v) => ({ model: v.model, version: Number(v.version) })),
    });
  }
  return out;
}

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
}
