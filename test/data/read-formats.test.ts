// Round trips: DuckDB writes one table as Parquet, JSON, NDJSON, gzip CSV, TSV, a Hive-partitioned
// folder and a set of files for a glob; read() must give back the same values and kinds from each.
// Then the options that steer a read: columns, kinds, missing, header, delimiter.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { read, type Column, type Frame } from "../../src/index.js";

const N = 40;
const COLORS = ["red", "green", "blue"];
const DAY = 86_400_000;

// The table every fixture holds; `expectedRow` says the same in TypeScript.
const TABLE = `SELECT i AS id,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i * 0.5 + 0.25 END AS x,
  CASE WHEN i % 5 = 4 THEN NULL ELSE ['red', 'green', 'blue'][i % 3 + 1] END AS color,
  CASE WHEN i % 11 = 5 THEN NULL ELSE i % 2 = 0 END AS flag,
  CASE WHEN i % 13 = 6 THEN NULL ELSE TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (i) DAY + INTERVAL (i) HOUR END AS ts,
  CAST(i % 4 AS INTEGER) AS grp,
  CASE WHEN i % 17 = 8 THEN NULL ELSE 'row number ' || i || ' of the fixture' END AS note
  FROM range(${N}) t(i)`;

function expectedRow(i: number): Record<string, number | string | boolean | null> {
  return {
    id: i,
    x: i % 7 === 3 ? null : i * 0.5 + 0.25,
    color: i % 5 === 4 ? null : COLORS[i % 3],
    flag: i % 11 === 5 ? null : i % 2 === 0,
    ts: i % 13 === 6 ? null : new Date(Date.UTC(2020, 0, 1) + i * DAY + i * 3_600_000).toISOString(),
    grp: i % 4,
    note: i % 17 === 8 ? null : `row number ${i} of the fixture`,
  };
}

