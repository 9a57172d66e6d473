// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan
// §8.5). Slower than tridiagonal QR for large m (O(m³) per sweep, ~6–10 sweeps), but simple and
// accurate to working precision even for tiny eigenvalues, which is what PCA's m × m covariance
// (m = number of features, or rows when there are fewer) needs.

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** Eigenvectors as the columns of an m × m row-major matrix, in the order of `values`. */
  readonly vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** A is m × m, row-major and symmetric; it is not modified. */
export function symmetricEigen(A: Float64Array, m: number): SymmetricEigen {
  const a = Float64Array.from(A);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < m; i++) {
      diag += a[i * m + i] * a[i * m + i];
      for (let j = i + 1; j < m; j++) off += a[i * m + j] * a[i * m + j];
    }
    if (off <= 1e-34 * diag || off === 0) break;
    for (let p = 0; p < m - 1; p++) for (let q = p + 1; q < m; q++) rotate(a, v, m, p, q);
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = a[i * m + i];
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => values[y] - values[x] || x - y);
  const sortedValues = Float64Array.from(order, (i) => values[i]);
  const vectors = new Float64Array(m * m);
  for (let c = 0; c < m; c++) for (let r = 0; r < m; r++) vectors[r * m + c] = v[r * m + order[c]];
  return { values: sortedValues, vectors };
}

/** One rotation zeroing a[p][q] (the stable formulas of Rutishauser), applied to a and to v. */
function rotate(a: Float64Array, v: Float64Array, m: number, p: number, q: number): void {
  const apq = a[p * m + q];
  if (apq === 0) return;
  const app = a[p * m + p];
  const aqq = a[q * m + q];
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < m; k++) {
    const akp = a[k * m + p];
    const akq = a[k * m + q];
    a[k * m + p] = c * akp - s * akq;
    a[k * m + q] = s * akp + c * akq;
  }
  for (let k = 0; k < m; k++) {
    const apk = a[p * m + k];
    const aqk = a[q * m + k];
    a[p * m + k] = c * apk - s * aqk;
    a[q * m + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < m; k++) {
    const vkp = v[k * m + p];
    const vkq = v[k * m + q];
    v[k * m + p] = c * vkp - s * vkq;
    v[k * m + q] = s * vkp + c * vkq;
  }
}
