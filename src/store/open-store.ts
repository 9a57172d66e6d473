// Opens the metadata store and the artifact store a location names, with the schema migrated.

import { InvalidInput, NotFound } from "../core/index.js";
import { ArtifactStore } from "./artifact-store.js";
import type { MetadataStore } from "./metadata-store.js";
import { migrate } from "./migrations.js";
import { PostgresStore } from "./postgres-store.js";
import { SqliteStore } from "./sqlite-store.js";
import { storeLocation, type StoreOptions } from "./store-location.js";

export interface OpenedStore {
  readonly metadata: MetadataStore;
  readonly artifacts: ArtifactStore;
}

export async function openStore(options: StoreOptions = {}): Promise<OpenedStore> {
  const location = storeLocation(options);
  let metadata: MetadataStore;
  try {
    metadata = location.dialect === "postgres" ? new PostgresStore(location.target) : new SqliteStore(location.target);
  } catch (error) {
    throw unreachable(location.target, error);
  }
  try {
    await migrate(metadata);
  } catch (error) {
    await metadata.close().catch(() => undefined);
    throw unreachable(metadata.location, error);
  }
  return { metadata, artifacts: new ArtifactStore(location.artifacts) };
}

/** A store that cannot be opened or reached: one clear line instead of a driver's error. */
function unreachable(where: string, error: unknown): unknown {
  const code = (error as { code?: string }).code ?? "";
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  if (code === "3D000") return new NotFound(`The store database does not exist: ${where}`, { hint: "create it (createdb) or fix the URL", cause: error });
  const network = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "28P01", "28000"];
  if (network.includes(code)) return new InvalidInput(`Cannot reach the store at ${where}: ${message}`, { hint: "check --store / ORCHARD_STORE, and that the server runs and accepts this user", cause: error });
  if (/^SQLITE_(CANTOPEN|NOTADB|READONLY|PERM)/.test(code) || ["EACCES", "EROFS", "ENOTDIR", "EEXIST"].includes(code)) {
    return new InvalidInput(`Cannot open the store at ${where}: ${message}`, { hint: "check --store / ORCHARD_HOME points to a writable folder", cause: error });
  }
  return error;
}
