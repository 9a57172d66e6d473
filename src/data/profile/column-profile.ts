// Per-column statistics: missing share, distinct values, moments, quantiles, a histogram or the
// most frequent values. One pass for moments; quantiles from a sorted copy (of a sample when huge).

import type { Column, Field } from "../column.js";
import type { CategoryCount, ColumnProfile, Histogram, NumericSummary } from "./types.js";

/** Columns longer than this get their quantiles and distinct counts from a seeded sample. */
export const EXACT_LIMIT = 200_000;

export function profileColumn(field: Field, column: Column, sample: Int32Array | null): ColumnProfile {
  const base = { name: field.name, kind: field.kind, isIdentifier: field.isIdentifier, isPossiblyCategorical: field.isPossiblyCategorical };
  switch (column.kind) {
    case "categorical": {
      const counts = new Float64Array(column.categories.length);
      let nMissing = 0;
      for (const code of column.codes) code < 0 ? nMissing++ : counts[code]++;
      const entries = column.categories.map((value, i) => ({ value, count: counts[i] }));
      const nDistinct = entries.filter((e) => e.count > 0).length;
      return { ...base, ...missing(nMissing, column.codes.length), nDistinct, categorical: topValues(entries) };
    }
    case "boolean": {
      let nTrue = 0;
      let nFalse = 0;
      for (const v of column.values) v === 1 ? nTrue++ : v === 0 ? nFalse++ : 0;
      const n = column.values.length;
      const entries = [{ value: "true", count: nTrue }, { value: "false", count: nFalse }];
      const nDistinct = (nTrue > 0 ? 1 : 0) + (nFalse > 0 ? 1 : 0);
      return { ...base, ...missing(n - nTrue - nFalse, n), nDistinct, categorical: topValues(entries) };
    }
    case "text": {
      const counts = new Map<string, number>();
      let nMissing = 0;
      let length = 0;
      for (const v of column.values) {
        if (v === null) nMissing++;
        else {
          counts.set(v, (counts.get(v) ?? 0) + 1);
          length += v.length;
        }
      }
      const n = column.values.length;
      const entries = [...counts].map(([value, count]) => ({ value, count }));
      const top = topValues(entries).top.slice(0, 10);
      const nonMissing = n - nMissing;
      return { ...base, ...missing(nMissing, n), nDistinct: counts.size, text: { meanLength: nonMissing ? length / nonMissing : 0, top } };
    }
    default: {
      const values = column.values;
      const sorted = finiteSorted(values, sample);
      const summary = numericSummary(values, sorted);
      const nMissing = summary.nMissing;
      const nDistinct = countDistinctSorted(sorted);
      if (column.kind === "datetime") {
        const { min, max, histogram } = summary;
        const datetime = Number.isFinite(min)
          ? { min: new Date(min).toISOString(), max: new Date(max).toISOString(), histogram }
          : undefined;
        return { ...base, ...missing(nMissing, values.length), nDistinct, datetime };
      }
      const { nMissing: _, ...numeric } = summary;
      return { ...base, ...missing(nMissing, values.length), nDistinct, numeric: Number.isFinite(numeric.min) ? numeric : undefined };
    }
  }
}

function missing(nMissing: number, n: number): { nMissing: number; missingShare: number } {
  return { nMissing, missingShare: n === 0 ? 0 : nMissing / n };
}

function topValues(entries: CategoryCount[]): { top: CategoryCount[]; otherCount: number } {
  const sorted = entries.filter((e) => e.count > 0).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const top = sorted.slice(0, 20);
  const otherCount = sorted.slice(20).reduce((sum, e) => sum + e.count, 0);
  return { top, otherCount };
}

interface Summary extends NumericSummary {
  readonly nMissing: number;
}

function numericSummary(values: Float64Array, sorted: Float64Array): Summary {
  let n = 0;
  let nMissing = 0;
  let nZeros = 0;
  let nInfinite = 0;
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let m2 = 0;
  let m3 = 0;
  // Welford-style update of the first three central moments: stable for large offsets.
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nMissing++;
      continue;
    }
    if (!Number.isFinite(v)) {
      nInfinite++;
      continue;
    }
    if (v === 0) nZeros++;
    if (v < min) min = v;
    if (v > max) max = v;
    const n1 = n;
    n++;
    const delta = v - mean;
    const deltaN = delta / n;
    const term = delta * deltaN * n1;
    mean += deltaN;
    m3 += term * deltaN * (n - 2) - 3 * deltaN * m2;
    m2 += term;
  }
  const variance = n > 1 ? m2 / (n - 1) : 0;
  const skewness = m2 > 0 ? (Math.sqrt(n) * m3) / m2 ** 1.5 : 0;
  const q = (p: number): number => quantileSorted(sorted, p);
  return {
    nMissing,
    min: n ? min : NaN,
    max: n ? max : NaN,
    mean: n ? mean : NaN,
    std: Math.sqrt(variance),
    skewness,
    nZeros,
    nInfinite,
    quantiles: { p1: q(0.01), p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), p99: q(0.99) },
    histogram: histogram(values, min, max, n),
  };
}

function finiteSorted(values: Float64Array, sample: Int32Array | null): Float64Array {
  const pick = sample ?? null;
  const n = pick ? pick.length : values.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = pick ? values[pick[i]] : values[i];
    if (Number.isFinite(v)) out[k++] = v;
  }
  return out.subarray(0, k).sort();
}

/** Linear interpolation between closest ranks (numpy's default). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Equal-width bins; integer columns with a small range get one bin per value. */
function histogram(values: Float64Array, min: number, max: number, n: number): Histogram {
  if (n === 0) return { edges: [], counts: [] };
  if (min === max) return { edges: [min, max], counts: [n] };
  let nBins = Math.min(40, Math.max(10, Math.ceil(Math.log2(n) + 1)));
  let width = (max - min) / nBins;
  let isIntegral = true;
  for (let i = 0; i < values.length && isIntegral; i += 97) if (Number.isFinite(values[i]) && !Number.isInteger(values[i])) isIntegral = false;
  if (isIntegral && max - min + 1 <= 40) {
    nBins = max - min + 1;
    width = 1;
    min -= 0.5;
  }
  const counts = new Array<number>(nBins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const b = Math.min(nBins - 1, Math.floor((v - min) / width));
    counts[b]++;
  }
  const edges = Array.from({ length: nBins + 1 }, (_, i) => min + i * width);
  return { edges, counts };
}

/** Distinct values of a sorted array. */
function countDistinctSorted(sorted: Float64Array): number {
  let n = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}
