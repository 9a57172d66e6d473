// `orchard models list | show <name> | register <name> <bundle>`, `orchard promote`, `orchard
// rollback`: registered models, their versions and aliases, and who moved what, when and why.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { NotFound } from "../../core/index.js";
import type { AliasMove, ModelDetail } from "../../registry/index.js";
import { toJson } from "../json.js";
import { withRegistry } from "../registry-session.js";
import { print, table } from "../table.js";

export interface ModelsOptions {
  readonly store?: string;
  readonly json?: boolean;
  readonly alias?: string;
  readonly reason?: string;
}

export async function modelsListCommand(options: ModelsOptions): Promise<void> {
  const models = await withRegistry(options.store, (r) => r.listModels());
  if (options.json) return print(toJson(models));
  if (models.length === 0) return print("no registered models yet: orchard train <data> --target <column> --register <name> adds one");
  const rows = models.map((m) => [m.name, String(m.latestVersion ?? "—"), String(m.nVersions), Object.entries(m.aliases).map(([a, v]) => `${a}→${v}`).join(", ")]);
  print(table(["model", "latest", "versions", "aliases"], rows));
}

export async function modelsShowCommand(name: string, options: ModelsOptions): Promise<void> {
  const detail = await withRegistry(options.store, (r) => r.getModel(name));
  print(options.json ? toJson(detail) : describeModel(detail));
}

/** Registers a bundle file that already exists (e.g. trained elsewhere) as the next version. */
export async function modelsRegisterCommand(name: string, bundlePath: string, options: ModelsOptions): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(bundlePath));
  } catch {
    throw new NotFound(`Model bundle ${bundlePath} does not exist`, { hint: "train one with: orchard train <data> --target <column> --out model.orchard" });
  }
  const result = await withRegistry(options.store, (r) => r.registerBundle(name, bytes, { reason: options.reason, source: resolve(bundlePath) }));
  const v = result.version!;
  if (options.json) return print(toJson({ runId: result.runId, model: v.model, version: v.version, uri: `models:/${v.model}/${v.version}`, digest: v.digest }));
  print(`registered models:/${v.model}/${v.version} (run ${result.runId}, sha256 ${v.digest.slice(0, 16)}…)`);
}

export async function promoteCommand(reference: string, options: ModelsOptions): Promise<void> {
  const move = await withRegistry(options.store, (r) => r.promote(reference, { alias: options.alias, reason: options.reason }));
  reportMove(move, options);
}

export async function rollbackCommand(name: string, options: ModelsOptions): Promise<void> {
  const move = await withRegistry(options.store, (r) => r.rollback(name, { alias: options.alias, reason: options.reason }));
  reportMove(move, options);
}

function reportMove(move: AliasMove, options: ModelsOptions): void {
  if (options.json) return print(toJson(move));
  if (!move.changed) return print(`${move.model}@${move.alias} already points to version ${move.version}: nothing changed`);
  const from = move.previousVersion === null ? "" : ` (was version ${move.previousVersion})`;
  print(`${move.model}@${move.alias} → version ${move.version}${from}`);
}

function describeModel(d: ModelDetail): string {
  const lines = [`model ${d.name}`];
  const aliases = Object.entries(d.aliases);
  lines.push(aliases.length === 0 ? "aliases: none" : `aliases: ${aliases.map(([a, v]) => `${a} → ${v}`).join(", ")}`);
  lines.push("", table(["version", "created", "by", "run", "size", "aliases"], d.versions.map((v) => [String(v.version), v.createdAt.replace("T", " ").slice(0, 19), v.createdBy, v.runId?.slice(0, 12) ?? "—", `${v.size.toLocaleString("en-US")} B`, v.aliases.join(", ")])));
  if (d.audit.length > 0) {
    lines.push("", "audit log:");
    for (const e of d.audit) {
      const what = e.action === "register" ? `registered version ${e.version}` : e.action === "delete-version" ? `deleted version ${e.version}` : `${e.action} ${e.alias}: ${e.previousVersion ?? "—"} → ${e.version}`;
      lines.push(`  ${e.at.replace("T", " ").slice(0, 19)}  ${e.actor}  ${what}${e.reason ? `  (${e.reason})` : ""}`);
    }
  }
  return lines.join("\n");
}
