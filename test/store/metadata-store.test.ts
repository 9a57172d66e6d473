// One suite for every metadata store (Hono's habit: one interface, several implementations, one
// test suite): SQLite on a file and a real Postgres server. Migrations apply once, transactions
// are all-or-nothing and serialize racing writers, values come back as they went in.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MIGRATIONS, PostgresStore, SqliteStore, first, migrate, type MetadataStore } from "../../src/store/index.js";
import { startPostgres, type PostgresServer } from "./postgres-server.js";

const dir = mkdtempSync(join(tmpdir(), "orchard-store-"));
let postgres: PostgresServer;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
/** Two connections to one fresh database, as two processes would have. */
const factories: Record<string, () => Promise<() => MetadataStore>> = {
  sqlite: async () => {
    const path = join(dir, `store-${counter++}.db`);
    return () => new SqliteStore(path);
  },
  postgres: async () => {
    const url = await postgres.createDatabase();
    return () => new PostgresStore(url);
  },
};

for (const [dialect, factory] of Object.entries(factories)) {
  describe(`metadata store: ${dialect}`, () => {
    test("migrations apply once, even when two connections race to apply them", async () => {
      const connect = await factory();
      const a = connect();
      const b = connect();
      try {
        const [x, y] = await Promise.all([migrate(a), migrate(b)]);
        assert.deepEqual([...x, ...y].sort(), MIGRATIONS.map((m) => m.version), "each migration applied by exactly one of them");
        assert.deepEqual(await migrate(a), [], "nothing left to apply");
        const rows = await a.all<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
        assert.deepEqual(rows.map((r) => Number(r.version)), MIGRATIONS.map((m) => m.version));
        const extra = { version: 999, name: "test table", statements: ["CREATE TABLE extra_test (k TEXT PRIMARY KEY, n INTEGER NOT NULL)"] };
        assert.deepEqual(await migrate(b, [...MIGRATIONS, extra]), [999], "a new migration at the end is applied alone");
      } finally {
        await a.close();
        await b.close();
      }
    });

    test("values round-trip: text, integers, doubles, null; NaN is stored as null", async () => {
      const connect = await factory();
      const db = connect();
      try {
        await db.run("CREATE TABLE kv (k TEXT PRIMARY KEY, n INTEGER, x DOUBLE PRECISION, t TEXT)");
        assert.equal(await db.run("INSERT INTO kv (k, n, x, t) VALUES (?, ?, ?, ?)", ["a", 42, 0.1 + 0.2, "héllo ✓"]), 1);
        await db.run("INSERT INTO kv (k, n, x, t) VALUES (?, ?, ?, ?)", ["b", null, NaN, null]);
        assert.deepEqual(await first(db, "SELECT n, x, t FROM kv WHERE k = ?", ["a"]), { n: 42, x: 0.1 + 0.2, t: "héllo ✓" });
        assert.deepEqual(await first(db, "SELECT n, x, t FROM kv WHERE k = ?", ["b"]), { n: null, x: null, t: null });
        assert.equal(await first(db, "SELECT n FROM kv WHERE k = ?", ["zzz"]), undefined);
        assert.equal(await db.run("UPDATE kv SET n = ? WHERE k IN (?, ?)", [7, "a", "b"]), 2, "run reports rows changed");
      } finally {
        await db.close();
      }
    });

    test("a transaction that throws leaves nothing behind; one that returns keeps everything", async () => {
      const connect = await factory();
      const db = connect();
      try {
        await db.run("CREATE TABLE items (k TEXT PRIMARY KEY)");
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.run("INSERT INTO items (k) VALUES (?)", ["lost"]);
            throw new Error("changed my mind");
          }),
          /changed my mind/,
        );
        const kept = await db.transaction(async (tx) => {
          await tx.run("INSERT INTO items (k) VALUES (?)", ["kept"]);
          return (await tx.all<{ k: string }>("SELECT k FROM items")).map((r) => r.k);
        });
        assert.deepEqual(kept, ["kept"], "a transaction sees its own writes");
        assert.deepEqual((await db.all<{ k: string }>("SELECT k FROM items")).map((r) => r.k), ["kept"]);
      } finally {
        await db.close();
      }
    });

    test("racing read-then-write transactions on two connections lose no update", async () => {
      const connect = await factory();
      const a = connect();
      const b = connect();
      try {
        await a.run("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
        await a.run("INSERT INTO counter (id, n) VALUES (1, 0)");
        const increment = (db: MetadataStore) =>
          db.transaction(async (tx) => {
            const row = await first<{ n: number }>(tx, "SELECT n FROM counter WHERE id = 1");
            await new Promise((resolve) => setTimeout(resolve, 1)); // widen the race window
            await tx.run("UPDATE counter SET n = ? WHERE id = 1", [Number(row!.n) + 1]);
          });
        await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 === 0 ? a : b)));
        assert.equal(Number((await first<{ n: number }>(b, "SELECT n FROM counter WHERE id = 1"))!.n), 20);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
