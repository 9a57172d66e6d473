// The real `orchard` command in a child process: what a user sees on stdout, stderr and in the
// exit code, for good input and for every kind of bad input.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { root, runOrchard, type Run } from "./run-orchard.js";

const demo = join(root, "data/adult.csv.gz");
const dir = mkdtempSync(join(tmpdir(), "orchard-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function orchard(...args: string[]): Run {
  return runOrchard(dir, args);
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("orchard profile", () => {
  it("profiles the demo data with a target, as JSON", () => {
    const { status, stdout, stderr } = orchard("profile", demo, "--target", "income", "--json");
    assert.equal(status, 0, stderr);
    const profile = JSON.parse(stdout);
    assert.equal(profile.nRows, 32561);
    assert.equal(profile.nCols, 15);
    assert.equal(profile.target.task, "classification");
    assert.deepEqual(profile.target.classes.map((c: { value: string }) => c.value), ["<=50K", ">50K"]);
    const workclass = profile.columns.find((c: { name: string }) => c.name === "workclass");
    assert.equal(workclass.nMissing, 1836);
    assert.ok(profile.targetAssociations.length >= 10);
    assert.equal(stderr, "", "--json keeps stderr quiet");
  });

  it("prints a readable summary and writes the HTML report", () => {
    const out = join(dir, "report.html");
    const { status, stdout, stderr } = orchard("profile", demo, "--target", "income", "--out", out);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /32,561 rows × 15 columns/);
    assert.match(stdout, /workclass\s+categorical\s+5\.6%/);
    assert.match(stdout, /Most related to income/);
    assert.ok(existsSync(out));
    assert.match(readFileSync(out, "utf8"), /<html/i);
    // Piped stderr gets plain lines: no carriage returns or escape codes from a progress bar.
    assert.doesNotMatch(stderr, /\r|\x1b\[/);
    assert.match(stderr, /report written to/);
  });

  it("flags the leaking column of bank-marketing", () => {
    const bank = join(root, "../shared/datasets/bank-marketing/bank-full.csv.gz");
    const { status, stdout } = orchard("profile", bank, "--target", "y", "--json");
    assert.equal(status, 0);
    const leaks = JSON.parse(stdout).alerts.filter((a: { kind: string }) => a.kind === "leakage").map((a: { column: string }) => a.column);
    assert.deepEqual(leaks, ["duration"]);
  });
});

describe("orchard profile on bad input", () => {
  const cases: [string, () => string[], RegExp, number][] = [
    ["a missing file", () => ["profile", join(dir, "nope.csv")], /File not found: .*nope\.csv/, 3],
    ["an empty file", () => ["profile", file("empty.csv", "")], /empty\.csv is empty/, 2],
    ["a header without rows", () => ["profile", file("header.csv", "a,b,c\n")], /header\.csv has a header but no rows/, 2],
    ["ragged rows", () => ["profile", file("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n")], /ragged\.csv line 3 has 2 fields/, 2],
    ["binary garbage", () => ["profile", file("garbage.csv", Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)))], /garbage\.csv looks binary/, 2],
    ["a wrong delimiter", () => ["profile", file("comma.csv", "a,b,c\n1,2,3\n4,5,6\n"), "--delimiter", ";"], /comma\.csv reads as one column .*--delimiter ','/, 2],
    ["a non-UTF-8 file", () => ["profile", file("latin1.csv", Buffer.from("name,city\nJos\xe9,M\xfcnchen\n", "latin1"))], /latin1\.csv is not UTF-8: invalid byte 0xe9 on line 2.*--encoding latin-1/, 2],
    ["an unknown target", () => ["profile", demo, "--target", "salary"], /Column "salary" not found .*columns are age, workclass/, 3],
    ["an unreadable Parquet file", () => ["profile", file("broken.parquet", "PAR1 this is not really parquet")], /broken\.parquet is not a readable Parquet file/, 2],
    ["an unknown option", () => ["profile", demo, "--colour"], /unknown option/, 2],
  ];
  for (const [what, args, message, code] of cases) {
    it(`explains ${what} in one line, without a stack trace`, () => {
      const { status, stdout, stderr } = orchard(...args());
      assert.equal(status, code, stderr);
      assert.match(stderr, message);
      assert.equal(stdout, "");
      assert.doesNotMatch(stderr, /\n\s+at .*:\d+:\d+/, "no stack trace");
      if (!/unknown option/.test(String(message))) assert.equal(stderr.trim().split("\n").length, 1, stderr);
    });
  }

  it("reads the non-UTF-8 file when told its encoding", () => {
    const path = file("latin1b.csv", Buffer.from("name,city\nJos\xe9,M\xfcnchen\nAnna,Berlin\n", "latin1"));
    const { status, stdout } = orchard("profile", path, "--encoding", "latin-1", "--json");
    assert.equal(status, 0);
    const name = JSON.parse(stdout).columns[0];
    assert.ok(name.text?.top.some((t: { value: string }) => t.value === "José") || name.categorical?.top.some((t: { value: string }) => t.value === "José"));
  });
});
