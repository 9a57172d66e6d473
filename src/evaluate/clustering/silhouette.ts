// Silhouette (Rousseeuw 1987): for each row, a = mean distance to the other rows of its cluster,
// b = the smallest mean distance to the rows of another cluster, s = (b − a) / max(a, b); a row
// alone in its cluster scores 0. Exact pairwise computation, O(n² p); for large n the score can be
// taken on a seeded random sample of rows (sampleSize), as scikit-learn allows.

import { InvalidInput, Rng, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../../models/index.js";
import { labelCodes } from "./label-codes.js";

/** The silhouette of every row, with Euclidean distances. */
export function silhouetteSamples(X: Matrix, labels: ArrayLike<unknown>): Float64Array {
  checkedMatrix(X);
  if (labels.length !== X.rows) throw new InvalidInput(`labels has ${labels.length} values but X has ${X.rows} rows`);
  const { codes, nLabels, counts } = labelCodes(labels);
  const n = X.rows;
  if (nLabels < 2 || nLabels > n - 1) {
    throw new InvalidInput(`The silhouette needs between 2 and ${n - 1} (rows − 1) distinct labels: received ${nLabels}`, { hint: "it is undefined for one cluster or one cluster per row" });
  }
  const p = X.cols;
  const data = X.data;
  // sums[i * K + c]: total distance from row i to the rows of cluster c.
  const sums = new Float64Array(n * nLabels);
  for (let i = 0; i < n; i++) {
    const io = i * p;
    const ci = codes[i];
    for (let j = i + 1; j < n; j++) {
      const jo = j * p;
      let d2 = 0;
      for (let f = 0; f < p; f++) {
        const d = data[io + f] - data[jo + f];
        d2 += d * d;
      }
      const d = Math.sqrt(d2);
      sums[i * nLabels + codes[j]] += d;
      sums[j * nLabels + ci] += d;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = codes[i];
    if (counts[own] <= 1) continue;
    const a = sums[i * nLabels + own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < nLabels; c++) if (c !== own) b = Math.min(b, sums[i * nLabels + c] / counts[c]);
    const denominator = Math.max(a, b);
    out[i] = denominator > 0 ? (b - a) / denominator : 0;
  }
  return out;
}

export interface SilhouetteOptions {
  /** Score a random sample of this many rows instead of all (null: all). */
  readonly sampleSize?: number | null;
  readonly seed?: number;
}

/** The mean silhouette over the rows (or over a seeded sample of sampleSize rows). */
export function silhouetteScore(X: Matrix, labels: ArrayLike<unknown>, options: SilhouetteOptions = {}): number {
  checkedMatrix(X);
  const { sampleSize = null, seed = 0 } = options;
  let rows: Matrix = X;
  let kept: ArrayLike<unknown> = labels;
  if (sampleSize !== null) {
    if (!Number.isInteger(sampleSize) || sampleSize < 2) throw new InvalidInput(`sampleSize must be an integer ≥ 2 or null: received ${sampleSize}`);
    if (labels.length !== X.rows) throw new InvalidInput(`labels has ${labels.length} values but X has ${X.rows} rows`);
    if (sampleSize < X.rows) {
      const picked = new Rng(seed).sample(X.rows, sampleSize);
      const p = X.cols;
      const data = new Float64Array(sampleSize * p);
      picked.forEach((row, r) => data.set(X.data.subarray(row * p, row * p + p), r * p));
      rows = { data, rows: sampleSize, cols: p };
      kept = Array.from(picked, (row) => labels[row]);
    }
  }
  const samples = silhouetteSamples(rows, kept);
  let total = 0;
  for (const s of samples) total += s;
  return total / samples.length;
}
