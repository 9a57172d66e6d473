// The shared metadata store: a Postgres database (pg). Write transactions run SERIALIZABLE: when
// two processes race (both read "the last version is 4", both insert 5), Postgres fails one of
// them with a serialization error or a unique-key violation, and that one runs again from the
// start and takes 6. Nothing is ever half-written: an aborted or killed transaction leaves nothing.

import pg from "pg";
import { Rng } from "../core/index.js";
import { MAX_TRANSACTION_ATTEMPTS, retryDelayMs, type MetadataStore, type Queryable } from "./metadata-store.js";

// serialization_failure, deadlock_detected, unique_violation (a key taken by a concurrent writer).
const RETRYABLE = new Set(["40001", "40P01", "23505"]);

export class PostgresStore implements MetadataStore {
  readonly dialect = "postgres" as const;
  readonly location: string;
  #pool: pg.Pool;
  #rng = new Rng(process.pid ^ 0x5eed);

  constructor(url: string) {
    this.location = redact(url);
    this.#pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle client whose server went away must not crash the process.
    this.#pool.on("error", () => undefined);
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.#pool.query(numbered(sql), params.map(toPostgres))).rows as T[];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.#pool.query(numbered(sql), params.map(toPostgres))).rowCount ?? 0;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      const tx: Queryable = {
        all: async (sql, params = []) => (await client.query(numbered(sql), params.map(toPostgres))).rows,
        run: async (sql, params = []) => (await client.query(numbered(sql), params.map(toPostgres))).rowCount ?? 0,
      };
      try {
        await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
        const result = await work(tx);
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        client.release();
        const code = (error as { code?: string }).code;
        if (code !== undefined && RETRYABLE.has(code) && attempt < MAX_TRANSACTION_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, this.#rng.next())));
          continue;
        }
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

/** `?` placeholders as Postgres's `$1, $2, …` (our SQL has no question marks in literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function toPostgres(value: unknown): unknown {
  if (typeof value === "number" && Number.isNaN(value)) return null;
  return value;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}
