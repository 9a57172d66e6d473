// The audit log: who moved what, when and why. Appended in the same transaction as the change it
// records, so a change and its entry exist together or not at all.

import { userInfo } from "node:os";
import type { Queryable } from "../store/index.js";

export type AuditAction = "register" | "promote" | "rollback" | "delete-version";

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: AuditAction;
  readonly model: string;
  readonly alias: string | null;
  readonly version: number | null;
  readonly previousVersion: number | null;
  readonly reason: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, "seq">;

/** Who is acting: ORCHARD_USER, else the operating-system user. */
export function currentActor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ORCHARD_USER) return env.ORCHARD_USER;
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

export async function appendAudit(tx: Queryable, entry: NewAuditEntry): Promise<number> {
  // The next number is read in the same serializable transaction, and the key is unique: two
  // writers racing for one number cannot both commit.
  const [{ next }] = await tx.all<{ next: number | string }>("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM audit_log");
  const seq = Number(next);
  await tx.run("INSERT INTO audit_log (seq, at, actor, action, model, alias, version, previous_version, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
    seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.model,
    entry.alias,
    entry.version,
    entry.previousVersion,
    entry.reason,
  ]);
  return seq;
}

export async function readAudit(db: Queryable, options: { model?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  const where = options.model === undefined ? "" : "WHERE model = ?";
  const params: unknown[] = options.model === undefined ? [] : [options.model];
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ?`, [...params, options.limit ?? 1000]);
  return rows.reverse().map((r) => ({
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    action: r.action as AuditAction,
    model: String(r.model),
    alias: (r.alias as string | null) ?? null,
    version: r.version === null ? null : Number(r.version),
    previousVersion: r.previous_version === null ? null : Number(r.previous_version),
    reason: (r.reason as string | null) ?? null,
  }));
}
