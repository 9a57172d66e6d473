// Distances from rows to centres, the hot loop of every k-means variant. Rows and centres are
// row-major Float64Arrays; nothing here allocates per row.
//
// The nearest centre minimises ||c||² − 2 x·c (||x||² is the same for every centre), which costs
// one multiply-add per feature instead of a subtract, multiply and add. The expansion loses digits
// when x and c are far from the origin relative to their distance, so callers centre the data on
// its mean first (as scikit-learn does) and compute inertia by the direct formula.

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
 * For rows [start, end) of X: the nearest centre in `labels` and the squared distance to it in
 * `dist2` (from the expansion, clamped at 0). Returns nothing; writes in place.
 */
export function assignNearest(
  X: Float64Array,
  p: number,
  centers: Float64Array,
  centerNorms: Float64Array,
  range: { start: number; end: number },
  out: { labels: Int32Array; dist2: Float64Array },
): void {
  const k = centerNorms.length;
  const { labels, dist2 } = out;
  for (let i = range.start; i < range.end; i++) {
    const xo = i * p;
    let xx = 0;
    for (let f = 0; f < p; f++) xx += X[xo + f] * X[xo + f];
    let best = 0;
    let bestScore = Infinity;
    // Two centres per pass over the row: the row is read once for both.
    let j = 0;
    for (; j + 1 < k; j += 2) {
      const c0 = j * p;
      const c1 = c0 + p;
      let d0 = 0;
      let d1 = 0;
      for (let f = 0; f < p; f++) {
        const x = X[xo + f];
        d0 += x * centers[c0 + f];
        d1 += x * centers[c1 + f];
      }
      const s0 = centerNorms[j] - 2 * d0;
      const s1 = centerNorms[j + 1] - 2 * d1;
      if (s0 < bestScore) {
        bestScore = s0;
        best = j;
      }
      if (s1 < bestScore) {
        bestScore = s1;
        best = j + 1;
      }
    }
    if (j < k) {
      const c0 = j * p;
      let d0 = 0;
      for (let f = 0; f < p; f++) d0 += X[xo + f] * centers[c0 + f];
      const s0 = centerNorms[j] - 2 * d0;
      if (s0 < bestScore) {
        bestScore = s0;
        best = j;
      }
    }
    labels[i] = best;
    const d = xx + bestScore;
    dist2[i] = d > 0 ? d : 0;
  }
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

/** Σ w_i ||x_i − c_{label_i}||², by the direct formula (exact where the expansion is not). */
export function inertiaOf(X: Float64Array, p: number, weights: Float64Array, centers: Float64Array, labels: Int32Array): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += weights[i] * squaredDistance(X, i, centers, labels[i], p);
  return total;
}
