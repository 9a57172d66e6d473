// Cluster labels as codes 0..K-1 (labels may be numbers, strings or booleans; −1 is an ordinary
// label here, as in scikit-learn's metrics), and the contingency table of two labelings.

import { InvalidInput } from "../../core/index.js";

export interface LabelCodes {
  readonly codes: Int32Array;
  /** Number of distinct labels. */
  readonly nLabels: number;
  /** Rows per label, by code. */
  readonly counts: Float64Array;
}

export function labelCodes(labels: ArrayLike<unknown>, what = "labels"): LabelCodes {
  if (!labels || typeof labels.length !== "number") throw new InvalidInput(`${what} must be an array of cluster labels`);
  const index = new Map<unknown, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) throw new InvalidInput(`${what} is missing or not finite at row ${i}: ${String(v)}`);
    let code = index.get(v);
    if (code === undefined) {
      code = index.size;
      index.set(v, code);
    }
    codes[i] = code;
  }
  const counts = new Float64Array(index.size);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  return { codes, nLabels: index.size, counts };
}

export interface Contingency {
  readonly a: LabelCodes;
  readonly b: LabelCodes;
  /** a.nLabels × b.nLabels counts, row-major. */
  readonly table: Float64Array;
  readonly n: number;
}

export function contingency(labelsTrue: ArrayLike<unknown>, labelsPred: ArrayLike<unknown>): Contingency {
  const a = labelCodes(labelsTrue, "labelsTrue");
  const b = labelCodes(labelsPred, "labelsPred");
  const n = a.codes.length;
  if (b.codes.length !== n) throw new InvalidInput(`labelsTrue has ${n} labels but labelsPred has ${b.codes.length}: they must label the same rows`);
  const table = new Float64Array(a.nLabels * b.nLabels);
  for (let i = 0; i < n; i++) table[a.codes[i] * b.nLabels + b.codes[i]]++;
  return { a, b, table, n };
}
