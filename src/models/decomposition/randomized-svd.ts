// Randomized truncated SVD (Halko, Martinsson & Tropp 2011, as scikit-learn's PCA uses it for
// large inputs): the top k right singular vectors of the centred n × p matrix X from a random
// l = k + oversamples dimensional sketch, sharpened by power iterations. Costs O(n p l) per
// iteration instead of the O(n p² + p³) of the full decomposition, which matters when p is large.
//
// Matrices with l columns are kept transposed (l rows of length n or p), so that each column is
// contiguous for the Gram-Schmidt steps and the tiled dot products of cluster/distances.ts.

import type { Rng } from "../../core/index.js";
import { crossDots } from "../cluster/distances.js";
import { symmetricEigen } from "./symmetric-eigen.js";

export interface RandomizedOptions {
  readonly oversamples: number;
  readonly powerIterations: number;
  readonly rng: Rng;
}

/** Top-k right singular vectors (k × p, row-major) and squared singular values of X (n × p). */
export function randomizedAxes(X: Float64Array, n: number, p: number, k: number, options: RandomizedOptions): { components: Float64Array; squared: Float64Array } {
  const l = Math.min(k + options.oversamples, n, p);
  const columns = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) columns[f * n + i] = X[i * p + f];
  const omega = Float64Array.from({ length: l * p }, () => options.rng.normal());
  // Q (n × l, kept as l rows of length n) spans X Ω; each power iteration replaces it by an
  // orthonormal basis of X Xᵀ Q, re-orthonormalising in between so that small directions survive.
  let qT = orthonormalRows(times(X, p, n, omega, l), l, n);
  for (let t = 0; t < options.powerIterations; t++) {
    const zT = orthonormalRows(times(columns, n, p, qT, l), l, p);
    qT = orthonormalRows(times(X, p, n, zT, l), l, n);
  }
  // B = Qᵀ X (l × p); its SVD from the eigen-decomposition of B Bᵀ (l × l).
  const B = times(columns, n, p, qT, l);
  const G = new Float64Array(l * l);
  crossDots(B, p, { start: 0, end: l }, B, l, G);
  const { values, vectors } = symmetricEigen(G, l);
  const components = new Float64Array(k * p);
  const squared = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    squared[j] = Math.max(values[j], 0);
    const s = Math.sqrt(squared[j]);
    if (s === 0) continue;
    for (let r = 0; r < l; r++) {
      const u = vectors[r * l + j] / s;
      for (let f = 0; f < p; f++) components[j * p + f] += u * B[r * p + f];
    }
  }
  return { components, squared };
}

/**
 * A · Mᵀ for A (rows × inner, row-major) and M (m × inner), returned transposed: m rows of length
 * `rows`, i.e. column t of A Mᵀ is row t of the result.
 */
function times(A: Float64Array, inner: number, rows: number, M: Float64Array, m: number): Float64Array {
  const product = new Float64Array(rows * m);
  crossDots(A, inner, { start: 0, end: rows }, M, m, product);
  const out = new Float64Array(m * rows);
  for (let i = 0; i < rows; i++) for (let t = 0; t < m; t++) out[t * rows + i] = product[i * m + t];
  return out;
}

/** Modified Gram-Schmidt, twice ("twice is enough"), on the m rows (length len) of V, in place. */
function orthonormalRows(V: Float64Array, m: number, len: number): Float64Array {
  for (let t = 0; t < m; t++) {
    const o = t * len;
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r < t; r++) {
        let dot = 0;
        for (let i = 0; i < len; i++) dot += V[o + i] * V[r * len + i];
        for (let i = 0; i < len; i++) V[o + i] -= dot * V[r * len + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < len; i++) norm += V[o + i] * V[o + i];
    norm = Math.sqrt(norm);
    // A direction already spanned (rank-deficient X) becomes zero and contributes nothing.
    const inv = norm > 1e-300 ? 1 / norm : 0;
    for (let i = 0; i < len; i++) V[o + i] *= inv;
  }
  return V;
}
