// Retention and garbage collection. A rule (keep the last N, and/or drop what is older than an
// age) selects model versions and runs to delete; versions an alias points to, or could roll back
// to, are always kept, and so are runs a kept version came from. Then every artifact file no
// version or run refers to is removed, including what killed processes left behind (written but
// never registered, or half-written temporary files). Recent files that nothing referred to are
// spared for a grace period, because a registration in another process may be about to refer to
// them; the files of what this collection deletes go at once.

import { InvalidInput } from "../core/index.js";
import type { ArtifactStore, MetadataStore, Queryable } from "../store/index.js";
import { appendAudit } from "./audit-log.js";

export interface GcOptions {
  /** Keep the newest N versions of each model (and the newest N runs). */
  readonly keepLast?: number;
  /** Delete only what is older than this many seconds. */
  readonly olderThanSeconds?: number;
  /** Report what would go, change nothing. */
  readonly dryRun?: boolean;
  /** Unreferenced artifact files younger than this are kept (default 3600 s). */
  readonly orphanGraceSeconds?: number;
  readonly actor: string;
  readonly now?: Date;
}

export interface GcReport {
  readonly dryRun: boolean;
  readonly versions: readonly { readonly model: string; readonly version: number }[];
  readonly runs: readonly string[];
  readonly files: readonly { readonly path: string; readonly digest: string | null; readonly size: number }[];
  readonly bytes: number;
}

export async function collectGarbage(metadata: MetadataStore, artifacts: ArtifactStore, options: GcOptions): Promise<GcReport> {
  checkRule(options);
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const { versions, runs, referenced, freed } = await metadata.transaction(async (tx) => {
    const versions = await versionsToDelete(tx, options, now);
    const runs = await runsToDelete(tx, options, now, versions);
    const freed = await digestsOf(tx, versions, runs);
    if (!dryRun) {
      const reason = describeRule(options);
      for (const v of versions) {
        await tx.run("DELETE FROM model_versions WHERE model = ? AND version = ?", [v.model, v.version]);
        await appendAudit(tx, { at: now.toISOString(), actor: options.actor, action: "delete-version", model: v.model, alias: null, version: v.version, previousVersion: null, reason });
      }
      for (const id of runs) await tx.run("DELETE FROM runs WHERE id = ?", [id]);
    }
    return { versions, runs, freed, referenced: await referencedDigests(tx, dryRun ? { versions, runs } : undefined) };
  });
  const grace = (options.orphanGraceSeconds ?? 3600) * 1000;
  const unreferenced = (digest: string | null): boolean => digest === null || !referenced.has(digest);
  const files = artifacts.list().filter((f) => unreferenced(f.digest) && ((f.digest !== null && freed.has(f.digest)) || now.getTime() - f.modifiedAt >= grace));
  if (!dryRun) for (const f of files) artifacts.remove(f.path);
  return { dryRun, versions, runs, files: files.map((f) => ({ path: f.path, digest: f.digest, size: f.size })), bytes: files.reduce((s, f) => s + f.size, 0) };
}

function checkRule(options: GcOptions): void {
  if (options.keepLast !== undefined && !(Number.isInteger(options.keepLast) && options.keepLast >= 0)) {
    throw new InvalidInput(`keepLast must be a whole number ≥ 0: received ${options.keepLast}`);
  }
  if (options.olderThanSeconds !== undefined && !(options.olderThanSeconds >= 0)) {
    throw new InvalidInput(`olderThan must be a duration ≥ 0: received ${options.olderThanSeconds} seconds`);
  }
}

function describeRule(options: GcOptions): string {
  const parts = [];
  if (options.keepLast !== undefined) parts.push(`keep last ${options.keepLast}`);
  if (options.olderThanSeconds !== undefined) parts.push(`older than ${options.olderThanSeconds} s`);
  return `gc: ${parts.join(", ")}`;
}

