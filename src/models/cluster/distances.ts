// Distances and dot products of rows and centres in JavaScript, for k-means++ seeding outside the
// workspace and the randomized SVD's small products (the k-means passes themselves run in the
// linear-algebra workspace: linalg/kmeans-steps.ts). Row-major Float64Arrays; nothing here
// allocates per row.
//
// ||x − c||² = ||x||² + ||c||² − 2 x·c, and the nearest centre minimises ||c||² − 2 x·c, so the
// work is a block of dot products (X_block · Cᵀ), computed in tiles of 2 rows × 4 centres: each
// value loaded from memory feeds several multiply-adds held in registers, which measured 2.5×
// faster than one (row, centre) pair at a time. The expansion loses digits when x and c are far
// from the origin relative to their distance, so callers centre the data on its mean first (as
// scikit-learn does), clamp at 0, and compute inertia by the direct formula.

/** Squared norms of the k rows of a k × p matrix. */
export function rowSquaredNorms(A: Float64Array, k: number, p: number, out: Float64Array = new Float64Array(k)): Float64Array {
  for (let j = 0; j < k; j++) {
    let s = 0;
    const o = j * p;
    for (let f = 0; f < p; f++) s += A[o + f] * A[o + f];
    out[j] = s;
  }
  return out;
}

/**
 * out[(i − start) · k + j] = X[i] · C[j] for rows [start, end) and the k rows of C.
 * Tiles of 2 rows × 4 centres; the edges fall back to smaller tiles.
 */
export function crossDots(X: Float64Array, p: number, range: { start: number; end: number }, C: Float64Array, k: number, out: Float64Array): void {
  const { start, end } = range;
  for (let i = start; i < end; i += 2) {
    const a = i * p;
    // An odd last row is paired with itself; its second result is discarded.
    const b = i + 1 < end ? a + p : a;
    const oa = (i - start) * k;
    const ob = i + 1 < end ? oa + k : -1;
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const c0 = j * p;
      const c1 = c0 + p;
      const c2 = c1 + p;
      const c3 = c2 + p;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0; // prettier-ignore
      for (let f = 0; f < p; f++) {
        const xa = X[a + f];
        const xb = X[b + f];
        const v0 = C[c0 + f];
        const v1 = C[c1 + f];
        const v2 = C[c2 + f];
        const v3 = C[c3 + f];
        a0 += xa * v0;
        a1 += xa * v1;
        a2 += xa * v2;
        a3 += xa * v3;
        b0 += xb * v0;
        b1 += xb * v1;
        b2 += xb * v2;
        b3 += xb * v3;
      }
      out[oa + j] = a0;
      out[oa + j + 1] = a1;
      out[oa + j + 2] = a2;
      out[oa + j + 3] = a3;
      if (ob >= 0) {
        out[ob + j] = b0;
        out[ob + j + 1] = b1;
        out[ob + j + 2] = b2;
        out[ob + j + 3] = b3;
      }
    }
    for (; j + 1 < k; j += 2) {
      const c0 = j * p;
      const c1 = c0 + p;
      let a0 = 0, a1 = 0, b0 = 0, b1 = 0; // prettier-ignore
      for (let f = 0; f < p; f++) {
        const xa = X[a + f];
        const xb = X[b + f];
        const v0 = C[c0 + f];
        const v1 = C[c1 + f];
        a0 += xa * v0;
        a1 += xa * v1;
        b0 += xb * v0;
        b1 += xb * v1;
      }
      out[oa + j] = a0;
      out[oa + j + 1] = a1;
      if (ob >= 0) {
        out[ob + j] = b0;
        out[ob + j + 1] = b1;
      }
    }
    for (; j < k; j++) {
      const c0 = j * p;
      let a0 = 0;
      let b0 = 0;
      for (let f = 0; f < p; f++) {
        const v = C[c0 + f];
        a0 += X[a + f] * v;
        b0 += X[b + f] * v;
      }
      out[oa + j] = a0;
      if (ob >= 0) out[ob + j] = b0;
    }
  }
}

/** Squared norm of each of the n rows of X (n × p). */
export function squaredNormsOfRows(X: Float64Array, p: number, n: number): Float64Array {
  return rowSquaredNorms(X, n, p, new Float64Array(n));
}

/** Squared Euclidean distance between row a of A and row b of B, by the direct formula. */
export function squaredDistance(A: Float64Array, a: number, B: Float64Array, b: number, p: number): number {
  let s = 0;
  const ao = a * p;
  const bo = b * p;
  for (let f = 0; f < p; f++) {
    const d = A[ao + f] - B[bo + f];
    s += d * d;
  }
  return s;
}
