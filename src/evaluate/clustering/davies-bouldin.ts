// Davies-Bouldin index (Davies & Bouldin 1979): for each cluster, the worst ratio of the two
// clusters' mean distances to their centroids over the distance between the centroids, averaged
// over clusters. Lower is better; 0 is the minimum. O(n p + K² p).

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix } from "../../models/index.js";
import { labelCodes } from "./label-codes.js";

export function daviesBouldinScore(X: Matrix, labels: ArrayLike<unknown>): number {
  checkedMatrix(X);
  const n = X.rows;
  const p = X.cols;
  if (labels.length !== n) throw new InvalidInput(`labels has ${labels.length} values but X has ${n} rows`);
  const { codes, nLabels: k, counts } = labelCodes(labels);
  if (k < 2 || k > n - 1) throw new InvalidInput(`The Davies-Bouldin index needs between 2 and ${n - 1} (rows − 1) distinct labels: received ${k}`);
  const centroids = new Float64Array(k * p);
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) centroids[codes[i] * p + f] += X.data[i * p + f];
  for (let c = 0; c < k; c++) for (let f = 0; f < p; f++) centroids[c * p + f] /= counts[c];
  const spread = new Float64Array(k);
  for (let i = 0; i < n; i++) spread[codes[i]] += distance(X.data, i * p, centroids, codes[i] * p, p);
  for (let c = 0; c < k; c++) spread[c] /= counts[c];
  const between = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) between[a * k + b] = distance(centroids, a * p, centroids, b * p, p);
  // scikit-learn returns 0 when every spread or every centroid distance is (close to) zero.
  if (spread.every((s) => Math.abs(s) <= 1e-8) || between.every((d) => Math.abs(d) <= 1e-8)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const d = between[a * k + b];
      if (d === 0) continue;
      worst = Math.max(worst, (spread[a] + spread[b]) / d);
    }
    total += worst;
  }
  return total / k;
}

function distance(A: ArrayLike<number>, ao: number, B: ArrayLike<number>, bo: number, p: number): number {
  let s = 0;
  for (let f = 0; f < p; f++) {
    const d = A[ao + f] - B[bo + f];
    s += d * d;
  }
  return Math.sqrt(s);
}
