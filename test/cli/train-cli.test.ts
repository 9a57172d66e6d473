// `orchard train` as a user runs it, in a child process: a model bundle and a leaderboard from the
// bundled demo data, JSON for scripts, a refit without search, and one clear line for each
// mistake a user makes first.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { root, runOrchard, type Run } from "./run-orchard.js";
import { loadBundle } from "../../src/store/index.js";
import { read } from "../../src/data/index.js";

const dir = mkdtempSync(join(tmpdir(), "orchard-train-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function orchard(...args: string[]): Run {
  return runOrchard(dir, args, { timeout: 120_000 });
}

// A 2,000-row slice of the demo data keeps the runs short.
const demo = join(dir, "adult-2k.csv");
{
  const lines = ["age,workclass,education,hours,income"];
  const frame = await read(join(root, "data/adult.csv.gz"));
  for (let i = 0; i < 2000; i++) {
    const r = frame.row(i * 7);
    lines.push([r.age, r.workclass ?? "", r.education, r["hours-per-week"], r.income].join(","));
  }
  writeFileSync(demo, lines.join("\n") + "\n");
}

describe("orchard train", () => {
  it("trains, prints the leaderboard and the test score, and writes a bundle that loads", () => {
    const { status, stdout, stderr } = orchard("train", demo, "--target", "income", "--budget", "12s", "--out", "m.orchard", "--no-report");
    assert.equal(status, 0, stderr);
    assert.match(stdout, /task: classification/);
    assert.match(stdout, /rank {2}candidate/);
    assert.match(stdout, /gradient-boosting#\d+/);
    assert.match(stdout, /test auc: 0\.\d{4} {2}\(95% interval/);
    assert.match(stdout, new RegExp(`model: ${join(dir, "m.orchard").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    const bundle = loadBundle(join(dir, "m.orchard"));
    assert.equal(bundle.predictor.target, "income");
    assert.deepEqual(bundle.signature.map((c) => c.name), ["age", "workclass", "education", "hours"]);
  });

  it("--json gives a script everything, and nothing but JSON on stdout", () => {
    const { status, stdout, stderr } = orchard("train", demo, "--target", "income", "--budget", "8s", "--metric", "logloss", "--validation", "holdout:0.25", "--json", "--out", "j.orchard", "--no-report");
    assert.equal(status, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.metric.name, "logloss");
    assert.equal(result.metric.higherIsBetter, false);
    assert.deepEqual(result.validation, { kind: "holdout", fraction: 0.25 });
    assert.ok(result.test.score > 0 && result.test.score < 1);
    assert.ok(result.leaderboard.length >= 2);
    assert.equal(result.files.model, join(dir, "j.orchard"));
  });

  it("--refit-from retrains without a search", () => {
    const { status, stdout, stderr } = orchard("train", demo, "--refit-from", "m.orchard", "--out", "m2.orchard", "--no-report");
    assert.equal(status, 0, stderr);
    assert.match(stdout, /as in the model refitted from/);
    assert.ok(existsSync(join(dir, "m2.orchard")));
  });

  it("names a missing target column, an unknown metric and a bad budget, with exit code 2", () => {
    for (const [args, message] of [
      [["--target", "incme"], /Target column "incme" is not in the data: columns are age, workclass, education, hours, income/],
      [["--target", "income", "--metric", "rsme"], /Metric "rsme" is for|Unknown metric "rsme"/],
      [["--target", "income", "--budget", "soon"], /--budget "soon" is not a duration/],
      [[], /--target is required/],
    ] as const) {
      const { status, stderr, stdout } = orchard("train", demo, ...args, "--no-report");
      assert.equal(status, 2, stderr);
      assert.match(stderr, message);
      assert.equal(stderr.trim().split("\n").length, 1, `one line: ${stderr}`);
      assert.equal(stdout, "");
    }
  });
});