function hasRule(options: GcOptions): boolean {
  return options.keepLast !== undefined || options.olderThanSeconds !== undefined;
}

function isOld(at: string, options: GcOptions, now: Date): boolean {
  return options.olderThanSeconds === undefined || Date.parse(at) < now.getTime() - options.olderThanSeconds * 1000;
}

async function versionsToDelete(tx: Queryable, options: GcOptions, now: Date): Promise<{ model: string; version: number }[]> {
  if (!hasRule(options)) return [];
  const rows = await tx.all<{ model: string; version: number; created_at: string; pinned: number | string }>(
    `SELECT v.model, v.version, v.created_at,
       (SELECT COUNT(*) FROM alias_history h WHERE h.model = v.model AND h.version = v.version) AS pinned
     FROM model_versions v ORDER BY v.model, v.version DESC`,
  );
  const out: { model: string; version: number }[] = [];
  let model = "";
  let rank = 0;
  for (const r of rows) {
    rank = r.model === model ? rank + 1 : 0;
    model = r.model;
    const beyond = options.keepLast === undefined || rank >= options.keepLast;
    if (beyond && isOld(r.created_at, options, now) && Number(r.pinned) === 0) out.push({ model: r.model, version: Number(r.version) });
  }
  return out;
}

async function runsToDelete(tx: Queryable, options: GcOptions, now: Date, goingVersions: readonly { model: string; version: number }[]): Promise<string[]> {
  if (!hasRule(options)) return [];
  const going = new Set(goingVersions.map((v) => `${v.model}\u0000${v.version}`));
  const kept = await tx.all<{ model: string; version: number; run_id: string | null }>("SELECT model, version, run_id FROM model_versions WHERE run_id IS NOT NULL");
  const needed = new Set(kept.filter((v) => !going.has(`${v.model}\u0000${Number(v.version)}`)).map((v) => v.run_id));
  const rows = await tx.all<{ id: string; status: string; started_at: string }>("SELECT id, status, started_at FROM runs ORDER BY started_at DESC, id");
  const out: string[] = [];
  rows.forEach((r, rank) => {
    const beyond = options.keepLast === undefined || rank >= options.keepLast;
    // A run still in progress goes only by age: it may be about to register a version.
    const mayGo = r.status !== "running" || options.olderThanSeconds !== undefined;
    if (!needed.has(r.id) && beyond && mayGo && isOld(r.started_at, options, now)) out.push(r.id);
  });
  return out;
}

/** Digests the doomed versions and runs refer to. */
async function digestsOf(tx: Queryable, versions: readonly { model: string; version: number }[], runs: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const v of versions) for (const r of await tx.all<{ digest: string }>("SELECT digest FROM model_versions WHERE model = ? AND version = ?", [v.model, v.version])) out.add(r.digest);
  for (const id of runs) for (const r of await tx.all<{ digest: string }>("SELECT digest FROM run_artifacts WHERE run_id = ?", [id])) out.add(r.digest);
  return out;
}

/** Digests something still refers to (minus what a dry run would delete). */
async function referencedDigests(tx: Queryable, pending?: { versions: readonly { model: string; version: number }[]; runs: readonly string[] }): Promise<Set<string>> {
  const goingVersions = new Set((pending?.versions ?? []).map((v) => `${v.model}\u0000${v.version}`));
  const goingRuns = new Set(pending?.runs ?? []);
  const digests = new Set<string>();
  for (const v of await tx.all<{ model: string; version: number; digest: string }>("SELECT model, version, digest FROM model_versions")) {
    if (!goingVersions.has(`${v.model}\u0000${Number(v.version)}`)) digests.add(v.digest);
  }
  for (const a of await tx.all<{ run_id: string; digest: string }>("SELECT run_id, digest FROM run_artifacts")) {
    if (!goingRuns.has(a.run_id)) digests.add(a.digest);
  }
  return digests;
}
