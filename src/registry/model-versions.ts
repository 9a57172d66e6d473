// Registered models and their versions. A version is added with the next number in the same
// serializable transaction that reads the current last one; (model, version) is a primary key, so
// two writers can never both take a number, and the loser's transaction is retried.

import { NotFound } from "../core/index.js";
import type { Queryable } from "../store/index.js";

export interface ModelVersion {
  readonly model: string;
  readonly version: number;
  readonly runId: string | null;
  readonly digest: string;
  readonly size: number;
  readonly createdAt: string;
  readonly createdBy: string;
  /** Aliases pointing here now. */
  readonly aliases: readonly string[];
}

export interface ModelSummary {
  readonly name: string;
  readonly createdAt: string;
  readonly latestVersion: number | null;
  readonly nVersions: number;
  readonly aliases: Readonly<Record<string, number>>;
}

export interface NewVersion {
  readonly model: string;
  readonly runId: string | null;
  readonly digest: string;
  readonly size: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

export async function addVersion(tx: Queryable, v: NewVersion): Promise<number> {
  await tx.run("INSERT INTO models (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [v.model, v.createdAt]);
  const [{ next }] = await tx.all<{ next: number | string }>("SELECT COALESCE(MAX(version), 0) + 1 AS next FROM model_versions WHERE model = ?", [v.model]);
  const version = Number(next);
  await tx.run("INSERT INTO model_versions (model, version, run_id, digest, size, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)", [
    v.model,
    version,
    v.runId,
    v.digest,
    v.size,
    v.createdAt,
    v.createdBy,
  ]);
  return version;
}

/** Where each alias of a model points now: the top of its history. */
export async function currentAliases(db: Queryable, model: string): Promise<Record<string, number>> {
  const rows = await db.all<{ alias: string; version: number }>(
    `SELECT h.alias, h.version FROM alias_history h
     WHERE h.model = ? AND h.seq = (SELECT MAX(seq) FROM alias_history WHERE model = h.model AND alias = h.alias)
     ORDER BY h.alias`,
    [model],
  );
  return Object.fromEntries(rows.map((r) => [r.alias, Number(r.version)]));
}

export async function getVersion(db: Queryable, model: string, version: number): Promise<ModelVersion> {
  const rows = await db.all<Record<string, unknown>>("SELECT * FROM model_versions WHERE model = ? AND version = ?", [model, version]);
  if (rows.length === 0) {
    await requireModel(db, model);
    throw new NotFound(`Model ${model} has no version ${version}`, { hint: `orchard models show ${model} lists its versions` });
  }
  return toVersion(rows[0], await currentAliases(db, model));
}

export async function listVersions(db: Queryable, model: string): Promise<ModelVersion[]> {
  await requireModel(db, model);
  const aliases = await currentAliases(db, model);
  const rows = await db.all<Record<string, unknown>>("SELECT * FROM model_versions WHERE model = ? ORDER BY version", [model]);
  return rows.map((r) => toVersion(r, aliases));
}

export async function latestVersion(db: Queryable, model: string): Promise<number> {
  const [{ latest }] = await db.all<{ latest: number | null }>("SELECT MAX(version) AS latest FROM model_versions WHERE model = ?", [model]);
  if (latest === null) {
    await requireModel(db, model);
    throw new NotFound(`Model ${model} has no versions`);
  }
  return Number(latest);
}

export async function listModels(db: Queryable): Promise<ModelSummary[]> {
  const rows = await db.all<{ name: string; created_at: string; latest: number | null; n: number | string }>(
    `SELECT m.name, m.created_at, MAX(v.version) AS latest, COUNT(v.version) AS n
     FROM models m LEFT JOIN model_versions v ON v.model = m.name GROUP BY m.name, m.created_at ORDER BY m.name`,
  );
  const out: ModelSummary[] = [];
  for (const r of rows) {
    out.push({ name: r.name, createdAt: r.created_at, latestVersion: r.latest === null ? null : Number(r.latest), nVersions: Number(r.n), aliases: await currentAliases(db, r.name) });
  }
  return out;
}

export async function requireModel(db: Queryable, model: string): Promise<void> {
  const rows = await db.all("SELECT name FROM models WHERE name = ?", [model]);
  if (rows.length > 0) return;
  const names = (await db.all<{ name: string }>("SELECT name FROM models ORDER BY name LIMIT 20")).map((r) => r.name);
  throw new NotFound(`No registered model named ${model}`, { hint: names.length > 0 ? `registered models: ${names.join(", ")}` : "register one with: orchard train <data> --target <column> --register <name>" });
}

function toVersion(r: Record<string, unknown>, aliases: Record<string, number>): ModelVersion {
  const version = Number(r.version);
  return {
    model: String(r.model),
    version,
    runId: (r.run_id as string | null) ?? null,
    digest: String(r.digest),
    size: Number(r.size),
    createdAt: String(r.created_at),
    createdBy: String(r.created_by),
    aliases: Object.entries(aliases)
      .filter(([, v]) => v === version)
      .map(([alias]) => alias),
  };
}
