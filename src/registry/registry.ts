// The registry: runs, registered models with versions and aliases, promotion and rollback with an
// audit log, URIs resolved to bundle files, and garbage collection — over one metadata store and
// one content-addressed artifact store.
//
// The ordering that makes crashes safe: an artifact is written, fsynced and renamed into the
// artifact store before the transaction that refers to it begins. A process killed before the
// commit leaves at most an unreferenced file (gc removes it); killed after, a complete version.

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { decodeBundle, type Bundle } from "../automl/index.js";
import { InvalidInput, NotFound } from "../core/index.js";
import { crashPoint, loadBundle, openStore, sha256, type ArtifactStore, type MetadataStore, type StoreOptions } from "../store/index.js";
import { aliasVersion, promoteAlias, rollbackAlias, type AliasMove } from "./aliases.js";
import { appendAudit, currentActor, readAudit, type AuditEntry } from "./audit-log.js";
import { checkAlias, checkModelName, parseModelReference, parseModelUri } from "./model-uri.js";
import { addVersion, getVersion, latestVersion, listModels, listVersions, currentAliases, type ModelSummary, type ModelVersion } from "./model-versions.js";
import { collectGarbage, type GcOptions, type GcReport } from "./retention.js";
import { compareRuns, type RunComparison } from "./run-comparison.js";
import { trainingRecord } from "./training-record.js";
import { completeRun, findRunId, getRun, insertRun, listRuns, type NewRun, type Run, type RunOutcome, type RunSummary } from "./runs.js";

export interface ResolvedModel {
  /** What was asked: "models:/churn@champion", "models:/churn/3", "runs:/<id>/model", or a file path. */
  readonly uri: string;
  /** Registered model name, null for a plain file. */
  readonly name: string | null;
  /** Version number, null for a plain file. */
  readonly version: number | null;
  /** The alias asked for, if any. */
  readonly alias: string | null;
  /** Absolute path of the bundle file. */
  readonly bundlePath: string;
  /** SHA-256 hex of the bundle: changes if and only if the model changes. */
  readonly digest: string;
}

export interface RegistryOptions extends StoreOptions {
  /** Who is acting, for the audit log (default ORCHARD_USER, else the OS user). */
  readonly actor?: string;
}

export interface RunStart {
  readonly params?: Readonly<Record<string, unknown>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly lineage?: Readonly<Record<string, unknown>>;
}

export interface RunEnd extends Omit<RunOutcome, "endedAt" | "artifacts" | "status"> {
  readonly status?: RunOutcome["status"];
  /** Files to keep with the run; a run's model bundle is named "model". */
  readonly artifacts?: readonly { readonly name: string; readonly bytes: Uint8Array }[];
  /** Register the run's "model" artifact as the next version of this model. */
  readonly register?: string;
  readonly reason?: string;
}

export interface RunResult {
  readonly runId: string;
  readonly version: ModelVersion | null;
}

export interface ModelDetail {
  readonly name: string;
  readonly versions: readonly ModelVersion[];
  readonly aliases: Readonly<Record<string, number>>;
  readonly audit: readonly AuditEntry[];
}

export async function openRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const { metadata, artifacts } = await openStore(options);
  return new Registry(metadata, artifacts, options.actor ?? currentActor());
}

export class Registry {
  readonly metadata: MetadataStore;
  readonly artifacts: ArtifactStore;
  readonly actor: string;

  constructor(metadata: MetadataStore, artifacts: ArtifactStore, actor: string) {
    this.metadata = metadata;
    this.artifacts = artifacts;
    this.actor = actor;
  }

  /** Records a run as started (status "running"); end it with endRun. */
  async startRun(start: RunStart = {}): Promise<string> {
    const run = this.#newRun(start);
    await this.metadata.transaction((tx) => insertRun(tx, run));
    return run.id;
  }

  async endRun(runId: string, end: RunEnd): Promise<RunResult> {
    return this.#finish(runId, null, end);
  }

  /** A whole run at once (start and end in one transaction), e.g. to register a bundle file. */
  async logRun(start: RunStart, end: RunEnd): Promise<RunResult> {
    const run = this.#newRun(start);
    return this.#finish(run.id, run, end);
  }

  /**
   * Registers bundle bytes (e.g. a file trained elsewhere) as the next version of `name`, recorded
   * as a run with the bundle's own lineage and metrics. The bytes are checked to be a bundle first.
   */
  async registerBundle(name: string, bytes: Uint8Array, options: { reason?: string; source?: string } = {}): Promise<RunResult> {
    let bundle: Bundle;
    try {
      bundle = decodeBundle(bytes);
    } catch (error) {
      if (error instanceof InvalidInput) throw new InvalidInput(`${options.source ?? "bundle"}: ${error.message}`, { hint: error.hint, cause: error });
      throw error;
    }
    const record = trainingRecord(bundle);
    const tags = options.source === undefined ? record.start.tags : { ...record.start.tags, registeredFrom: options.source };
    return this.logRun({ ...record.start, tags }, { ...record.end, artifacts: [{ name: "model", bytes }], register: name, reason: options.reason });
  }

  async getRun(idOrPrefix: string): Promise<Run> {
    return getRun(this.metadata, idOrPrefix);
  }

  async listRuns(options: { limit?: number } = {}): Promise<RunSummary[]> {
    return listRuns(this.metadata, options);
  }

  async compareRuns(a: string, b: string): Promise<RunComparison> {
    return compareRuns(await this.getRun(a), await this.getRun(b));
  }

  async listModels(): Promise<ModelSummary[]> {
    return listModels(this.metadata);
  }

