// Aliases (champion, challenger, …) move by promotion and rollback. Each alias keeps its history
// as a stack: promote pushes a version, rollback pops back to the one before. Every move is one
// transaction with its audit entry.

import { Conflict, NotFound } from "../core/index.js";
import type { Queryable } from "../store/index.js";
import { appendAudit } from "./audit-log.js";
import { getVersion, requireModel } from "./model-versions.js";

export interface AliasMove {
  readonly model: string;
  readonly alias: string;
  readonly version: number;
  /** Where the alias pointed before, or null if it is new. */
  readonly previousVersion: number | null;
  /** False when the alias already pointed there (nothing recorded). */
  readonly changed: boolean;
}

export interface MoveContext {
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

export async function promoteAlias(tx: Queryable, model: string, alias: string, version: number, context: MoveContext): Promise<AliasMove> {
  await getVersion(tx, model, version);
  const top = await topOf(tx, model, alias);
  if (top !== null && top.version === version) return { model, alias, version, previousVersion: version, changed: false };
  await tx.run("INSERT INTO alias_history (model, alias, seq, version, moved_at) VALUES (?, ?, ?, ?, ?)", [model, alias, (top?.seq ?? 0) + 1, version, context.at]);
  await appendAudit(tx, { at: context.at, actor: context.actor, action: "promote", model, alias, version, previousVersion: top?.version ?? null, reason: context.reason });
  return { model, alias, version, previousVersion: top?.version ?? null, changed: true };
}

export async function rollbackAlias(tx: Queryable, model: string, alias: string, context: MoveContext): Promise<AliasMove> {
  await requireModel(tx, model);
  const stack = await tx.all<{ seq: number; version: number }>("SELECT seq, version FROM alias_history WHERE model = ? AND alias = ? ORDER BY seq DESC LIMIT 2", [model, alias]);
  if (stack.length === 0) throw new NotFound(`Model ${model} has no alias ${alias}`, { hint: `promote a version first: orchard promote ${model}/<version> --alias ${alias}` });
  if (stack.length === 1) throw new Conflict(`${model}@${alias} has no earlier version to roll back to: version ${stack[0].version} is the first in its history`);
  const [top, below] = stack;
  await tx.run("DELETE FROM alias_history WHERE model = ? AND alias = ? AND seq = ?", [model, alias, top.seq]);
  await appendAudit(tx, { at: context.at, actor: context.actor, action: "rollback", model, alias, version: Number(below.version), previousVersion: Number(top.version), reason: context.reason });
  return { model, alias, version: Number(below.version), previousVersion: Number(top.version), changed: true };
}

/** Where an alias points, or NotFound. */
export async function aliasVersion(db: Queryable, model: string, alias: string): Promise<number> {
  const top = await topOf(db, model, alias);
  if (top !== null) return top.version;
  await requireModel(db, model);
  throw new NotFound(`Model ${model} has no alias ${alias}`, { hint: `promote a version first: orchard promote ${model}/<version> --alias ${alias}` });
}

async function topOf(db: Queryable, model: string, alias: string): Promise<{ seq: number; version: number } | null> {
  const rows = await db.all<{ seq: number; version: number }>("SELECT seq, version FROM alias_history WHERE model = ? AND alias = ? ORDER BY seq DESC LIMIT 1", [model, alias]);
  return rows.length === 0 ? null : { seq: Number(rows[0].seq), version: Number(rows[0].version) };
}
