// Where a store lives, from --store / ORCHARD_STORE / ORCHARD_HOME; and the content-addressed
// artifact store's guarantees.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";
import { ArtifactStore, storeLocation } from "../../src/store/index.js";

const dir = mkdtempSync(join(tmpdir(), "orchard-location-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("storeLocation", () => {
  test("defaults to a SQLite file and artifacts under ./.orchard, or ORCHARD_HOME", () => {
    assert.deepEqual(storeLocation({}, {}), { dialect: "sqlite", target: resolve(".orchard/orchard.db"), artifacts: resolve(".orchard/artifacts") });
    assert.deepEqual(storeLocation({}, { ORCHARD_HOME: "/srv/orchard" }), { dialect: "sqlite", target: "/srv/orchard/orchard.db", artifacts: "/srv/orchard/artifacts" });
    assert.equal(storeLocation({ home: "/x" }, { ORCHARD_HOME: "/srv/orchard" }).target, "/x/orchard.db", "the option wins over the environment");
  });

  test("reads sqlite URLs as SQLAlchemy does (three slashes relative, four absolute), artifacts beside the file", () => {
    assert.deepEqual(storeLocation({ store: "sqlite:////data/reg.db" }, {}), { dialect: "sqlite", target: "/data/reg.db", artifacts: "/data/reg-artifacts" });
    assert.equal(storeLocation({ store: "sqlite:///reg.db" }, {}).target, resolve("reg.db"));
    assert.equal(storeLocation({}, { ORCHARD_STORE: "sqlite:////e/x.db" }).target, "/e/x.db");
  });

  test("takes postgres URLs with artifacts under the home folder", () => {
    const pg = storeLocation({ store: "postgresql://u@db:5432/orchard" }, { ORCHARD_HOME: "/h" });
    assert.deepEqual(pg, { dialect: "postgres", target: "postgresql://u@db:5432/orchard", artifacts: "/h/artifacts" });
    assert.equal(storeLocation({}, { ORCHARD_STORE: "postgres://x/y" }).dialect, "postgres");
  });

  test("refuses anything else with the forms it accepts", () => {
    assert.throws(() => storeLocation({ store: "mysql://x/y" }, {}), { code: "invalid_input", message: /mysql:\/\/x\/y.*not a store URL/, hint: /sqlite:\/\/\/path\.db.*postgres:\/\// });
    assert.throws(() => storeLocation({ store: "sqlite:///" }, {}), { code: "invalid_input", message: /names no database file/ });
  });
});

describe("ArtifactStore", () => {
  const store = new ArtifactStore(join(dir, "artifacts"));
  const bytes = new TextEncoder().encode("a model bundle");
  const digest = createHash("sha256").update(bytes).digest("hex");

  test("stores bytes under their SHA-256, once, with no temporary file left", () => {
    const a = store.put(bytes);
    assert.equal(a.digest, digest);
    assert.equal(a.path, join(dir, "artifacts", "sha256", digest.slice(0, 2), digest.slice(2)));
    assert.deepEqual(new Uint8Array(readFileSync(a.path)), bytes);
    assert.deepEqual(readdirSync(join(dir, "artifacts", "sha256", digest.slice(0, 2))), [digest.slice(2)]);
    assert.deepEqual(store.list().map((f) => f.digest), [digest]);
    assert.deepEqual(store.read(digest), readFileSync(a.path));
  });

  test("putting the same bytes again keeps one file and refreshes its time (so gc spares it)", () => {
    const old = new Date(Date.now() - 86_400_000);
    utimesSync(store.path(digest), old, old);
    store.put(bytes);
    assert.equal(store.list().length, 1);
    assert.ok(statSync(store.path(digest)).mtimeMs > old.getTime() + 1000);
  });

  test("a missing artifact is a clear NotFound", () => {
    store.remove(store.path(digest));
    assert.ok(!existsSync(store.path(digest)) && !store.has(digest));
    assert.throws(() => store.read(digest), { code: "not_found", message: new RegExp(digest) });
  });
});