let dir = "";

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "orchard-read-formats-"));
  mkdirSync(join(dir, "parts"));
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const copy = (query: string, target: string, options: string): Promise<unknown> =>
    connection.run(`COPY (${query}) TO '${join(dir, target)}' (${options})`);
  try {
    await copy(TABLE, "table.parquet", "FORMAT parquet");
    await copy(TABLE, "table.json", "FORMAT json, ARRAY true");
    await copy(TABLE, "table.ndjson", "FORMAT json");
    await copy(TABLE, "table.csv.gz", "FORMAT csv, HEADER, COMPRESSION gzip");
    await copy(TABLE, "table.tsv", "FORMAT csv, HEADER, DELIMITER '\t'");
    await copy(TABLE, "hive", "FORMAT parquet, PARTITION_BY (grp)");
    await copy(`${TABLE} WHERE i < 25`, "parts/part-0.parquet", "FORMAT parquet");
    await copy(`${TABLE} WHERE i >= 25`, "parts/part-1.parquet", "FORMAT parquet");
    await copy(`${TABLE} WHERE i < 25`, "parts/part-0.csv", "FORMAT csv, HEADER");
    await copy(`${TABLE} WHERE i >= 25`, "parts/part-1.csv", "FORMAT csv, HEADER");
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Checks a Frame read from any of the fixtures against the table, by column name. */
function assertTable(frame: Frame): void {
  assert.equal(frame.nRows, N);
  assert.deepEqual([...frame.names].sort(), ["color", "flag", "grp", "id", "note", "ts", "x"]);
  const kinds = Object.fromEntries(frame.schema.map((f) => [f.name, f.kind]));
  assert.deepEqual(kinds, {
    id: "integer", x: "numeric", color: "categorical", flag: "boolean", ts: "datetime", grp: "integer", note: "text",
  });
  assert.equal(frame.field("id").isIdentifier, true);
  assert.equal(frame.field("grp").isPossiblyCategorical, true);
  const ids = frame.column("id") as Column & { values: Float64Array };
  for (let r = 0; r < N; r++) assert.deepEqual(frame.row(r), expectedRow(ids.values[r]), `row ${r}`);

  // The storage itself: NaN, -1 and null for missing; epoch milliseconds for datetimes.
  const at = (i: number): number => ids.values.indexOf(i);
  const x = frame.column("x");
  assert.ok(x.kind === "numeric" && x.values instanceof Float64Array && Number.isNaN(x.values[at(3)]));
  const color = frame.column("color");
  assert.ok(color.kind === "categorical" && color.codes instanceof Int32Array);
  assert.deepEqual(color.categories, ["blue", "green", "red"]);
  assert.equal(color.codes[at(4)], -1);
  assert.equal(color.codes[at(0)], 2);
  const flag = frame.column("flag");
  assert.ok(flag.kind === "boolean" && flag.values instanceof Int8Array);
  assert.deepEqual([flag.values[at(5)], flag.values[at(0)], flag.values[at(1)]], [-1, 1, 0]);
  const ts = frame.column("ts");
  assert.ok(ts.kind === "datetime");
  assert.equal(ts.values[at(0)], Date.UTC(2020, 0, 1));
  assert.equal(ts.values[at(2)], Date.UTC(2020, 0, 3, 2));
  assert.ok(Number.isNaN(ts.values[at(6)]));
  const note = frame.column("note");
  assert.ok(note.kind === "text" && note.values[at(8)] === null);
}

describe("read() formats written by DuckDB", () => {
  for (const [name, format, delimiter] of [
    ["table.parquet", "parquet", undefined],
    ["table.json", "json", undefined],
    ["table.ndjson", "json", undefined],
    ["table.csv.gz", "csv", ","],
    ["table.tsv", "csv", "\t"],
  ] as const) {
    test(name, async () => {
      const frame = await read(join(dir, name));
      assertTable(frame);
      assert.deepEqual(frame.names, ["id", "x", "color", "flag", "ts", "grp", "note"]);
      assert.equal(frame.origin?.format, format);
      assert.equal(frame.origin?.delimiter, delimiter);
      assert.deepEqual(frame.origin?.notes, []);
    });
  }

  test("a Hive-partitioned folder of Parquet: the partition key comes back as a column", async () => {
    const frame = await read(join(dir, "hive"));
    assertTable(frame);
    assert.equal(frame.origin?.format, "parquet");
  });

  test("a glob over Parquet files keeps the files' order", async () => {
    const frame = await read(join(dir, "parts", "*.parquet"));
    assertTable(frame);
    for (let r = 0; r < N; r++) assert.equal(frame.row(r).id, r);
  });

  test("a glob over CSV files", async () => {
    const frame = await read(join(dir, "parts", "*.csv"));
    assertTable(frame);
    assert.equal(frame.origin?.format, "csv");
    for (let r = 0; r < N; r++) assert.equal(frame.row(r).id, r);
  });

  test("an explicit format overrides the file name", async () => {
    const path = file("ndjson.txt", '{"a": 1, "b": "x"}\n{"a": 2, "b": null}\n');
    const frame = await read(path, { format: "json" });
    assert.deepEqual([frame.row(0), frame.row(1)], [{ a: 1, b: "x" }, { a: 2, b: null }]);
  });
});

describe("read({ sql })", () => {
  test("a query over a Parquet file", async () => {
    const frame = await read({ sql: `SELECT id, x, color FROM read_parquet('${join(dir, "table.parquet")}') WHERE id < 10 ORDER BY id DESC` });
    assert.equal(frame.nRows, 10);
    assert.deepEqual(frame.names, ["id", "x", "color"]);
    assert.deepEqual(frame.schema.map((f) => f.kind), ["integer", "numeric", "categorical"]);
    assert.equal(frame.origin?.format, "sql");
    for (let r = 0; r < 10; r++) {
      const { id, x, color } = expectedRow(9 - r);
      assert.deepEqual(frame.row(r), { id, x, color });
    }
  });

  test("computed columns: dates, booleans and decimals", async () => {
    const frame = await read({
      sql: "SELECT DATE '2020-01-02' + CAST(i AS INTEGER) AS day, i > 1 AS big, CAST(i AS DECIMAL(6, 2)) / 4 AS q FROM range(4) t(i)",
    });
    assert.deepEqual(frame.schema.map((f) => f.kind), ["datetime", "boolean", "numeric"]);
    const day = frame.column("day");
    assert.ok(day.kind === "datetime");
    assert.deepEqual(Array.from(day.values), [0, 1, 2, 3].map((i) => Date.UTC(2020, 0, 2 + i)));
    assert.deepEqual(frame.row(3), { day: "2020-01-05T00:00:00.000Z", big: true, q: 0.75 });
  });
});

describe("read() options", () => {
  test("columns: only those, in the order given", async () => {
    const frame = await read(join(dir, "table.parquet"), { columns: ["note", "id", "color"] });
    assert.deepEqual(frame.names, ["note", "id", "color"]);
    assert.deepEqual(frame.row(1), { note: "row number 1 of the fixture", id: 1, color: "green" });
  });

  test("columns on a CSV", async () => {
    const frame = await read(join(dir, "table.csv.gz"), { columns: ["ts", "x"] });
    assert.deepEqual(frame.names, ["ts", "x"]);
    assert.deepEqual(frame.row(2), { ts: "2020-01-03T02:00:00.000Z", x: 1.25 });
  });

  const codes = "code,country,n\n10,US,1\n2,NA,2\n1,-,3\n10,FR,4\n2,NA,5\n1,US,-\n";

  test("kinds: integer to categorical sorts categories as numbers", async () => {
    const frame = await read(file("codes.csv", codes), { kinds: { code: "categorical" } });
    const code = frame.column("code");
    assert.ok(code.kind === "categorical");
    assert.deepEqual(code.categories, ["1", "2", "10"]);
    assert.deepEqual(Array.from(code.codes), [2, 1, 0, 2, 1, 0]);
    assert.equal(frame.field("code").kind, "categorical");
  });

  test("kinds: integer to numeric, and from Parquet integer to categorical", async () => {
    const csv = await read(file("codes2.csv", codes), { kinds: { code: "numeric" } });
    assert.equal(csv.field("code").kind, "numeric");
    assert.equal(csv.row(0).code, 10);
    const parquet = await read(join(dir, "table.parquet"), { kinds: { grp: "categorical", color: "text" } });
    const grp = parquet.column("grp");
    assert.ok(grp.kind === "categorical");
    assert.deepEqual(grp.categories, ["0", "1", "2", "3"]);
    assert.equal(parquet.field("color").kind, "text");
    assert.equal(parquet.row(4).color, null);
  });

  test("missing: the given tokens replace the defaults", async () => {
    const frame = await read(file("codes3.csv", codes), { missing: ["-"] });
    // "NA" is Namibia here: with "-" as the only missing token it is a country like any other.
    const country = frame.column("country");
    assert.ok(country.kind === "categorical");
    assert.deepEqual(country.categories, ["FR", "NA", "US"]);
    assert.deepEqual(Array.from(country.codes), [2, 1, -1, 0, 1, 2]);
    assert.equal(frame.field("n").kind, "integer");
    assert.equal(frame.row(5).n, null);
  });

  test("missing: by default '-' is a value and 'NA' is missing", async () => {
    const frame = await read(file("codes4.csv", codes));
    const country = frame.column("country");
    assert.ok(country.kind === "categorical");
    assert.deepEqual(country.categories, ["-", "FR", "US"]);
    assert.equal(country.codes[1], -1);
  });

  test("missing: a numeric sentinel", async () => {
    const frame = await read(file("sentinel.csv", "a,b\n1,2.5\n-999,3.5\n3,-999\n"), { missing: ["-999"] });
    assert.deepEqual(frame.schema.map((f) => f.kind), ["integer", "numeric"]);
    assert.deepEqual([frame.row(1).a, frame.row(2).b], [null, null]);
  });

  test("header: false names the columns c0, c1, …", async () => {
    const path = file("no-header.csv", "1,2.5,a\n2,3.5,b\n3,4.5,a\n");
    const frame = await read(path, { header: false });
    assert.deepEqual(frame.names, ["c0", "c1", "c2"]);
    assert.equal(frame.nRows, 3);
    assert.deepEqual(frame.row(0), { c0: 1, c1: 2.5, c2: "a" });
    assert.equal(frame.origin?.header, false);
  });

  test("header: false on a file with a header reads the header as a row", async () => {
    const frame = await read(file("codes5.csv", codes), { header: false });
    assert.equal(frame.nRows, 7);
    assert.deepEqual(frame.row(0), { c0: "code", c1: "country", c2: "n" });
  });

  test("delimiter: '|' with commas inside values", async () => {
    const frame = await read(file("pipes.csv", "a|b\n1|x,y\n2|z\n3|x,y\n"), { delimiter: "|" });
    assert.deepEqual(frame.names, ["a", "b"]);
    assert.deepEqual(frame.row(0), { a: 1, b: "x,y" });
    assert.equal(frame.origin?.delimiter, "|");
  });

  test("onProgress reports the phases in order", async () => {
    const phases: string[] = [];
    await read(join(dir, "table.parquet"), { onProgress: (p) => phases.push(p.phase) });
    assert.equal(phases[0], "detect");
    assert.ok(phases.includes("load"));
    assert.ok(phases.indexOf("load") > phases.lastIndexOf("detect"));
  });
});

describe("type detection past the sampled rows", () => {
  // 30,000 rows of integers: more than DuckDB's sniffer samples, so it types the column as integer.
  const head = Array.from({ length: 30_000 }, (_, i) => `${i},${i % 97},${i % 5}`);

  test("a later text value makes the column categorical, and the Frame says so", async () => {
    const path = file("late-text.csv", ["id,v,w", ...head, "30000,hello,3", "30001,7,1"].join("\n") + "\n");
    const frame = await read(path);
    assert.equal(frame.nRows, 30_002);
    const v = frame.field("v").kind;
    assert.ok(v === "categorical" || v === "text", `v is ${v}`);
    assert.equal(frame.row(30_000).v, "hello");
    assert.equal(frame.row(1).v, "1");
    assert.equal(frame.row(30_001).v, "7");
    assert.equal(frame.field("w").kind, "integer");
    assert.equal(frame.field("id").kind, "integer");
    const notes = frame.origin?.notes ?? [];
    assert.ok(notes.some((n) => n.includes('"v"')), JSON.stringify(notes));
    assert.ok(!notes.some((n) => n.includes('"w"') || n.includes('"id"')), JSON.stringify(notes));
  });

  test("a later decimal makes the column numeric and keeps its value", async () => {
    const path = file("late-decimal.csv", ["id,v,w", ...head, "30000,1,3.5", "30001,7,1"].join("\n") + "\n");
    const frame = await read(path);
    assert.equal(frame.nRows, 30_002);
    assert.equal(frame.row(30_000).w, 3.5);
    assert.equal(frame.field("w").kind, "numeric");
  });
});
