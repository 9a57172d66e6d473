// The registry's safety claims, proven with real processes against both stores: concurrent
// registrations and promotions (worker processes, each doing several in a row so they interleave)
// never lose or duplicate a version, and a process killed with SIGKILL — the `orchard` CLI at a
// chosen step (ORCHARD_TEST_CRASH_AT, a test-only switch) or a worker at a random moment — never
// leaves a version pointing at a missing or partial bundle; gc then sweeps what it left.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { decodeBundle } from "../../src/automl/index.js";
import { Rng } from "../../src/core/index.js";
import { openRegistry, type Registry } from "../../src/registry/index.js";
import { bundleFiles } from "./bundle-fixture.js";
import { startPostgres, type PostgresServer } from "../store/postgres-server.js";

const root = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "orchard-concurrency-"));
let postgres: PostgresServer;
let bundles: string[];
before(async () => {
  [postgres, bundles] = await Promise.all([startPostgres(), bundleFiles(join(dir, "bundles"), 24)]);
});
after(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface Target {
  readonly store: string;
  readonly home: string;
}

/** Starts `orchard …` in its own process. */
function orchard(target: Target, args: string[], options: { env?: Record<string, string> } = {}): Promise<Exit> {
  return child([join(root, "src/cli/run.ts"), ...args, "--store", target.store], { env: { ORCHARD_HOME: target.home, ...options.env } });
}

type Operation = { register: string; bundle: string } | { train: string; bundle: string } | { promote: string; reason: string };

/** Starts a registry worker doing `operations` in order; `killAfterMs` sends SIGKILL that long after it is ready. */
function worker(target: Target, operations: Operation[], options: { killAfterMs?: number } = {}): Promise<Exit> {
  return child([join(root, "test/registry/registry-worker.ts"), JSON.stringify({ ...target, operations })], options);
}

function child(args: string[], options: { env?: Record<string, string>; killAfterMs?: number }): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), ...args], {
      env: { ...process.env, ORCHARD_DEBUG: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on("data", (d) => {
      stdout += d;
      if (options.killAfterMs !== undefined && timer === undefined && stdout.includes('"ready"')) timer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const sha = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Every version has a complete bundle whose bytes match its digest; versions are 1…n with no gap. */
async function assertConsistent(registry: Registry, model: string): Promise<number> {
  const versions = (await registry.listModels()).some((m) => m.name === model) ? (await registry.getModel(model)).versions : [];
  assert.deepEqual(versions.map((v) => v.version), versions.map((_, i) => i + 1), "versions are numbered 1…n without gaps or duplicates");
  for (const v of versions) {
    const resolved = await registry.resolve(`models:/${model}/${v.version}`);
    assert.equal(sha(resolved.bundlePath), v.digest, `version ${v.version}'s file holds exactly its digest's bytes`);
    assert.equal(decodeBundle(readFileSync(resolved.bundlePath)).predictor.target, "income");
  }
  return versions.length;
}

let counter = 0;
const targets: Record<string, () => Promise<Target>> = {
  sqlite: async () => {
    const home = join(dir, `sqlite-${counter++}`);
    return { store: `sqlite:///${home}/orchard.db`, home };
  },
  postgres: async () => ({ store: await postgres.createDatabase(), home: join(dir, `pg-${counter++}`) }),
};

/** The operations a worker acknowledged (its "ready" line left out). */
const lines = (e: Exit): Record<string, number | string | null>[] =>
  e.stdout
    .split("\n")
    .filter((l) => l.trim() && !l.includes('"ready"'))
    .map((l) => JSON.parse(l));

for (const [dialect, makeTarget] of Object.entries(targets)) {
  describe(`several processes on ${dialect}`, () => {
    test("registering and promoting at once: versions 1…n, each bundle exactly once, every move recorded in order", async () => {
      const target = await makeTarget();
      const nWorkers = 4;
      const perWorker = 3;
      const mine = (w: number) => bundles.slice(w * perWorker, (w + 1) * perWorker);
      // Half the workers register bundle files, half take train --register's path (run started, then ended).
      const exits = await Promise.all(Array.from({ length: nWorkers }, (_, w) => worker(target, mine(w).map((bundle) => (w % 2 === 0 ? { register: "churn", bundle } : { train: "churn", bundle })))));
      for (const e of exits) assert.equal(e.code, 0, e.stderr);
      const n = nWorkers * perWorker;
      const acknowledged = exits.flatMap(lines);
      assert.deepEqual(acknowledged.map((o) => o.registered).sort((a, b) => Number(a) - Number(b)), Array.from({ length: n }, (_, i) => i + 1));
      const registry = await openRegistry(target);
      try {
        assert.equal(await assertConsistent(registry, "churn"), n);
        const versions = (await registry.getModel("churn")).versions;
        exits.forEach((e, w) => {
          lines(e).forEach((o, k) => assert.equal(versions.find((v) => v.version === o.registered)!.digest, sha(mine(w)[k]), "each registration holds its own bundle"));
        });
        const registered = (await registry.audit({ model: "churn" })).filter((e) => e.action === "register");
        assert.equal(new Set(registered.map((e) => e.version)).size, n);

        // Promotions racing from several processes: every move recorded, each from where the last left it.
        const moves = await Promise.all([0, 1, 2].map((w) => worker(target, [1, 2].map((k) => ({ promote: `churn/${w * 2 + k}`, reason: `worker ${w}` })))));
        for (const e of moves) assert.equal(e.code, 0, e.stderr);
        const log = (await registry.audit({ model: "churn" })).filter((e) => e.action === "promote");
        assert.deepEqual(log.map((e) => e.version).sort((a, b) => a! - b!), [1, 2, 3, 4, 5, 6]);
        log.forEach((e, i) => assert.equal(e.previousVersion, i === 0 ? null : log[i - 1].version, "no promotion was lost: each saw the one before"));
        assert.equal((await registry.resolve("models:/churn@champion")).version, log[5].version);
        for (let i = 4; i >= 0; i--) assert.equal((await registry.rollback("churn")).version, log[i].version, "rollback walks back in the order the processes won");
      } finally {
        await registry.close();
      }
    });

    test("the CLI killed at a crash point (after the artifact, before the commit): no version, and gc sweeps the orphan", async () => {
      const target = await makeTarget();
      const registry = await openRegistry(target);
      try {
        await registry.registerBundle("churn", readFileSync(bundles[12]));
        await Promise.all(
          (["after-artifact", "before-commit"] as const).map(async (point, i) => {
            const exit = await orchard(target, ["models", "register", "churn", bundles[13 + i]], { env: { ORCHARD_TEST_CRASH_AT: point } });
            assert.equal(exit.signal, "SIGKILL", `the process died at ${point}: ${exit.stderr}`);
          }),
        );
        assert.equal(await assertConsistent(registry, "churn"), 1, "neither killed process left a version");
        assert.equal((await registry.listRuns()).length, 1, "nor a run");
        const orphans = [sha(bundles[13]), sha(bundles[14])].sort();
        assert.ok(orphans.every((d) => registry.artifacts.has(d)), "their complete bundles are on disk, unreferenced");
        const gc = await registry.gc({ orphanGraceSeconds: 0 });
        assert.deepEqual(gc.files.map((f) => f.digest).sort(), orphans);
        assert.deepEqual(registry.artifacts.list().map((f) => f.digest), [sha(bundles[12])]);
        await registry.registerBundle("churn", readFileSync(bundles[14]));
        assert.equal(await assertConsistent(registry, "churn"), 2, "the store takes registrations after the crashes");
      } finally {
        await registry.close();
      }
    });

    test("workers killed at random moments while registering: every version is complete, every acknowledged one exists", async () => {
      const target = await makeTarget();
      const rng = new Rng(dialect === "sqlite" ? 11 : 12);
      const nWorkers = 4;
      const perWorker = 2;
      const mine = (w: number) => bundles.slice(15 + w * perWorker, 15 + (w + 1) * perWorker);
      // Kills timed from when each worker is ready, spread over its artifact writes and transactions.
      const exits = await Promise.all(
        Array.from({ length: nWorkers }, (_, w) => worker(target, mine(w).map((bundle) => (w % 2 === 0 ? { register: "churn", bundle } : { train: "churn", bundle })), { killAfterMs: Math.floor(rng.next() * 250) })),
      );
      const registry = await openRegistry(target);
      try {
        const n = await assertConsistent(registry, "churn");
        const versions = n === 0 ? [] : (await registry.getModel("churn")).versions;
        const acknowledged = exits.flatMap(lines);
        for (const o of acknowledged) assert.equal(versions.find((v) => v.version === o.registered)?.digest, o.digest, "a registration the process reported is in the store");
        assert.ok(n >= acknowledged.length && n <= perWorker * nWorkers);
        assert.equal(new Set(versions.map((v) => v.digest)).size, n, "no bundle registered twice");
        const referenced = new Set(versions.map((v) => v.digest));
        const gc = await registry.gc({ orphanGraceSeconds: 0 });
        assert.ok(gc.files.every((f) => f.digest === null || !referenced.has(f.digest)), "gc removes only unreferenced files");
        assert.deepEqual(registry.artifacts.list().map((f) => f.digest).sort(), [...referenced].sort(), "after gc: exactly the registered bundles");
        assert.equal(await assertConsistent(registry, "churn"), n);
        process.stderr.write(`${dialect}: ${exits.filter((e) => e.signal === "SIGKILL").length} of ${nWorkers} workers killed; ${n} versions, ${acknowledged.length} acknowledged\n`);
      } finally {
        await registry.close();
      }
    });
  });
}
