// The embedded metadata store: one SQLite file (better-sqlite3). Write-ahead logging lets readers
// work while a writer commits; a write transaction starts with BEGIN IMMEDIATE, which takes the
// write lock up front, so two processes never both read "the last version is 4" and both write 5.
// better-sqlite3 waits for a busy lock synchronously, blocking the event loop; so the busy timeout
// is short and a transaction that finds the lock taken waits asynchronously and tries again.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { Rng } from "../core/index.js";
import { retryDelayMs, type MetadataStore, type Queryable } from "./metadata-store.js";

const BUSY_TIMEOUT_MS = 100;
/** How long a transaction keeps trying to get the write lock before giving up. */
const LOCK_WAIT_MS = 60_000;

export class SqliteStore implements MetadataStore {
  readonly dialect = "sqlite" as const;
  readonly location: string;
  #db: Database.Database;
  // better-sqlite3 is synchronous but transactions take async work: one at a time per process.
  #queue: Promise<unknown> = Promise.resolve();
  #rng = new Rng(process.pid);

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.location = path;
    this.#db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    this.#db.pragma("journal_mode = WAL");
    // FULL: a commit is on disk before it is reported, so a crash after "registered" keeps it.
    this.#db.pragma("synchronous = FULL");
    this.#db.pragma("foreign_keys = ON");
  }

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.#exclusive(async () => this.#all<T>(sql, params));
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.#exclusive(async () => this.#run(sql, params));
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      const tx: Queryable = { all: async (sql, params = []) => this.#all(sql, params), run: async (sql, params = []) => this.#run(sql, params) };
      const deadline = Date.now() + LOCK_WAIT_MS;
      for (let attempt = 1; ; attempt++) {
        try {
          this.#db.exec("BEGIN IMMEDIATE");
        } catch (error) {
          if (isBusy(error) && Date.now() < deadline) {
            await sleep(retryDelayMs(attempt, this.#rng.next()));
            continue;
          }
          throw error;
        }
        try {
          const result = await work(tx);
          this.#db.exec("COMMIT");
          return result;
        } catch (error) {
          if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
          if (isBusy(error) && Date.now() < deadline) {
            await sleep(retryDelayMs(attempt, this.#rng.next()));
            continue;
          }
          throw error;
        }
      }
    });
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    if (this.#db.open) this.#db.close();
  }

  #all<T>(sql: string, params: readonly unknown[]): T[] {
    return this.#db.prepare(sql).all(...params.map(toSqlite)) as T[];
  }

  #run(sql: string, params: readonly unknown[]): number {
    return this.#db.prepare(sql).run(...params.map(toSqlite)).changes;
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

function toSqlite(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" && Number.isNaN(value)) return null;
  return value;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_LOCKED";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
