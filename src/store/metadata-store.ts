// The metadata store: where runs, model versions, aliases and the audit log live. One small
// interface (two ways to run SQL, a transaction, close) with an implementation per database;
// everything the registry needs is built on these four primitives.
//
// SQL is written once with `?` placeholders and portable types (TEXT, INTEGER, BIGINT, DOUBLE
// PRECISION); each implementation adapts placeholders and values to its database.

export type Dialect = "sqlite" | "postgres";

export interface Queryable {
  /** Rows of a query. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface MetadataStore extends Queryable {
  readonly dialect: Dialect;
  /** Where the store is, for messages (a file path or a URL without its password). */
  readonly location: string;
  /**
   * Runs `work` in a serializable transaction: nothing it wrote is visible to anyone until it
   * returns, and if it throws nothing of it stays. A transaction that lost a race with another
   * writer (busy, serialization failure, a unique key taken meanwhile) is run again from the start,
   * so `work` must only touch the database (and be safe to repeat).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The first row of a query, or undefined. */
export async function first<T = Record<string, unknown>>(db: Queryable, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await db.all<T>(sql, params);
  return rows[0];
}

/** How long to wait before attempt `attempt` (from 1) of a transaction that lost a race. */
export function retryDelayMs(attempt: number, jitter: number): number {
  return Math.min(200, 2 ** Math.min(attempt, 7)) * (0.5 + jitter);
}

/** Attempts before a transaction that keeps losing races gives up. */
export const MAX_TRANSACTION_ATTEMPTS = 40;
