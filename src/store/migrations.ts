// The schema, as an ordered list of migrations. Opening a store applies the ones it has not seen,
// each in its own transaction with its version recorded, so any number of processes may open the
// same store at once and the schema moves forward exactly once. A migration is never edited after
// release: a change is a new entry at the end.

import type { MetadataStore } from "./metadata-store.js";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "runs, model versions, aliases, audit log",
    statements: [
      `CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        user_name TEXT NOT NULL,
        params TEXT NOT NULL,
        tags TEXT NOT NULL,
        lineage TEXT NOT NULL,
        timings TEXT NOT NULL,
        error TEXT
      )`,
      `CREATE TABLE run_metrics (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value DOUBLE PRECISION,
        PRIMARY KEY (run_id, key)
      )`,
      `CREATE TABLE run_trials (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        trial INTEGER NOT NULL,
        family TEXT NOT NULL,
        status TEXT NOT NULL,
        score DOUBLE PRECISION,
        seconds DOUBLE PRECISION NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (run_id, trial)
      )`,
      `CREATE TABLE run_artifacts (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        digest TEXT NOT NULL,
        size BIGINT NOT NULL,
        PRIMARY KEY (run_id, name)
      )`,
      `CREATE TABLE models (
        name TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE model_versions (
        model TEXT NOT NULL REFERENCES models(name),
        version INTEGER NOT NULL,
        run_id TEXT,
        digest TEXT NOT NULL,
        size BIGINT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (model, version)
      )`,
      // Each alias is a stack: promote pushes, rollback pops; the top is where the alias points.
      `CREATE TABLE alias_history (
        model TEXT NOT NULL REFERENCES models(name),
        alias TEXT NOT NULL,
        seq INTEGER NOT NULL,
        version INTEGER NOT NULL,
        moved_at TEXT NOT NULL,
        PRIMARY KEY (model, alias, seq)
      )`,
      `CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        model TEXT NOT NULL,
        alias TEXT,
        version INTEGER,
        previous_version INTEGER,
        reason TEXT
      )`,
      `CREATE INDEX runs_started_at ON runs (started_at)`,
      `CREATE INDEX model_versions_digest ON model_versions (digest)`,
      `CREATE INDEX run_artifacts_digest ON run_artifacts (digest)`,
    ],
  },
];

/** Applies the migrations this store has not seen; returns the versions applied. */
export async function migrate(store: MetadataStore, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await store.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)").catch(ignoreRace);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await applyOnce(store, migration);
    if (done) applied.push(migration.version);
  }
  return applied;
}

async function applyOnce(store: MetadataStore, migration: Migration): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction(async (tx) => {
        // Postgres: one migrator at a time (DDL takes no part in serializable conflict checks).
        if (store.dialect === "postgres") await tx.all("SELECT pg_advisory_xact_lock(7201310)");
        const seen = await tx.all("SELECT version FROM schema_migrations WHERE version = ?", [migration.version]);
        if (seen.length > 0) return false;
        for (const statement of migration.statements) await tx.run(statement);
        await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [migration.version, migration.name, new Date().toISOString()]);
        return true;
      });
    } catch (error) {
      // The transaction's snapshot predates the lock wait, so it may not see the migration the lock
      // holder just committed and trip over its tables: try again with a fresh snapshot.
      if (!isDuplicateObject(error) || attempt >= 5) throw error;
    }
  }
}

function isDuplicateObject(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "42P07" || code === "42710" || code === "23505";
}

/** Two processes creating the bookkeeping table at once: the loser's error means it exists. */
function ignoreRace(error: unknown): void {
  const code = (error as { code?: string }).code;
  if (isDuplicateObject(error)) return;
  throw error;
}
