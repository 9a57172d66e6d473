// Small builders for the feature tests: columns from plain arrays, as a reader would give them.

import type { Column } from "../../src/index.js";

export function numeric(values: readonly (number | null)[]): Column {
  return { kind: "numeric", values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

/** A categorical column whose dictionary is in order of first appearance (not sorted). */
export function categorical(values: readonly (string | null)[], extra: readonly string[] = []): Column {
  const categories: string[] = [];
  const index = new Map<string, number>();
  const code = (v: string): number => {
    let c = index.get(v);
    if (c === undefined) {
      c = categories.length;
      index.set(v, c);
      categories.push(v);
    }
    return c;
  };
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : code(v)));
  for (const e of extra) code(e);
  return { kind: "categorical", codes, categories };
}

export function text(values: readonly (string | null)[]): Column {
  return { kind: "text", values: [...values] };
}

export function datetime(iso: readonly (string | null)[]): Column {
  return { kind: "datetime", values: Float64Array.from(iso, (v) => (v === null ? NaN : Date.parse(v))) };
}

/** Asserts two arrays agree to 1e-12 (absolute, or relative for large values); NaN matches NaN. */
export function close(actual: ArrayLike<number>, expected: ArrayLike<number | null>, what: string, tolerance = 1e-12): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i] === null ? NaN : (expected[i] as number);
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (!(Math.abs(a - e) <= tolerance * Math.max(1, Math.abs(e)))) throw new Error(`${what}: value ${i} is ${a}, expected ${e}`);
  }
}
