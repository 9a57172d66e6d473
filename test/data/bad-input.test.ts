// Bad input gets one clear OrchardError — a code, the file, the line when there is one, and what to
// do — never a hang, a stack trace from DuckDB, or a Frame that quietly holds the wrong values.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { OrchardError, Rng, read, type ErrorCode, type Frame, type ReadOptions } from "../../src/index.js";

// A guard, not a timing assertion: a read that hangs fails here instead of stalling the suite.
const GUARD = { timeout: 60_000 };

let dir = "";
before(() => {
  dir = mkdtempSync(join(tmpdir(), "orchard-bad-input-"));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Expected {
  readonly code: ErrorCode;
  /** Texts the message must contain (the file name is always checked for file sources). */
  readonly message?: readonly (string | RegExp)[];
  /** Texts the one-line form (message and hint) must contain: suggestions live in the hint. */
  readonly line?: readonly (string | RegExp)[];
  /** Whether the message must name the file (not for options rejected before the file is opened). */
  readonly namesFile?: boolean;
}

/** Reads, expects an OrchardError, checks it and returns it. */
async function failure(source: string | { sql: string }, options: ReadOptions, expected: Expected): Promise<OrchardError> {
  let frame: Frame;
  try {
    frame = await read(source, options);
  } catch (error) {
    assert.ok(error instanceof OrchardError, `expected an OrchardError, got ${String(error)}`);
    assert.equal(error.code, expected.code, error.message);
    for (const text of expected.message ?? []) contains(error.message, text, "message");
    for (const text of expected.line ?? []) contains(error.line, text, "message and hint");
    assert.ok(!/^\s+at /m.test(error.message), `no stack trace in the message: ${error.message}`);
    if (typeof source === "string" && expected.namesFile !== false) contains(error.message, basename(source), "message");
    return error;
  }
  assert.fail(`expected ${JSON.stringify(source)} to fail, but it read ${frame.nRows} × ${frame.nCols} (${frame.names.join(", ")})`);
}

function contains(text: string, expected: string | RegExp, what: string): void {
  if (typeof expected === "string") assert.ok(text.includes(expected), `${what} should contain ${JSON.stringify(expected)}: ${text}`);
  else assert.match(text, expected, `${what}: ${text}`);
}

describe("read() on bad input", () => {
  test("a missing file is not_found and names the path", GUARD, async () => {
    const path = join(dir, "no-such-file.csv");
    await failure(path, {}, { code: "not_found" });
  });

  test("a glob that matches nothing is not_found", GUARD, async () => {
    await failure(join(dir, "nothing-here-*.csv"), {}, { code: "not_found" });
  });

  test("an empty file", GUARD, async () => {
    await failure(file("empty.csv", ""), {}, { code: "invalid_input", message: [/empty/i] });
  });

  test("a file of blank lines is as empty as an empty file", GUARD, async () => {
    await failure(file("blank-lines.csv", "\n\n\n"), {}, { code: "invalid_input" });
  });

  test("a header with no rows, with or without a final line break", GUARD, async () => {
    await failure(file("header-only.csv", "a,b,c\n"), {}, { code: "invalid_input", message: [/no (data )?rows/i] });
    await failure(file("header-only-crlf.csv", "a,b,c\r\n"), {}, { code: "invalid_input", message: [/no (data )?rows/i] });
    await failure(file("header-no-newline.csv", "a,b,c"), {}, { code: "invalid_input", message: [/no (data )?rows/i] });
  });

  describe("ragged rows", () => {
    test("too few fields: names the line", GUARD, async () => {
      const path = file("too-few.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
      const error = await failure(path, {}, { code: "invalid_input", message: ["line 3", "2 fields"] });
      assert.equal(error.where, `${path}:3`);
    });

    test("too many fields: names the line", GUARD, async () => {
      const path = file("too-many.csv", "a,b,c\n1,2,3\n4,5,6\n6,7,8,9\n10,11,12\n");
      await failure(path, {}, { code: "invalid_input", message: ["line 4", "4 fields"] });
    });

    test("a short last line without a line break", GUARD, async () => {
      await failure(file("short-last.csv", "a,b,c\n1,2,3\n4,5"), {}, { code: "invalid_input", message: ["line 3"] });
    });

    // Past the rows the dialect sniffer samples, DuckDB itself finds the bad row.
    const long = ["a,b,c", ...Array.from({ length: 30_000 }, (_, i) => `${i},${2 * i},x${i % 7}`)];
    test("a ragged row far into a large file", GUARD, async () => {
      const lines = [...long];
      lines[25_000] = "25000,1";
      await failure(file("late-ragged.csv", lines.join("\n") + "\n"), {}, { code: "invalid_input", message: ["line 25001"] });
    });

    test("a row with too many fields far into a gzip file", GUARD, async () => {
      const lines = [...long];
      lines[25_000] = "25000,1,2,3";
      const path = file("late-ragged.csv.gz", gzipSync(lines.join("\n") + "\n"));
      await failure(path, {}, { code: "invalid_input", message: ["line 25001", "4 fields"] });
    });
  });

  describe("binary and broken files", () => {
    const garbage = (n: number, seed: number): Uint8Array => {
      const rng = new Rng(seed);
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = rng.int(256);
      for (const i of [17, 1_000, 3_000]) bytes[i] = 0;
      return bytes;
    };

    test("random bytes with NULs", GUARD, async () => {
      await failure(file("garbage.csv", garbage(8_192, 1)), {}, { code: "invalid_input", message: [/binary/i] });
    });

    test("random bytes with NULs, with no extension to go by", GUARD, async () => {
      await failure(file("garbage", garbage(8_192, 2)), {}, { code: "invalid_input" });
    });

    test("random bytes inside a valid gzip stream", GUARD, async () => {
      await failure(file("garbage.csv.gz", gzipSync(garbage(8_192, 3))), {}, { code: "invalid_input", message: [/binary/i] });
    });

    test("a .csv.gz that is not gzip inside", GUARD, async () => {
      const bytes = garbage(4_096, 4);
      bytes[0] = 0x1f;
      bytes[1] = 0x8b;
      await failure(file("broken.csv.gz", bytes), {}, { code: "invalid_input", message: [/gzip/i] });
    });

    test("a text file named .parquet", GUARD, async () => {
      await failure(file("text.parquet", "this is not parquet\n1,2,3\n"), {}, { code: "invalid_input", message: [/parquet/i] });
    });

    test("a Parquet file cut short", GUARD, async () => {
      const whole = join(dir, "whole.parquet");
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      try {
        await connection.run(`COPY (SELECT i AS a, i * 0.5 AS b FROM range(5000) t(i)) TO '${whole}' (FORMAT parquet)`);
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
      const bytes = readFileSync(whole);
      const cut = file("cut.parquet", bytes.subarray(0, Math.floor(bytes.length / 2)));
      await failure(cut, {}, { code: "invalid_input", message: [/parquet/i] });
    });

    test("CSV text read as JSON", GUARD, async () => {
      await failure(file("comma-as-json.csv", "a,b\n1,2\n"), { format: "json" }, { code: "invalid_input", message: [/json/i] });
    });
  });

  describe("delimiter", () => {
    test("';' given for a comma file: suggests ','", GUARD, async () => {
      await failure(file("comma.csv", "a,b,c\n1,2,3\n4,5,6\n"), { delimiter: ";" }, { code: "invalid_input", line: ["','"] });
    });

    test("',' given for a semicolon file: suggests ';'", GUARD, async () => {
      await failure(file("semicolon.csv", "a;b;c\n1;2;3\n4;5;6\n"), { delimiter: "," }, { code: "invalid_input", line: ["';'"] });
    });

    test("a delimiter of more than one character", GUARD, async () => {
      await failure(file("comma2.csv", "a,b\n1,2\n"), { delimiter: ";;" }, { code: "invalid_input", message: [/delimiter/i], namesFile: false });
    });
  });

  describe("encoding", () => {
    const bytes = Buffer.concat([Buffer.from("name,age\n"), Buffer.from("José,31\n", "latin1"), Buffer.from("Ann,40\n")]);

    test("Latin-1 bytes on line 2: names the line and suggests latin-1", GUARD, async () => {
      const path = file("latin1.csv", bytes);
      const error = await failure(path, {}, { code: "invalid_input", message: ["line 2", /utf-8/i], line: [/latin-1/i] });
      assert.equal(error.where, `${path}:2`);
    });

    test("the same file with encoding latin-1 reads José", GUARD, async () => {
      const frame = await read(file("latin1-ok.csv", bytes), { encoding: "latin-1" });
      assert.equal(frame.nRows, 2);
      assert.deepEqual(frame.row(0), { name: "José", age: 31 });
      assert.equal(frame.field("age").kind, "integer");
    });

    test("an encoding that is not supported", GUARD, async () => {
      const options = { encoding: "ebcdic" } as unknown as ReadOptions;
      await failure(file("plain.csv", "a\n1\n"), options, { code: "invalid_input", line: [/utf-8/i], namesFile: false });
    });
  });

  describe("options naming columns", () => {
    test("an unknown column in columns: not_found, listing the columns", GUARD, async () => {
      const path = file("abc.csv", "a,b,c\n1,2,3\n4,5,6\n");
      await failure(path, { columns: ["a", "zz"] }, { code: "not_found", message: ['"zz"'], line: ["a, b, c"] });
    });

    test("an unknown column in kinds: not_found, not silently ignored", GUARD, async () => {
      const path = file("abc-kinds.csv", "a,b,c\n1,2,3\n4,5,6\n");
      await failure(path, { kinds: { zz: "numeric" } }, { code: "not_found", message: ['"zz"'], line: ["a, b, c"] });
    });

    test("kinds numeric on a column of names", GUARD, async () => {
      const path = file("names.csv", "name,v\nalice,1\nbob,2\ncarol,3\n");
      await failure(path, { kinds: { name: "numeric" } }, { code: "invalid_input", message: ['"name"', "numeric"] });
    });

    test("kinds boolean on an integer column", GUARD, async () => {
      const path = file("ints.csv", "a,b\n1,2\n3,4\n5,6\n");
      await failure(path, { kinds: { a: "boolean" } }, { code: "invalid_input", message: ['"a"', "boolean"] });
    });

    test("a kind that does not exist lists the kinds", GUARD, async () => {
      const options = { kinds: { a: "float" } } as unknown as ReadOptions;
      await failure(file("ints2.csv", "a,b\n1,2\n"), options, {
        code: "invalid_input",
        message: ['"float"'],
        line: ["numeric", "categorical"],
        namesFile: false,
      });
    });
  });

  describe("integers past 2^53", () => {
    test("refused with a hint to read the column as categorical", GUARD, async () => {
      const path = file("big.csv", "id,name\n1,x\n9007199254740993,y\n");
      await failure(path, {}, { code: "invalid_input", message: ['"id"', "2^53"], line: [/categorical/] });
    });

    test("read exactly as categorical when asked", GUARD, async () => {
      const frame = await read(file("big-ok.csv", "id,name\n1,x\n9007199254740993,y\n"), { kinds: { id: "categorical" } });
      assert.deepEqual(frame.row(1), { id: "9007199254740993", name: "y" });
    });

    test("refused too when a missing token makes the column text first", GUARD, async () => {
      // "unknown" keeps DuckDB from typing the column; the number must not be rounded to ...992.
      const path = file("big-unknown.csv", "id,name\n1,x\n9007199254740993,y\nunknown,z\n");
      await failure(path, {}, { code: "invalid_input", message: ['"id"', "2^53"], line: [/categorical/] });
    });
  });

  describe("SQL", () => {
    test("a syntax error", GUARD, async () => {
      await failure({ sql: "SELEC 1" }, {}, { code: "invalid_input", message: [/sql|query/i] });
    });

    test("a table that does not exist", GUARD, async () => {
      await failure({ sql: "SELECT * FROM no_such_table" }, {}, { code: "invalid_input", message: ["no_such_table"] });
    });

    test("an empty query", GUARD, async () => {
      await failure({ sql: "  " }, {}, { code: "invalid_input", message: [/sql/i] });
    });
  });
});
