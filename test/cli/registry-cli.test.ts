// The registry commands as a user runs them, in child processes: train --register records a run
// and adds a version; runs list/show/compare; models list/show/register; promote and rollback with
// reasons in the audit log; gc; --store and ORCHARD_STORE; errors as one line and an exit code.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Rng } from "../../src/core/index.js";
import { read } from "../../src/data/index.js";
import { openRegistry } from "../../src/registry/index.js";
import { bundleFiles } from "../registry/bundle-fixture.js";

const root = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "orchard-registry-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function orchard(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), join(root, "src/cli/run.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ORCHARD_DEBUG: "", ORCHARD_HOME: "", ORCHARD_STORE: "", ORCHARD_USER: "ci-bot", ...env },
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function json(args: string[], env?: Record<string, string>): any {
  const r = orchard([...args, "--json"], env);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

let bundles: string[];
const csv = join(dir, "adult-300.csv");
before(async () => {
  bundles = await bundleFiles(join(dir, "bundles"), 2);
  // 300 rows of the bundled adult census (Becker & Kohavi, UCI, 1996), so one real training is quick.
  const adult = await read(join(root, "data/adult.csv.gz"));
  const rows = new Rng(2).sample(adult.nRows, 300);
  const lines = [adult.names.join(",")];
  const cells = adult.names.map((n) => adult.column(n));
  for (const i of rows) lines.push(cells.map((c) => cellText(c, i)).join(","));
  writeFileSync(csv, lines.join("\n") + "\n");
});

function cellText(column: ReturnType<Awaited<ReturnType<typeof read>>["column"]>, i: number): string {
  if (column.kind === "categorical") return column.codes[i] < 0 ? "" : column.categories[column.codes[i]];
  if (column.kind === "numeric" || column.kind === "integer") return Number.isNaN(column.values[i]) ? "" : String(column.values[i]);
  throw new Error(`unexpected column kind ${column.kind}`);
}

describe("orchard train --register, runs, models, promote, rollback, gc", () => {
  let trainedRun: string;

  test("train --register records a run with trials and lineage, and adds version 1 of the model", () => {
    const out = json(["train", csv, "--target", "income", "--budget", "3s", "--register", "churn", "--reason", "first model", "--tag", "team=risk", "--no-report", "-o", "m.orchard"]);
    assert.equal(out.registered.uri, "models:/churn/1");
    assert.match(out.run.id, /^[0-9a-f]{32}$/);
    trainedRun = out.run.id;
    assert.ok(existsSync(join(dir, ".orchard", "orchard.db")), "the default store is ./.orchard");
    const run = json(["runs", "show", trainedRun.slice(0, 8)]);
    assert.equal(run.status, "finished");
    assert.equal(run.user, "ci-bot");
    assert.equal(run.params.target, "income");
    assert.equal(run.params.budgetSeconds, 3);
    assert.deepEqual({ team: run.tags.team, metric: run.tags.metric }, { team: "risk", metric: "auc" });
    assert.ok(run.trials.length >= 1 && run.trials.every((t: { family: string }) => typeof t.family === "string"));
    assert.equal(run.trials.length, out.trials.length, "every trial of the search is recorded");
    assert.ok(run.metrics.test_auc > 0.5 && run.metrics.validation_auc > 0.5);
    assert.ok(run.timings.total > 0);
    assert.match(run.lineage.dataFingerprint, /^[0-9a-f]{16}$/);
    assert.equal(run.lineage.nTrainRows, out.nTrainRows);
    assert.deepEqual(run.versions, [{ model: "churn", version: 1 }]);
    assert.equal(run.artifacts[0].name, "model");
  });

  test("models register adds the next versions; runs list and compare show them", () => {
    assert.equal(json(["models", "register", "churn", bundles[0], "--reason", "from the notebook"]).version, 2);
    assert.equal(json(["models", "register", "churn", bundles[1]]).version, 3);
    const runs = json(["runs", "list"]);
    assert.equal(runs.length, 3);
    assert.deepEqual(runs.map((r: { versions: { version: number }[] }) => r.versions[0].version), [3, 2, 1], "newest first");
    const text = orchard(["runs", "compare", trainedRun, runs[0].id]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`comparing ${trainedRun} \\(a\\) with ${runs[0].id} \\(b\\)`));
    assert.match(text.stdout, /params that differ:\n\s+param\s+\S+\s+\S+\n\s+budgetSeconds\s+3\s+null/);
    assert.match(text.stdout, /metrics:\n\s+metric\s+.*b − a\n(.*\n)*\s+test_auc\s+0\.\d+\s+0\.\d+\s+[-+]0\.\d+/);
  });

  test("promote and rollback move the champion, and models show tells who did what and why", () => {
    assert.match(orchard(["promote", "churn/1", "--reason", "baseline"]).stdout, /churn@champion → version 1/);
    assert.match(orchard(["promote", "models:/churn/2", "--reason", "better auc"]).stdout, /churn@champion → version 2 \(was version 1\)/);
    assert.deepEqual(json(["promote", "churn/3", "--alias", "challenger"]).version, 3);
    const back = orchard(["rollback", "churn", "--reason", "latency regression"]);
    assert.equal(back.status, 0, back.stderr);
    assert.match(back.stdout, /churn@champion → version 1 \(was version 2\)/);
    const again = orchard(["rollback", "churn"]);
    assert.equal(again.status, 4, "nothing to roll back to is a conflict");
    assert.match(again.stderr, /^orchard: churn@champion has no earlier version/);

    const show = orchard(["models", "show", "churn"]).stdout;
    assert.match(show, /aliases: challenger → 3, champion → 1/);
    assert.match(show, /ci-bot\s+registered version 1\s+\(first model\)/);
    assert.match(show, /ci-bot\s+promote champion: 1 → 2\s+\(better auc\)/);
    assert.match(show, /ci-bot\s+rollback champion: 2 → 1\s+\(latency regression\)/);
  });

  test("gc --dry-run says what retention would remove; gc removes it, bundles included", async () => {
    const dry = json(["gc", "--keep-last", "1", "--dry-run"]);
    assert.deepEqual(dry.versions, [{ model: "churn", version: 2 }], "3 is newest, 1 is the champion");
    assert.equal(dry.files.length, 1);
    assert.ok(existsSync(dry.files[0].path));
    const done = json(["gc", "--keep-last", "1"]);
    assert.deepEqual(done.versions, dry.versions);
    assert.ok(!existsSync(dry.files[0].path), "the bundle file is gone");
    const gone = orchard(["promote", "churn/2"]);
    assert.equal(gone.status, 3);
    assert.match(gone.stderr, /churn has no version 2/);
    const registry = await openRegistry({ home: join(dir, ".orchard") });
    try {
      const model = await registry.getModel("churn");
      assert.deepEqual(model.versions.map((v) => v.version), [1, 3]);
      assert.deepEqual(model.aliases, { challenger: 3, champion: 1 });
      assert.equal(model.audit.at(-1)!.action, "delete-version");
      assert.equal(model.audit.at(-1)!.actor, "ci-bot");
    } finally {
      await registry.close();
    }
  });

  test("--store and ORCHARD_STORE choose another store; bad input is one line and an exit code", () => {
    const other = join(dir, "other", "reg.db");
    assert.equal(json(["models", "register", "fraud", bundles[0], "--store", `sqlite:///${other}`]).version, 1);
    assert.ok(existsSync(other) && existsSync(join(dir, "other", "reg-artifacts")));
    assert.deepEqual(json(["models", "list"], { ORCHARD_STORE: `sqlite:///${other}` }).map((m: { name: string }) => m.name), ["fraud"]);

    const bad = orchard(["runs", "--store", "mysql://db/x"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^orchard: Store "mysql:\/\/db\/x" is not a store URL/);
    assert.equal(bad.stderr.trim().split("\n").length, 1);
    const name = orchard(["train", csv, "--target", "income", "--register", "bad/name"]);
    assert.equal(name.status, 2);
    assert.match(name.stderr, /Model name "bad\/name".*not allowed/);
    const missing = orchard(["models", "show", "nope"]);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /No registered model named nope: registered models: churn/);
  });
});
