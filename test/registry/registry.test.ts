// The registry's behaviour, one suite run against both metadata stores (a SQLite file and a real
// Postgres server): runs with their metrics and trials, versions, URIs, promotion and rollback
// with the audit log, and garbage collection that removes artifacts too.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { openRegistry, type Registry } from "../../src/registry/index.js";
import { bundleBytes } from "./bundle-fixture.js";
import { startPostgres, type PostgresServer } from "../store/postgres-server.js";

const dir = mkdtempSync(join(tmpdir(), "orchard-registry-"));
let postgres: PostgresServer;
before(async () => {
  postgres = await startPostgres();
});
after(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
const openers: Record<string, () => Promise<Registry>> = {
  sqlite: async () => openRegistry({ home: join(dir, `sqlite-${counter++}`), actor: "alice" }),
  postgres: async () => openRegistry({ store: await postgres.createDatabase(), home: join(dir, `pg-${counter++}`), actor: "alice" }),
};

const sha = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

for (const [dialect, open] of Object.entries(openers)) {
  describe(`registry on ${dialect}`, () => {
    test("a run keeps its params, tags, lineage, final and per-trial metrics, timings and artifacts", async () => {
      const registry = await open();
      try {
        const bytes = await bundleBytes(1);
        const id = await registry.startRun({ params: { budgetSeconds: 30, exclude: ["id"] }, tags: { team: "risk" }, lineage: { dataFingerprint: "abc" } });
        assert.equal((await registry.getRun(id)).status, "running");
        const trials = [
          { trial: 0, family: "baseline", status: "done", score: 0.5, seconds: 0.1, detail: { foldScores: [0.5, 0.5] } },
          { trial: 1, family: "linear", status: "pruned", score: NaN, seconds: 1.5, detail: { config: { alpha: 1 } } },
        ];
        const { version } = await registry.endRun(id, { metrics: { test_auc: 0.91, validation_auc: 0.9 }, trials, timings: { total: 12.5 }, lineage: { seed: 3 }, artifacts: [{ name: "model", bytes }] });
        assert.equal(version, null, "nothing registered without register");
        const run = await registry.getRun(id.slice(0, 8));
        assert.equal(run.id, id);
        assert.equal(run.status, "finished");
        assert.equal(run.user, "alice");
        assert.deepEqual(run.params, { budgetSeconds: 30, exclude: ["id"] });
        assert.deepEqual(run.tags, { team: "risk" });
        assert.deepEqual(run.lineage, { dataFingerprint: "abc", seed: 3 });
        assert.deepEqual(run.metrics, { test_auc: 0.91, validation_auc: 0.9 });
        assert.deepEqual(run.timings, { total: 12.5 });
        assert.equal(run.trials.length, 2);
        assert.deepEqual(run.trials[0], trials[0]);
        assert.ok(Number.isNaN(run.trials[1].score), "a missing score comes back as NaN");
        assert.deepEqual(run.artifacts, [{ name: "model", digest: sha(bytes), size: bytes.byteLength }]);
        await assert.rejects(registry.endRun(id, { metrics: {} }), { code: "conflict" });
        const listed = await registry.listRuns();
        assert.deepEqual(listed.map((r) => r.id), [id]);
      } finally {
        await registry.close();
      }
    });

    test("registering adds versions 1, 2, … with content-addressed bundles, resolvable by every URI form", async () => {
      const registry = await open();
      try {
        const first = await registry.logRun({ params: { n: 1 } }, { artifacts: [{ name: "model", bytes: await bundleBytes(1) }], register: "churn", reason: "baseline" });
        const second = await registry.logRun({ params: { n: 2 } }, { artifacts: [{ name: "model", bytes: await bundleBytes(2) }], register: "churn" });
        assert.equal(first.version!.version, 1);
        assert.equal(second.version!.version, 2);
        assert.notEqual(first.version!.digest, second.version!.digest);
        await registry.promote("churn/1", { alias: "champion" });

        const byVersion = await registry.resolve("models:/churn/2");
        assert.deepEqual({ ...byVersion, bundlePath: undefined }, { uri: "models:/churn/2", name: "churn", version: 2, alias: null, digest: second.version!.digest, bundlePath: undefined });
        assert.equal(sha(readFileSync(byVersion.bundlePath)), byVersion.digest, "the file holds exactly the digested bytes");
        const byAlias = await registry.resolve("models:/churn@champion");
        assert.equal(byAlias.version, 1);
        assert.equal(byAlias.alias, "champion");
        assert.equal((await registry.resolve("models:/churn/latest")).version, 2);
        const byRun = await registry.resolve(`runs:/${second.runId}/model`);
        assert.equal(byRun.digest, second.version!.digest);
        assert.equal(byRun.name, null);
        const bundle = await registry.loadBundle("models:/churn@champion");
        assert.equal(bundle.predictor.target, "income");

        const file = join(dir, `plain-${counter++}.orchard`);
        writeFileSync(file, await bundleBytes(9));
        const plain = await registry.resolve(file);
        assert.equal(plain.name, null);
        assert.equal(plain.digest, sha(await bundleBytes(9)));

        await assert.rejects(registry.resolve("models:/churn/7"), { code: "not_found", message: /churn has no version 7/ });
        await assert.rejects(registry.resolve("models:/churn@staging"), { code: "not_found", message: /no alias staging/ });
        await assert.rejects(registry.resolve("models:/nope/1"), { code: "not_found", message: /No registered model named nope/ });
        await assert.rejects(registry.resolve("runs:/0123456789abcdef/model"), { code: "not_found" });
        await assert.rejects(registry.resolve(join(dir, "missing.orchard")), { code: "not_found" });
        await assert.rejects(registry.resolve("models:/churn"), { code: "invalid_input", message: /names no version or alias/ });
        await assert.rejects(registry.resolve("models:/churn/0"), { code: "invalid_input" });

        const models = await registry.listModels();
        assert.deepEqual(models.map((m) => [m.name, m.latestVersion, m.nVersions, m.aliases]), [["churn", 2, 2, { champion: 1 }]]);
        const run = await registry.getRun(second.runId);
        assert.deepEqual(run.versions, [{ model: "churn", version: 2 }]);
      } finally {
        await registry.close();
      }
    });

    test("promote pushes, rollback pops back through the alias's history; each move is audited with who and why", async () => {
      const registry = await open();
      try {
        for (let i = 1; i <= 3; i++) await registry.logRun({}, { artifacts: [{ name: "model", bytes: await bundleBytes(i) }], register: "fraud" });
        await registry.promote("fraud/1", { reason: "first model" });
        await registry.promote("models:/fraud/3", { reason: "better auc" });
        await registry.promote("fraud/2", { alias: "challenger" });
        const same = await registry.promote("fraud/3");
        assert.equal(same.changed, false, "promoting to where the alias already points changes nothing");
        const fromAlias = await registry.promote("fraud@challenger", { alias: "champion", reason: "challenger won" });
        assert.deepEqual([fromAlias.version, fromAlias.previousVersion], [2, 3]);
        assert.deepEqual((await registry.getModel("fraud")).aliases, { challenger: 2, champion: 2 });

        const back = await registry.rollback("fraud", { reason: "latency regression" });
        assert.deepEqual([back.version, back.previousVersion], [3, 2]);
        assert.equal((await registry.rollback("fraud")).version, 1);
        await assert.rejects(registry.rollback("fraud"), { code: "conflict", message: /no earlier version/ });
        await assert.rejects(registry.rollback("fraud", { alias: "staging" }), { code: "not_found" });
        await assert.rejects(registry.promote("fraud/9"), { code: "not_found" });
        await assert.rejects(registry.promote("fraud/1", { alias: "1bad" }), { code: "invalid_input" });

        const detail = await registry.getModel("fraud");
        assert.deepEqual(detail.aliases, { challenger: 2, champion: 1 });
        assert.deepEqual(detail.versions.map((v) => v.aliases), [["champion"], ["challenger"], []]);
        const moves = detail.audit.filter((e) => e.action !== "register").map((e) => [e.action, e.alias, e.previousVersion, e.version, e.reason]);
        assert.deepEqual(moves, [
          ["promote", "champion", null, 1, "first model"],
          ["promote", "champion", 1, 3, "better auc"],
          ["promote", "challenger", null, 2, null],
          ["promote", "champion", 3, 2, "challenger won"],
          ["rollback", "champion", 2, 3, "latency regression"],
          ["rollback", "champion", 3, 1, null],
        ]);
        assert.ok(detail.audit.every((e) => e.actor === "alice"));
        const seqs = detail.audit.map((e) => e.seq);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      } finally {
        await registry.close();
      }
    });

    test("compareRuns lines up params, metrics and lineage", async () => {
      const registry = await open();
      try {
        const a = await registry.logRun({ params: { seed: 1, budget: 30 }, lineage: { data: "x" } }, { metrics: { auc: 0.8, logloss: 0.5 } });
        const b = await registry.logRun({ params: { seed: 2, budget: 30 }, lineage: { data: "x" } }, { metrics: { auc: 0.85 } });
        const c = await registry.compareRuns(a.runId, b.runId);
        assert.deepEqual(c.params.filter((p) => !p.same).map((p) => [p.key, p.a, p.b]), [["seed", 1, 2]]);
        const auc = c.metrics.find((m) => m.key === "auc")!;
        assert.ok(Math.abs(auc.difference! - 0.05) < 1e-12);
        assert.deepEqual(c.metrics.find((m) => m.key === "logloss"), { key: "logloss", a: 0.5, b: null, difference: null });
        assert.ok(c.lineage.every((l) => l.same));
      } finally {
        await registry.close();
      }
    });

    test("gc keeps the newest versions and every version an alias can reach, and removes the rest with their artifacts", async () => {
      const registry = await open();
      try {
        const unrelated = await registry.logRun({}, { metrics: { x: 1 } }); // an older run nothing registered
        const digests: string[] = [];
        for (let i = 1; i <= 5; i++) digests.push((await registry.logRun({}, { artifacts: [{ name: "model", bytes: await bundleBytes(10 + i) }], register: "gcm" })).version!.digest);
        await registry.promote("gcm/1");
        await registry.promote("gcm/2"); // 1 stays reachable by rollback

        const dry = await registry.gc({ keepLast: 1, dryRun: true, orphanGraceSeconds: 0 });
        assert.deepEqual(dry.versions, [{ model: "gcm", version: 4 }, { model: "gcm", version: 3 }]);
        assert.equal(dry.runs.length, 3, "the two deleted versions' runs and the old unregistered run");
        assert.ok(dry.runs.includes(unrelated.runId));
        assert.deepEqual(new Set(dry.files.map((f) => f.digest)), new Set([digests[2], digests[3]]));
        assert.equal((await registry.getModel("gcm")).versions.length, 5, "a dry run changes nothing");
        assert.ok(registry.artifacts.has(digests[2]));

        const report = await registry.gc({ keepLast: 1, orphanGraceSeconds: 0 });
        assert.deepEqual(report.versions, dry.versions);
        assert.deepEqual((await registry.getModel("gcm")).versions.map((v) => v.version), [1, 2, 5]);
        assert.ok(!registry.artifacts.has(digests[2]) && !registry.artifacts.has(digests[3]), "their bundles are gone");
        for (const v of [1, 2, 5]) assert.ok(existsSync((await registry.resolve(`models:/gcm/${v}`)).bundlePath));
        await assert.rejects(registry.getRun(unrelated.runId), { code: "not_found" });
        const deletions = (await registry.audit({ model: "gcm" })).filter((e) => e.action === "delete-version");
        assert.deepEqual(deletions.map((e) => e.version), [4, 3]);
        assert.match(deletions[0].reason!, /keep last 1/);
        assert.equal(await registry.rollback("gcm").then((m) => m.version), 1, "rollback still works after gc");
      } finally {
        await registry.close();
      }
    });

    test("gc by age spares recent versions, and removes orphan and half-written files only after the grace period", async () => {
      const registry = await open();
      try {
        await registry.logRun({}, { artifacts: [{ name: "model", bytes: await bundleBytes(21) }], register: "aged" });
        await registry.logRun({}, { artifacts: [{ name: "model", bytes: await bundleBytes(22) }], register: "aged" });
        const old = await registry.gc({ olderThanSeconds: 3600, orphanGraceSeconds: 0 });
        assert.deepEqual(old.versions, [], "nothing is an hour old");
        const future = new Date(Date.now() + 2 * 3600_000);
        const later = await registry.gc({ olderThanSeconds: 3600, keepLast: 1, dryRun: true, now: future, orphanGraceSeconds: 0 });
        assert.deepEqual(later.versions, [{ model: "aged", version: 1 }]);

        const orphan = registry.artifacts.put(await bundleBytes(23)); // written, never registered (a crash)
        const partial = join(registry.artifacts.root, "sha256", orphan.digest.slice(0, 2), `.half.${process.pid}.tmp`);
        mkdirSync(join(partial, ".."), { recursive: true });
        writeFileSync(partial, "half a bundle");
        assert.deepEqual((await registry.gc({})).files, [], "young orphans are spared: a registration may be about to use them");
        const hourAgo = new Date(Date.now() - 3600_000 - 1000);
        utimesSync(orphan.path, hourAgo, hourAgo);
        utimesSync(partial, hourAgo, hourAgo);
        const swept = await registry.gc({});
        assert.deepEqual(new Set(swept.files.map((f) => f.path)), new Set([orphan.path, partial]));
        assert.ok(!existsSync(orphan.path) && !existsSync(partial));
        assert.equal((await registry.getModel("aged")).versions.length, 2);
      } finally {
        await registry.close();
      }
    });
  });
}
