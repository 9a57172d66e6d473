// Two runs side by side: which parameters, metrics and lineage facts differ, and by how much.

import type { Run } from "./runs.js";

export interface FieldComparison {
  readonly key: string;
  readonly a: unknown;
  readonly b: unknown;
  readonly same: boolean;
}

export interface MetricComparison {
  readonly key: string;
  readonly a: number | null;
  readonly b: number | null;
  /** b − a, null when either is missing. */
  readonly difference: number | null;
}

export interface RunComparison {
  readonly a: Run;
  readonly b: Run;
  readonly params: readonly FieldComparison[];
  readonly metrics: readonly MetricComparison[];
  readonly lineage: readonly FieldComparison[];
  readonly timings: readonly MetricComparison[];
}

export function compareRuns(a: Run, b: Run): RunComparison {
  return {
    a,
    b,
    params: fields(a.params, b.params),
    metrics: numbers(a.metrics, b.metrics),
    lineage: fields(a.lineage, b.lineage),
    timings: numbers(a.timings, b.timings),
  };
}

function keysOf(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function fields(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): FieldComparison[] {
  return keysOf(a, b).map((key) => ({ key, a: a[key] ?? null, b: b[key] ?? null, same: JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null) }));
}

function numbers(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): MetricComparison[] {
  return keysOf(a, b).map((key) => {
    const x = typeof a[key] === "number" && Number.isFinite(a[key]) ? a[key] : null;
    const y = typeof b[key] === "number" && Number.isFinite(b[key]) ? b[key] : null;
    return { key, a: x, b: y, difference: x === null || y === null ? null : y - x };
  });
}
