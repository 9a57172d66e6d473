// Cholesky factorisation of a symmetric positive definite matrix, and the solves built on it:
// the fast path of every Gram-based linear fit (normal equations of LinearRegression and Ridge).

/**
 * Lower factor L with A = LLᵀ (row-major q × q, upper triangle zero), or null when a pivot is not
 * above `minPivot` times the largest diagonal entry: the matrix is singular or too close to it
 * for the normal equations to be trusted.
 */
export function cholesky(a: Float64Array, q: number, minPivot = 0): Float64Array | null {
  const L = new Float64Array(q * q);
  let scale = 0;
  for (let j = 0; j < q; j++) scale = Math.max(scale, a[j * q + j]);
  for (let j = 0; j < q; j++) {
    let d = a[j * q + j];
    for (let k = 0; k < j; k++) d -= L[j * q + k] * L[j * q + k];
    if (!(d > minPivot * scale) || !(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[j * q + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      let s = a[i * q + j];
      for (let k = 0; k < j; k++) s -= L[i * q + k] * L[j * q + k];
      L[i * q + j] = s / ljj;
    }
  }
  return L;
}

/** Solves LLᵀx = b. */
export function choleskySolve(L: Float64Array, q: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < q; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * q + k] * x[k];
    x[i] = s / L[i * q + i];
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < q; k++) s -= L[k * q + i] * x[k];
    x[i] = s / L[i * q + i];
  }
  return x;
}

/** (LLᵀ)⁻¹, row-major q × q. */
export function choleskyInverse(L: Float64Array, q: number): Float64Array {
  const inv = new Float64Array(q * q);
  const e = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(L, q, e);
    for (let i = 0; i < q; i++) inv[i * q + j] = col[i];
  }
  return inv;
}
