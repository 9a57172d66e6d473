// Frame: building one by hand, the column and row operations, seeded splits and the matrix a model
// takes. Frames are immutable: every operation leaves the frame it started from as it was.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Frame, OrchardError, Rng, type Column, type ErrorCode } from "../../src/index.js";

function numeric(values: number[]): Column {
  return { kind: "numeric", values: Float64Array.from(values) };
}
function integer(values: number[]): Column {
  return { kind: "integer", values: Float64Array.from(values) };
}
function categorical(codes: number[], categories: string[]): Column {
  return { kind: "categorical", codes: Int32Array.from(codes), categories };
}
function boolean(values: number[]): Column {
  return { kind: "boolean", values: Int8Array.from(values) };
}

/** A small frame with every kind and a missing value in each column. */
function sample(): Frame {
  return Frame.fromColumns({
    x: numeric([1.5, NaN, -2, 4]),
    n: integer([10, 20, NaN, 40]),
    color: categorical([0, 1, -1, 0], ["blue", "red"]),
    flag: boolean([1, 0, 1, -1]),
    when: { kind: "datetime", values: Float64Array.from([Date.UTC(2024, 0, 1), NaN, 0, Date.UTC(2000, 1, 29, 12)]) },
    note: { kind: "text", values: ["a", null, "c", "d"] },
  });
}