  async getModel(name: string): Promise<ModelDetail> {
    checkModelName(name);
    const versions = await listVersions(this.metadata, name);
    return { name, versions, aliases: await currentAliases(this.metadata, name), audit: await readAudit(this.metadata, { model: name }) };
  }

  async audit(options: { model?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    return readAudit(this.metadata, options);
  }

  /** Points `alias` at a version: "churn/3", "models:/churn/3", "churn@challenger" or "churn/latest". */
  async promote(reference: string, options: { alias?: string; reason?: string } = {}): Promise<AliasMove> {
    const ref = parseModelReference(reference);
    const alias = checkAlias(options.alias ?? "champion");
    const at = new Date().toISOString();
    return this.metadata.transaction(async (tx) => {
      const version = ref.kind === "version" ? ref.version : ref.kind === "alias" ? await aliasVersion(tx, ref.name, ref.alias) : await latestVersion(tx, ref.name);
      return promoteAlias(tx, ref.name, alias, version, { actor: this.actor, reason: options.reason ?? null, at });
    });
  }

  /** Moves `alias` (default champion) back to the version it pointed to before. */
  async rollback(name: string, options: { alias?: string; reason?: string } = {}): Promise<AliasMove> {
    checkModelName(name);
    const alias = checkAlias(options.alias ?? "champion");
    const at = new Date().toISOString();
    return this.metadata.transaction((tx) => rollbackAlias(tx, name, alias, { actor: this.actor, reason: options.reason ?? null, at }));
  }

  async resolve(uri: string): Promise<ResolvedModel> {
    const ref = parseModelUri(uri);
    if (ref.kind === "file") return resolveFile(uri);
    if (ref.kind === "run") {
      const runId = await findRunId(this.metadata, ref.runId);
      const rows = await this.metadata.all<{ digest: string }>("SELECT digest FROM run_artifacts WHERE run_id = ? AND name = ?", [runId, ref.artifact]);
      if (rows.length === 0) throw new NotFound(`Run ${runId} has no artifact named ${ref.artifact}`, { hint: `orchard runs show ${runId} lists its artifacts` });
      return this.#resolved(uri, null, null, null, rows[0].digest);
    }
    const version =
      ref.kind === "version" ? ref.version : ref.kind === "alias" ? await aliasVersion(this.metadata, ref.name, ref.alias) : await latestVersion(this.metadata, ref.name);
    const row = await getVersion(this.metadata, ref.name, version);
    return this.#resolved(uri, ref.name, version, ref.kind === "alias" ? ref.alias : null, row.digest);
  }

  /** The bundle a URI (or path) names. */
  async loadBundle(uri: string): Promise<Bundle> {
    return loadBundle((await this.resolve(uri)).bundlePath);
  }

  async gc(options: Omit<GcOptions, "actor"> = {}): Promise<GcReport> {
    return collectGarbage(this.metadata, this.artifacts, { ...options, actor: this.actor });
  }

  async close(): Promise<void> {
    await this.metadata.close();
  }

  #newRun(start: RunStart): NewRun {
    return { id: randomUUID().replace(/-/g, ""), user: this.actor, startedAt: new Date().toISOString(), ...start };
  }

  async #finish(runId: string, insert: NewRun | null, end: RunEnd): Promise<RunResult> {
    if (end.register !== undefined) checkModelName(end.register);
    const model = end.artifacts?.find((a) => a.name === "model");
    if (end.register !== undefined && model === undefined) throw new NotFound(`Run ${runId} has no "model" artifact to register as ${end.register}`);
    // Artifacts first, durable on disk, before any metadata points to them.
    const stored = (end.artifacts ?? []).map((a) => ({ name: a.name, ...this.artifacts.put(a.bytes) }));
    crashPoint("after-artifact");
    const endedAt = new Date().toISOString();
    const { register, reason, artifacts: _bytes, ...rest } = end;
    const version = await this.metadata.transaction(async (tx) => {
      if (insert) await insertRun(tx, insert);
      await completeRun(tx, runId, { ...rest, status: end.status ?? "finished", endedAt, artifacts: stored.map(({ name, digest, size }) => ({ name, digest, size })) });
      let added: number | null = null;
      if (register !== undefined) {
        const artifact = stored.find((a) => a.name === "model")!;
        added = await addVersion(tx, { model: register, runId, digest: artifact.digest, size: artifact.size, createdAt: endedAt, createdBy: this.actor });
        await appendAudit(tx, { at: endedAt, actor: this.actor, action: "register", model: register, alias: null, version: added, previousVersion: null, reason: reason ?? null });
      }
      crashPoint("before-commit");
      return added;
    });
    return { runId, version: version === null ? null : await getVersion(this.metadata, register!, version) };
  }

  #resolved(uri: string, name: string | null, version: number | null, alias: string | null, digest: string): ResolvedModel {
    const bundlePath = this.artifacts.path(digest);
    if (!existsSync(bundlePath)) throw new NotFound(`The bundle of ${uri} (${digest.slice(0, 12)}…) is missing from ${this.artifacts.root}`, { hint: "the artifact folder was changed outside Orchard; register the model again" });
    return { uri, name, version, alias, bundlePath, digest };
  }
}

function resolveFile(path: string): ResolvedModel {
  const bundlePath = resolvePath(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(bundlePath);
  } catch {
    throw new NotFound(`Model ${path} is neither a file nor a model URI`, { hint: "use a bundle path, models:/<name>/<version>, models:/<name>@<alias> or runs:/<run id>/model" });
  }
  return { uri: path, name: null, version: null, alias: null, bundlePath, digest: sha256(bytes) };
}
