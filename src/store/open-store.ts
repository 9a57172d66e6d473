// Opens the metadata store and the artifact store a location names, with the schema migrated.

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
  const metadata = location.dialect === "postgres" ? new PostgresStore(location.target) : new SqliteStore(location.target);
  try {
    await migrate(metadata);
  } catch (error) {
    await metadata.close().catch(() => undefined);
    throw error;
  }
  return { metadata, artifacts: new ArtifactStore(location.artifacts) };
}