function throwsCode(fn: () => unknown, code: ErrorCode, ...texts: string[]): OrchardError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof OrchardError, `expected an OrchardError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const text of texts) assert.ok(error.line.includes(text), `${JSON.stringify(text)} in: ${error.line}`);
    return error;
  }
  assert.fail("expected an error");
}

describe("Frame.fromColumns", () => {
  test("from a record or from entries, in order", () => {
    const a = Frame.fromColumns({ b: numeric([1, 2]), a: integer([3, 4]) });
    const b = Frame.fromColumns([["b", numeric([1, 2])], ["a", integer([3, 4])]]);
    for (const frame of [a, b]) {
      assert.equal(frame.nRows, 2);
      assert.equal(frame.nCols, 2);
      assert.deepEqual(frame.names, ["b", "a"]);
      assert.deepEqual(frame.schema.map((f) => [f.name, f.kind, f.isIdentifier, f.isPossiblyCategorical]), [
        ["b", "numeric", false, false],
        ["a", "integer", false, false],
      ]);
      assert.equal(frame.origin, undefined);
    }
  });

  test("hints mark identifiers and coded categories", () => {
    const frame = Frame.fromColumns({ id: integer([1, 2, 3]), k: integer([0, 1, 0]) }, {
      hints: { id: { isIdentifier: true }, k: { isPossiblyCategorical: true } },
    });
    assert.equal(frame.field("id").isIdentifier, true);
    assert.equal(frame.field("id").isPossiblyCategorical, false);
    assert.equal(frame.field("k").isPossiblyCategorical, true);
  });

  test("no columns: an empty frame", () => {
    const frame = Frame.fromColumns({});
    assert.equal(frame.nRows, 0);
    assert.equal(frame.nCols, 0);
  });

  test("columns of different lengths", () => {
    throwsCode(() => Frame.fromColumns({ a: numeric([1, 2, 3]), b: numeric([1, 2]) }), "invalid_input", '"b"', "2", "3");
  });

  test("a name twice", () => {
    throwsCode(() => Frame.fromColumns([["a", numeric([1])], ["a", numeric([2])]]), "invalid_input", '"a"');
  });

  test("codes outside the categories", () => {
    throwsCode(() => Frame.fromColumns({ c: categorical([0, 2], ["x", "y"]) }), "invalid_input", '"c"', "2", "row 1");
    throwsCode(() => Frame.fromColumns({ c: categorical([-2, 0], ["x", "y"]) }), "invalid_input", '"c"', "-2");
    throwsCode(() => Frame.fromColumns({ c: categorical([0], []) }), "invalid_input", '"c"');
  });

  test("storage that does not match the kind", () => {
    const wrong = (column: unknown): Record<string, Column> => ({ w: column as Column });
    throwsCode(() => Frame.fromColumns(wrong({ kind: "numeric", values: [1, 2] })), "invalid_input", '"w"', "Float64Array");
    throwsCode(() => Frame.fromColumns(wrong({ kind: "boolean", values: Int32Array.from([1]) })), "invalid_input", "Int8Array");
    throwsCode(() => Frame.fromColumns(wrong({ kind: "categorical", codes: [0], categories: ["a"] })), "invalid_input", "Int32Array");
    throwsCode(() => Frame.fromColumns(wrong({ kind: "decimal", values: Float64Array.from([1]) })), "invalid_input", "kind");
  });
});

describe("Frame columns", () => {
  test("column() and field() on an unknown name list the names", () => {
    const frame = sample();
    const error = throwsCode(() => frame.column("colour"), "not_found", '"colour"', "x, n, color, flag, when, note");
    assert.ok(error.message.includes("colour"));
    throwsCode(() => frame.field("colour"), "not_found", "x, n, color");
    assert.equal(frame.has("color"), true);
    assert.equal(frame.has("colour"), false);
  });

  test("a long list of names is shortened", () => {
    const columns = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, numeric([i])]));
    const error = throwsCode(() => Frame.fromColumns(columns).column("g"), "not_found", "f0, f1", "30");
    assert.ok(!error.line.includes("f29"), error.line);
  });

  test("select: those columns in that order, sharing their storage", () => {
    const frame = sample();
    const picked = frame.select(["note", "x"]);
    assert.deepEqual(picked.names, ["note", "x"]);
    assert.equal(picked.nRows, 4);
    assert.equal(picked.column("x"), frame.column("x"));
    assert.deepEqual(frame.names, ["x", "n", "color", "flag", "when", "note"]);
    throwsCode(() => frame.select(["x", "nope"]), "not_found", '"nope"');
    throwsCode(() => frame.select(["x", "x"]), "invalid_input", '"x"');
  });

  test("drop", () => {
    const frame = sample();
    assert.deepEqual(frame.drop(["color", "note"]).names, ["x", "n", "flag", "when"]);
    assert.equal(frame.drop([]).nCols, 6);
    assert.equal(frame.drop(["x", "n", "color", "flag", "when", "note"]).nCols, 0);
    throwsCode(() => frame.drop(["nope"]), "not_found", '"nope"');
    assert.equal(frame.nCols, 6);
  });

  test("with: adds at the end, replaces in place", () => {
    const frame = sample();
    const added = frame.with("y", integer([1, 2, 3, 4]), { isIdentifier: true });
    assert.deepEqual(added.names, ["x", "n", "color", "flag", "when", "note", "y"]);
    assert.equal(added.field("y").isIdentifier, true);
    const replaced = frame.with("color", { kind: "text", values: ["p", "q", "r", "s"] });
    assert.deepEqual(replaced.names, frame.names);
    assert.equal(replaced.field("color").kind, "text");
    assert.equal(replaced.row(2).color, "r");
    assert.equal(frame.field("color").kind, "categorical");
    assert.equal(frame.nCols, 6);
    throwsCode(() => frame.with("y", numeric([1, 2, 3])), "invalid_input", '"y"', "3", "4");
    throwsCode(() => frame.with("y", categorical([5, 0, 0, 0], ["a"])), "invalid_input", '"y"');
    assert.equal(Frame.fromColumns({}).with("a", numeric([1, 2])).nRows, 2);
  });
});

describe("Frame rows", () => {
  test("row: plain values, null for missing, ISO datetimes", () => {
    const frame = sample();
    assert.deepEqual(frame.row(0), { x: 1.5, n: 10, color: "blue", flag: true, when: "2024-01-01T00:00:00.000Z", note: "a" });
    assert.deepEqual(frame.row(1), { x: null, n: 20, color: "red", flag: false, when: null, note: null });
    assert.deepEqual(frame.row(2), { x: -2, n: null, color: null, flag: true, when: "1970-01-01T00:00:00.000Z", note: "c" });
    assert.deepEqual(frame.row(3).flag, null);
    throwsCode(() => frame.row(4), "invalid_input", "4");
    throwsCode(() => frame.row(-1), "invalid_input", "-1");
    throwsCode(() => frame.row(0.5), "invalid_input");
  });

  test("take: rows in the order given, repeats allowed, every kind", () => {
    const frame = sample();
    const taken = frame.take([3, 0, 0]);
    assert.equal(taken.nRows, 3);
    assert.deepEqual(taken.row(0), frame.row(3));
    assert.deepEqual(taken.row(1), frame.row(0));
    assert.deepEqual(taken.row(2), frame.row(0));
    assert.deepEqual(taken.schema, frame.schema);
    const color = taken.column("color");
    assert.ok(color.kind === "categorical");
    assert.deepEqual(color.categories, ["blue", "red"]);
    assert.equal(frame.take([]).nRows, 0);
    throwsCode(() => frame.take([0, 4]), "invalid_input", "4", "position 1");
    throwsCode(() => frame.take([-1]), "invalid_input", "-1");
    throwsCode(() => frame.take([1.5]), "invalid_input", "1.5");
    assert.equal(frame.nRows, 4);
  });

  test("filter: by a boolean mask, a 0/1 mask or a predicate", () => {
    const frame = sample();
    const ids = (f: Frame): unknown[] => Array.from({ length: f.nRows }, (_, r) => f.row(r).n);
    assert.deepEqual(ids(frame.filter([true, false, false, true])), [10, 40]);
    assert.deepEqual(ids(frame.filter(Uint8Array.from([0, 1, 1, 0]))), [20, null]);
    assert.deepEqual(ids(frame.filter((r) => r % 2 === 0)), [10, null]);
    assert.equal(frame.filter(() => false).nRows, 0);
    throwsCode(() => frame.filter([true, false]), "invalid_input", "2", "4");
  });

  test("head", () => {
    const frame = Frame.fromColumns({ a: integer(Array.from({ length: 12 }, (_, i) => i)) });
    assert.equal(frame.head().nRows, 5);
    assert.equal(frame.head(3).row(2).a, 2);
    assert.equal(frame.head(0).nRows, 0);
    assert.equal(frame.head(100).nRows, 12);
    assert.equal(frame.head(-3).nRows, 0);
  });
});

describe("Frame.split", () => {
  const n = 200;
  const rng = new Rng(11);
  // Classes of 140, 50 and 10 rows, shuffled; a continuous column with distinct values.
  const labels = rng.shuffle(Array.from({ length: n }, (_, i) => (i < 140 ? 0 : i < 190 ? 1 : 2)));
  const frame = Frame.fromColumns({
    row: integer(Array.from({ length: n }, (_, i) => i)),
    label: categorical(labels, ["a", "b", "c"]),
    y: numeric(Array.from({ length: n }, () => rng.normal() * 10 + 50)),
  });
  const rowsOf = (f: Frame): number[] => Array.from({ length: f.nRows }, (_, r) => f.row(r).row as number);

  test("sizes: a share or a row count", () => {
    const byShare = frame.split({ test: 0.25, seed: 1 });
    assert.equal(byShare.test.nRows, 50);
    assert.equal(byShare.train.nRows, 150);
    const byCount = frame.split({ test: 30, seed: 1 });
    assert.equal(byCount.test.nRows, 30);
    assert.equal(byCount.train.nRows, 170);
    assert.deepEqual(byCount.train.names, frame.names);
  });

  test("disjoint, covering, each part in the original row order", () => {
    const { train, test: held } = frame.split({ test: 0.3, seed: 5 });
    const a = rowsOf(train);
    const b = rowsOf(held);
    assert.deepEqual([...a, ...b].sort((p, q) => p - q), Array.from({ length: n }, (_, i) => i));
    assert.equal(new Set([...a, ...b]).size, n);
    assert.deepEqual(a, [...a].sort((p, q) => p - q));
    assert.deepEqual(b, [...b].sort((p, q) => p - q));
  });

  test("same seed, same split; another seed, another split", () => {
    const one = rowsOf(frame.split({ test: 0.2, seed: 42 }).test);
    const again = rowsOf(frame.split({ test: 0.2, seed: 42 }).test);
    const other = rowsOf(frame.split({ test: 0.2, seed: 43 }).test);
    assert.deepEqual(one, again);
    assert.notDeepEqual(one, other);
    assert.deepEqual(rowsOf(frame.split({ test: 0.2 }).test), rowsOf(frame.split({ test: 0.2, seed: 0 }).test));
  });

  test("stratified: each class keeps its share, within one row", () => {
    for (const [share, seed] of [[0.2, 1], [0.25, 2], [0.33, 3]] as const) {
      const { train, test: held } = frame.split({ test: share, stratify: "label", seed });
      for (const [k, size] of [[0, 140], [1, 50], [2, 10]] as const) {
        const inTest = countCode(held, "label", k);
        assert.equal(inTest + countCode(train, "label", k), size);
        assert.ok(Math.abs(inTest - share * size) <= 1, `class ${k}: ${inTest} of ${size} at ${share}`);
      }
    }
  });

  test("stratified by a row count: exactly that many test rows", () => {
    // Ten classes of five rows: a 30% test part is 15 rows, 1 or 2 from each class.
    const small = Frame.fromColumns({ k: categorical(Array.from({ length: 50 }, (_, i) => i % 10), "abcdefghij".split("")) });
    for (const test of [15, 0.3]) {
      const { train, test: held } = small.split({ test, stratify: "k", seed: 3 });
      assert.equal(held.nRows, 15, `test ${test}`);
      assert.equal(train.nRows, 35, `test ${test}`);
      for (let k = 0; k < 10; k++) assert.ok(Math.abs(countCode(held, "k", k) - 1.5) <= 1, `class ${k}`);
    }
  });

  test("stratified by a numeric column: every fifth of its range keeps its share", () => {
    const { test: held } = frame.split({ test: 0.2, stratify: "y", seed: 9 });
    const y = frame.column("y") as Column & { values: Float64Array };
    const sorted = Float64Array.from(y.values).sort();
    const quintileOf = (v: number): number => Math.floor((sorted.indexOf(v) * 5) / n);
    const counts = [0, 0, 0, 0, 0];
    for (const r of rowsOf(held)) counts[quintileOf(y.values[r])]++;
    for (const c of counts) assert.ok(Math.abs(c - 8) <= 1, `quintile counts ${counts}`);
  });

  test("stratified by an integer column with few values, and by a boolean", () => {
    const k = Frame.fromColumns({ k: integer(labels), b: boolean(labels.map((l) => (l === 0 ? 1 : 0))) });
    const byInteger = k.split({ test: 0.5, stratify: "k", seed: 4 }).test;
    assert.equal(countValue(byInteger, "k", 2), 5);
    assert.equal(countValue(byInteger, "k", 1), 25);
    const byBoolean = k.split({ test: 0.5, stratify: "b", seed: 4 }).test;
    assert.equal(countValue(byBoolean, "b", 1), 70);
  });

  test("bad test sizes and an unknown stratify column", () => {
    for (const test of [0, -0.1, 1.5, 200, 250, NaN]) throwsCode(() => frame.split({ test }), "invalid_input", String(test));
    throwsCode(() => frame.split({ test: 0.2, stratify: "nope" }), "not_found", '"nope"');
  });
});

function countCode(frame: Frame, name: string, code: number): number {
  const column = frame.column(name);
  assert.ok(column.kind === "categorical");
  return column.codes.filter((c) => c === code).length;
}

function countValue(frame: Frame, name: string, value: number): number {
  const column = frame.column(name);
  assert.ok(column.kind !== "categorical" && column.kind !== "text");
  let count = 0;
  for (const v of column.values) if (v === value) count++;
  return count;
}

describe("Frame.toMatrix", () => {
  test("row-major: codes for categories, NaN for missing", () => {
    const m = sample().toMatrix(["x", "n", "color", "flag", "when"]);
    assert.equal(m.rows, 4);
    assert.equal(m.cols, 5);
    assert.deepEqual(m.names, ["x", "n", "color", "flag", "when"]);
    assert.ok(m.data instanceof Float64Array);
    assert.deepEqual(Array.from(m.data), [
      1.5, 10, 0, 1, Date.UTC(2024, 0, 1),
      NaN, 20, 1, 0, NaN,
      -2, NaN, NaN, 1, 0,
      4, 40, 0, NaN, Date.UTC(2000, 1, 29, 12),
    ]);
  });

  test("columns in the order asked", () => {
    const m = sample().toMatrix(["flag", "x"]);
    assert.deepEqual(Array.from(m.data.subarray(0, 4)), [1, 1.5, 0, NaN]);
  });

  test("float32", () => {
    const m = sample().toMatrix(["x", "color"], { dtype: "float32" });
    assert.ok(m.data instanceof Float32Array);
    assert.equal(m.data.length, 8);
    assert.deepEqual(Array.from(m.data), [1.5, 0, NaN, 1, -2, NaN, 4, 0]);
  });

  test("a text column is refused, by name", () => {
    throwsCode(() => sample().toMatrix(), "invalid_input", '"note"', "text");
    throwsCode(() => sample().toMatrix(["x", "nope"]), "not_found", '"nope"');
  });

  test("the default is every column", () => {
    const m = sample().drop(["note"]).toMatrix();
    assert.deepEqual(m.names, ["x", "n", "color", "flag", "when"]);
    assert.equal(m.data.length, 20);
  });
});

describe("Frame.byteLength", () => {
  test("a numeric frame costs about its typed arrays", () => {
    const rng = new Rng(3);
    const columns: Record<string, Column> = {};
    let arrays = 0;
    for (let j = 0; j < 8; j++) {
      const values = new Float64Array(10_000);
      for (let i = 0; i < values.length; i++) values[i] = rng.normal();
      columns[`f${j}`] = { kind: j % 2 === 0 ? "numeric" : "integer", values };
      arrays += values.byteLength;
    }
    columns.k = categorical(Array.from({ length: 10_000 }, (_, i) => i % 3), ["a", "b", "c"]);
    columns.b = boolean(Array.from({ length: 10_000 }, (_, i) => i % 2));
    arrays += 10_000 * 4 + 10_000;
    const frame = Frame.fromColumns(columns);
    assert.ok(frame.byteLength() >= arrays, `${frame.byteLength()} < ${arrays}`);
    assert.ok(frame.byteLength() <= 1.5 * arrays, `${frame.byteLength()} > 1.5 × ${arrays}`);
    assert.ok(frame.select(["f0"]).byteLength() <= 1.5 * 80_000);
  });
});
