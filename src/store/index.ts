// Where Orchard keeps things: model bundles on disk, the metadata store (SQLite or Postgres) and
// the content-addressed artifact store.

export { loadBundle, saveBundle, writeAtomically } from "./bundle-file.js";
export { first, type Dialect, type MetadataStore, type Queryable } from "./metadata-store.js";
export { SqliteStore } from "./sqlite-store.js";
export { PostgresStore } from "./postgres-store.js";
export { MIGRATIONS, migrate, type Migration } from "./migrations.js";
export { ArtifactStore, sha256, type ArtifactFile, type StoredArtifact } from "./artifact-store.js";
export { storeLocation, type StoreLocation, type StoreOptions } from "./store-location.js";
export { openStore, type OpenedStore } from "./open-store.js";
export { crashPoint, type CrashPoint } from "./crash-point.js";
