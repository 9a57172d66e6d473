// Calendar parts on known dates (UTC), checked against Date's UTC getters over two centuries, and
// the hashing vectorizer's stability.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DatetimeEncoder, HashingVectorizer, Rng, murmur3String } from "../../src/index.js";
import { datetime, text } from "./columns.js";

function parts(iso: (string | null)[], params = {}) {
  const column = datetime(iso);
  const fitted = new DatetimeEncoder({ dropConstant: false, ...params }).fit(column, { name: "d" });
  const cols = fitted.outputSuffixes.length;
  const data = new Float64Array(iso.length * cols);
  fitted.write(column, { data, stride: cols, offset: 0 }, { name: "d" });
  return { names: fitted.outputSuffixes, row: (r: number) => Array.from(data.subarray(r * cols, (r + 1) * cols)) };
}

describe("DatetimeEncoder", () => {
  test("known dates: year, month, day, day of week (Monday 0), hour, day of year", () => {
    const { names, row } = parts(["2024-02-29T13:45:00Z", "2023-12-31T23:00:00Z", "1969-12-31T23:59:59Z", "2000-03-01T00:00:00Z", "2011-01-01T00:00:00Z", null]);
    assert.deepEqual(names, [".year", ".month", ".day", ".dayOfWeek", ".hour", ".dayOfYear"]);
    assert.deepEqual(row(0), [2024, 2, 29, 3, 13, 60]);
    assert.deepEqual(row(1), [2023, 12, 31, 6, 23, 365]);
    assert.deepEqual(row(2), [1969, 12, 31, 2, 23, 365]);
    assert.deepEqual(row(3), [2000, 3, 1, 2, 0, 61]);
    assert.deepEqual(row(4), [2011, 1, 1, 5, 0, 1]);
    assert.ok(row(5).every(Number.isNaN), "missing gives NaN");
    const cyclical = parts(["2024-02-29T18:00:00Z"], { cyclical: true });
    const at = (name: string) => cyclical.row(0)[cyclical.names.indexOf(name)];
    assert.equal(cyclical.names.length, 14);
    assert.equal(at(".dayOfYear_sin"), Math.sin(2 * Math.PI * (59 / 366)));
    assert.equal(at(".dayOfYear_cos"), Math.cos(2 * Math.PI * (59 / 366)));
    assert.equal(at(".hour_sin"), Math.sin(2 * Math.PI * (18 / 24)));
    assert.equal(at(".dayOfWeek_cos"), Math.cos(2 * Math.PI * (3 / 7)));
    assert.equal(at(".month_sin"), Math.sin(2 * Math.PI * (1 / 12)));
  });

  test("agrees with Date's UTC getters on random instants from 1900 to 2100", () => {
    const rng = new Rng(4);
    const start = Date.UTC(1900, 0, 1);
    const span = Date.UTC(2100, 0, 1) - start;
    const instants = Array.from({ length: 2000 }, () => new Date(start + Math.floor(rng.next() * span)).toISOString());
    const { row } = parts(instants);
    instants.forEach((iso, r) => {
      const d = new Date(iso);
      const dayOfYear = (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000 + 1;
      assert.deepEqual(row(r), [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), (d.getUTCDay() + 6) % 7, d.getUTCHours(), dayOfYear], iso);
    });
  });

  test("cyclical parts put December next to January; constant parts drop at fit", () => {
    const column = datetime(["2021-01-15", "2021-12-15", "2021-07-15"]);
    const fitted = new DatetimeEncoder({ cyclical: true, year: false, day: false, dayOfWeek: false, dayOfYear: false }).fit(column, { name: "d" });
    assert.deepEqual(fitted.outputSuffixes, [".month", ".month_sin", ".month_cos"], "the hour (always 0) and its sin/cos are dropped");
    const data = new Float64Array(9);
    fitted.write(column, { data, stride: 3, offset: 0 }, { name: "d" });
    const distance = (a: number, b: number) => Math.hypot(data[3 * a + 1] - data[3 * b + 1], data[3 * a + 2] - data[3 * b + 2]);
    assert.ok(Math.abs(data[1]) < 1e-15 && data[2] === 1, "January sits at angle 0");
    assert.ok(distance(0, 1) < distance(0, 2), "December is closer to January than July is");
  });
});

describe("HashingVectorizer", () => {
  test("same text, same buckets: the MurmurHash3 reference vectors, and counts with signs", () => {
    // Reference values of MurmurHash3_x86_32 with seed 0 (Appleby's SMHasher).
    assert.equal(murmur3String("") >>> 0, 0);
    assert.equal(murmur3String("hello") >>> 0, 0x248bfa47);
    assert.equal(murmur3String("Hello, world!") >>> 0, 0xc0363e43);
    const fitted = new HashingVectorizer({ nFeatures: 32, norm: "none" }).fit(text([]), { name: "t" });
    const data = new Float64Array(64);
    fitted.write(text(["Red red RED fish", null]), { data, stride: 32, offset: 0 }, { name: "t" });
    const h = murmur3String("red");
    assert.equal(data[Math.abs(h) % 32], (h < 0 ? -1 : 1) * 3, "three 'red', lowercased, in one bucket");
    assert.equal(data.subarray(0, 32).reduce((a, v) => a + Math.abs(v), 0), 4);
    assert.ok(data.subarray(32).every((v) => v === 0), "missing text is an all-zero row");
  });
});
