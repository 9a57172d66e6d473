// Every metric against scikit-learn 1.2.1 on the seeded random inputs of
// test/fixtures/evaluate-metrics/ (ties, sample weights with zeros, 2, 3 and 5 classes, string,
// boolean and ±1 labels), to 1e-9 relative to the larger of 1 and the expected value.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import type { Matrix } from "../../src/core/index.js";
import * as metrics from "../../src/evaluate/metrics/index.js";

interface Case {
  fn: string;
  dataset: string;
  y: string;
  pred: string;
  options: Record<string, unknown>;
  expected: unknown;
}

const fixture = JSON.parse(readFileSync(new URL("../fixtures/evaluate-metrics/metrics.json", import.meta.url), "utf8")) as {
  sklearn: string;
  datasets: Record<string, Record<string, unknown>>;
  cases: Case[];
};

const TOLERANCE = 1e-9;

function input(value: unknown): unknown {
  if (value && typeof value === "object" && "data" in value) {
    const m = value as { rows: number; cols: number; data: number[] };
    return { data: Float64Array.from(m.data), rows: m.rows, cols: m.cols } satisfies Matrix;
  }
  const array = value as unknown[];
  return typeof array[0] === "number" ? Float64Array.from(array as number[]) : array;
}

function expectedNumber(v: unknown): number {
  if (v && typeof v === "object" && "nonFinite" in v) return { nan: NaN, inf: Infinity, "-inf": -Infinity }[(v as { nonFinite: string }).nonFinite] as number;
  return v as number;
}

function assertClose(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    assert.ok(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)), `${what}: ${actual} ≠ ${expected}`);
    return;
  }
  const error = Math.abs(actual - expected);
  assert.ok(error <= TOLERANCE * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected} (off by ${error})`);
}

function assertArrayClose(actual: ArrayLike<number>, expected: unknown[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expectedNumber(expected[i]), `${what}[${i}]`);
}

function call(c: Case): unknown {
  const data = fixture.datasets[c.dataset];
  const options = { ...c.options };
  if (options.sampleWeight === "weight") options.sampleWeight = data.weight as number[];
  const fn = (metrics as unknown as Record<string, (a: unknown, b: unknown, o: unknown) => unknown>)[c.fn];
  assert.equal(typeof fn, "function", `${c.fn} is exported from src/evaluate`);
  return fn(input(data[c.y]), input(data[c.pred]), options);
}

describe(`metrics agree with scikit-learn ${fixture.sklearn}`, () => {
  const byFunction = new Map<string, Case[]>();
  for (const c of fixture.cases) byFunction.set(c.fn, [...(byFunction.get(c.fn) ?? []), c]);
  for (const [fn, cases] of byFunction) {
    test(`${fn} (${cases.length} cases)`, () => {
      for (const c of cases) {
        const what = `${fn} on ${c.dataset} ${c.y}/${c.pred} ${JSON.stringify({ ...c.options, sampleWeight: c.options.sampleWeight ? "…" : undefined })}`;
        const actual = call(c);
        if (typeof actual === "number") assertClose(actual, expectedNumber(c.expected), what);
        else if (fn === "confusionMatrix") assertArrayClose((actual as { matrix: Matrix }).matrix.data, c.expected as unknown[], what);
        else {
          for (const [key, values] of Object.entries(c.expected as Record<string, unknown[]>)) {
            assertArrayClose((actual as Record<string, ArrayLike<number>>)[key], values, `${what} ${key}`);
          }
        }
      }
    });
  }

  test("the fixture covers every exported metric function", () => {
    const covered = new Set(fixture.cases.map((c) => c.fn));
    const exported = Object.entries(metrics).filter(([name, v]) => typeof v === "function" && !["getMetric", "isBetter"].includes(name)).map(([name]) => name);
    assert.deepEqual(exported.filter((name) => !covered.has(name)), []);
  });
});
