// Least squares for LinearRegression. The fast path solves the normal equations by Cholesky on the
// correlation-scaled Gram matrix; when that matrix is singular or badly conditioned the fit falls
// back to Householder QR of the centred design and a Jacobi SVD of R, which gives the
// minimum-norm solution (what scikit-learn's lstsq returns) and names the aliased columns.

import { cholesky, choleskyInverse, choleskySolve } from "./cholesky.js";
import type { Design, Gram } from "./design.js";

export interface LeastSquaresSolution {
  readonly coef: Float64Array;
  readonly rank: number;
  /** (XᵀWX)⁻¹ of the centred design when X has full column rank, else null. */
  readonly inverse: Float64Array | null;
  /** Groups of column indices that are linearly dependent (each group one null direction). */
  readonly aliased: number[][];
  readonly method: "cholesky" | "qr-svd";
}

// Below this pivot (relative, on the unit-diagonal Gram) the condition number exceeds ~1e10 and
// the normal equations would lose more digits than QR does.
const MIN_PIVOT = 1e-10;

export function leastSquares(design: Design, gram: Gram, y: Float64Array, yMean: number, skip: readonly number[]): LeastSquaresSolution {
  const { p } = design;
  const kept = Array.from({ length: p }, (_, j) => j).filter((j) => !skip.includes(j));
  const q = kept.length;
  const coef = new Float64Array(p);
  if (q === 0) return { coef, rank: 0, inverse: null, aliased: [], method: "cholesky" };
  const scale = Float64Array.from(kept, (j) => Math.sqrt(gram.gram[j * p + j]));
  const a = new Float64Array(q * q);
  const b = new Float64Array(q);
  for (let r = 0; r < q; r++) {
    b[r] = gram.xty[kept[r]] / scale[r];
    for (let c = 0; c < q; c++) a[r * q + c] = gram.gram[kept[r] * p + kept[c]] / (scale[r] * scale[c]);
  }
  const L = cholesky(a, q, MIN_PIVOT);
  if (L) {
    const z = choleskySolve(L, q, b);
    const scaledInverse = choleskyInverse(L, q);
    const inverse = new Float64Array(p * p).fill(NaN);
    for (let r = 0; r < q; r++) {
      coef[kept[r]] = z[r] / scale[r];
      for (let c = 0; c < q; c++) inverse[kept[r] * p + kept[c]] = scaledInverse[r * q + c] / (scale[r] * scale[c]);
    }
    return { coef, rank: q, inverse, aliased: [], method: "cholesky" };
  }
  return minimumNorm(design, y, yMean, kept, coef);
}

/** Householder QR of the centred, weighted design (kept columns), then the SVD of R. */
function minimumNorm(design: Design, y: Float64Array, yMean: number, kept: number[], coef: Float64Array): LeastSquaresSolution {
  const { X, n, p, weight, xMean } = design;
  const q = kept.length;
  // Column-major copy: Householder reflections run down columns.
  const A = new Float64Array(n * q);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = weight ? Math.sqrt(weight[i]) : 1;
    for (let r = 0; r < q; r++) A[r * n + i] = s * (X.data[i * p + kept[r]] - xMean[kept[r]]);
    c[i] = s * (y[i] - yMean);
  }
  const steps = Math.min(n, q);
  for (let k = 0; k < steps; k++) householderStep(A, n, q, k, c);
  const R = new Float64Array(q * q); // row-major, rows beyond n stay zero
  for (let r = 0; r < steps; r++) for (let col = r; col < q; col++) R[r * q + col] = A[col * n + r];
  const { sigma, V, U } = jacobiSvd(R, q);
  const sigmaMax = Math.max(...sigma);
  const tol = sigmaMax * Math.max(n, q) * Number.EPSILON;
  const aliased: number[][] = [];
  let rank = 0;
  for (let j = 0; j < q; j++) {
    if (sigma[j] > tol) {
      rank++;
      // x += V_j (U_jᵀ c) / σ_j, with U_j = (R V_j) / σ_j held unnormalised in U.
      let uc = 0;
      for (let r = 0; r < steps; r++) uc += U[r * q + j] * c[r];
      const f = uc / (sigma[j] * sigma[j]);
      for (let r = 0; r < q; r++) coef[kept[r]] += f * V[r * q + j];
    } else {
      let vmax = 0;
      for (let r = 0; r < q; r++) vmax = Math.max(vmax, Math.abs(V[r * q + j]));
      const group = kept.filter((_, r) => Math.abs(V[r * q + j]) > 1e-6 * vmax);
      aliased.push(group);
    }
  }
  return { coef, rank, inverse: null, aliased, method: "qr-svd" };
}

/** Reflects column k (and the columns after it, and c) so that column k is zero below row k. */
function householderStep(A: Float64Array, n: number, q: number, k: number, c: Float64Array): void {
  const base = k * n;
  let norm = 0;
  for (let i = k; i < n; i++) norm += A[base + i] * A[base + i];
  norm = Math.sqrt(norm);
  if (norm === 0) return;
  const alpha = A[base + k] > 0 ? -norm : norm;
  A[base + k] -= alpha; // v = x − αe₁ stored in place
  let vv = 0;
  for (let i = k; i < n; i++) vv += A[base + i] * A[base + i];
  const apply = (target: Float64Array, offset: number): void => {
    let dot = 0;
    for (let i = k; i < n; i++) dot += A[base + i] * target[offset + i];
    const f = (2 * dot) / vv;
    for (let i = k; i < n; i++) target[offset + i] -= f * A[base + i];
  };
  for (let col = k + 1; col < q; col++) apply(A, col * n);
  apply(c, 0);
  for (let i = k + 1; i < n; i++) A[base + i] = 0;
  A[base + k] = alpha;
}

/**
 * One-sided Jacobi SVD of a small square matrix: rotates column pairs of U = R V until they are
 * orthogonal. σ_j = ‖U_j‖; accurate even for tiny singular values, which is what rank needs.
 */
function jacobiSvd(R: Float64Array, q: number): { sigma: Float64Array; V: Float64Array; U: Float64Array } {
  const U = Float64Array.from(R);
  const V = new Float64Array(q * q);
  for (let j = 0; j < q; j++) V[j * q + j] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let j = 0; j < q - 1; j++) {
      for (let k = j + 1; k < q; k++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let r = 0; r < q; r++) {
          const uj = U[r * q + j], uk = U[r * q + k];
          alpha += uj * uj;
          beta += uk * uk;
          gamma += uj * uk;
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (const M of [U, V]) {
          for (let r = 0; r < q; r++) {
            const mj = M[r * q + j], mk = M[r * q + k];
            M[r * q + j] = cs * mj - sn * mk;
            M[r * q + k] = sn * mj + cs * mk;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = new Float64Array(q);
  for (let j = 0; j < q; j++) {
    let s = 0;
    for (let r = 0; r < q; r++) s += U[r * q + j] * U[r * q + j];
    sigma[j] = Math.sqrt(s);
  }
  return { sigma, V, U };
}
