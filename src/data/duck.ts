// A short-lived DuckDB session for one read: an in-memory database, one connection, and the two
// ways we query it — small results as plain objects, large results as raw chunks for extraction.

import duckdb from "@duckdb/node-bindings";
import { DuckDBConnection } from "@duckdb/node-api";

export interface QueryProgress {
  /** 0..1, or undefined when DuckDB cannot tell. */
  readonly fraction: number | undefined;
}

export class DuckSession {
  readonly #database: duckdb.Database;
  readonly #raw: duckdb.Connection;
  readonly #connection: DuckDBConnection;

  private constructor(database: duckdb.Database, raw: duckdb.Connection) {
    this.#database = database;
    this.#raw = raw;
    this.#connection = new DuckDBConnection(raw);
  }

  static async open(options: { threads?: number } = {}): Promise<DuckSession> {
    const config = duckdb.create_config();
    if (options.threads) duckdb.set_config(config, "threads", String(options.threads));
    // Row order must follow the file: time-ordered data and reproducible splits depend on it.
    duckdb.set_config(config, "preserve_insertion_order", "true");
    const database = await duckdb.open(":memory:", config);
    const raw = await duckdb.connect(database);
    return new DuckSession(database, raw);
  }

  /** Runs a statement and returns its rows as JSON-compatible objects (for small results). */
  async rows(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.#connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  async run(sql: string): Promise<void> {
    await this.#connection.run(sql);
  }

  /** Runs a query to a materialized result, reporting progress while DuckDB works. */
  async materialize(sql: string, onProgress?: (p: QueryProgress) => void): Promise<duckdb.Result> {
    if (!onProgress) return duckdb.query(this.#raw, sql);
    const timer = setInterval(() => {
      const p = duckdb.query_progress(this.#raw);
      onProgress({ fraction: p.percentage >= 0 ? p.percentage / 100 : undefined });
    }, 100);
    try {
      return await duckdb.query(this.#raw, sql);
    } finally {
      clearInterval(timer);
    }
  }

  close(): void {
    duckdb.disconnect_sync(this.#raw);
    duckdb.close_sync(this.#database);
  }
}

/** Quotes a name for SQL: "my ""col""". */
export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for SQL: 'it''s'. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
