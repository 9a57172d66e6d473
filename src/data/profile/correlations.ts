// Pairwise association between columns: Pearson and Spearman for numbers, Cramér's V for
// categories. Pairs use the rows where both values are present.

import type { PairMatrix } from "./types.js";

/** Pearson correlation for every pair of columns (NaN = missing). Needs 3 complete rows per pair. */
export function pearsonMatrix(names: readonly string[], columns: readonly Float64Array[]): PairMatrix {
  const k = columns.length;
  const values: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  for (let a = 0; a < k; a++) {
    values[a][a] = hasSpread(columns[a]) ? 1 : null;
    for (let b = a + 1; b < k; b++) {
      const r = pearson(columns[a], columns[b]);
      values[a][b] = r;
      values[b][a] = r;
    }
  }
  return { names: [...names], values };
}

/** Spearman's rho: Pearson on average ranks. */
export function spearmanMatrix(names: readonly string[], columns: readonly Float64Array[]): PairMatrix {
  return pearsonMatrix(names, columns.map(ranks));
}

export function pearson(x: Float64Array, y: Float64Array): number | null {
  let n = 0;
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    const da = a - mx;
    const db = b - my;
    mx += da / n;
    my += db / n;
    sxx += da * (a - mx);
    syy += db * (b - my);
    sxy += da * (b - my);
  }
  if (n < 3 || sxx <= 0 || syy <= 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Average ranks (1-based) of the present values; missing stays NaN. */
export function ranks(values: Float64Array): Float64Array {
  // A typed-array sort (no comparator calls), the end of each run of ties, then one binary search
  // per value: its rank is the middle of its run.
  let k = 0;
  const present = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present[k++] = values[i];
  const sorted = present.subarray(0, k).sort();
  const runEnd = new Int32Array(k);
  for (let i = k - 1; i >= 0; i--) runEnd[i] = i + 1 < k && sorted[i + 1] === sorted[i] ? runEnd[i + 1] : i;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = (lo + runEnd[lo]) / 2 + 1;
  }
  return out;
}

/** Cramér's V for every pair of code columns (-1 = missing). */
export function cramersVMatrix(names: readonly string[], columns: readonly Int32Array[], levels: readonly number[]): PairMatrix {
  const k = columns.length;
  const values: (number | null)[][] = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  for (let a = 0; a < k; a++) {
    values[a][a] = levels[a] > 1 ? 1 : null;
    for (let b = a + 1; b < k; b++) {
      const v = cramersV(columns[a], levels[a], columns[b], levels[b]);
      values[a][b] = v;
      values[b][a] = v;
    }
  }
  return { names: [...names], values };
}

export function cramersV(x: Int32Array, kx: number, y: Int32Array, ky: number): number | null {
  const table = new Float64Array(kx * ky);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < 0 || y[i] < 0) continue;
    table[x[i] * ky + y[i]]++;
    n++;
  }
  const rows = new Float64Array(kx);
  const cols = new Float64Array(ky);
  for (let a = 0; a < kx; a++) for (let b = 0; b < ky; b++) {
    rows[a] += table[a * ky + b];
    cols[b] += table[a * ky + b];
  }
  const usedRows = rows.filter((r) => r > 0).length;
  const usedCols = cols.filter((c) => c > 0).length;
  const d = Math.min(usedRows, usedCols) - 1;
  if (n === 0 || d < 1) return null;
  let chi2 = 0;
  for (let a = 0; a < kx; a++) {
    if (rows[a] === 0) continue;
    for (let b = 0; b < ky; b++) {
      if (cols[b] === 0) continue;
      const expected = (rows[a] * cols[b]) / n;
      const diff = table[a * ky + b] - expected;
      chi2 += (diff * diff) / expected;
    }
  }
  return Math.min(1, Math.sqrt(chi2 / n / d));
}

function hasSpread(values: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return true;
  }
  return false;
}
