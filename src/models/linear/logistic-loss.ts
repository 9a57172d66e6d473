// The smooth part of the logistic regression objective, divided by C as scikit-learn's lbfgs sees
// it: Σ wᵢ·loss(yᵢ, zᵢ) + ½·l2‖W‖², and its gradient. Binary uses one score per row (half binomial
// loss, log(1 + eᶻ) − yz); multinomial K scores (softmax, logsumexp(z) − z_y), every class with
// its own coefficients as in scikit-learn. Intercepts are never penalised.
//
// Parameters θ: K·p coefficients (class-major), then K intercepts when fitted.

import type { Matrix } from "../../core/index.js";

export interface LogisticProblem {
  readonly X: Matrix;
  /** Class index per row, 0..nClasses-1. */
  readonly codes: Float64Array;
  readonly weight: Float64Array | null;
  /** 1 for binary (one score), K for multinomial. */
  readonly nScores: number;
  readonly fitIntercept: boolean;
  /** Strength of ½·l2‖W‖² (1/C for l2, (1 − l1Ratio)/C for elasticnet, 0 otherwise). */
  readonly l2: number;
}

export function parameterCount(problem: LogisticProblem): number {
  return problem.nScores * (problem.X.cols + (problem.fitIntercept ? 1 : 0));
}

const CHUNK = 128;

/** Scratch space for logisticLossGradient: the scores of one chunk of rows. */
export function lossScratch(problem: LogisticProblem): Float64Array {
  return new Float64Array(CHUNK * problem.nScores);
}

/**
 * Objective value; writes the gradient into `grad`. Rows go by chunks: the chunk's scores Z = XWᵀ
 * four rows at a time (each coefficient loaded once for four multiply-adds), then the residuals in
 * place of the scores, then the gradient XᵀR accumulated per coefficient in registers over the
 * chunk, where a row-by-row update would load and store a gradient entry for every multiply-add.
 */
export function logisticLossGradient(problem: LogisticProblem, theta: Float64Array, grad: Float64Array, scratch: Float64Array): number {
  const { X, fitIntercept, nScores: K, l2 } = problem;
  const { rows: n, cols: p, data } = X;
  const interceptAt = K * p;
  grad.fill(0);
  let loss = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    chunkScores(data, p, start, m, theta, K, fitIntercept, scratch);
    loss += chunkResiduals(problem, start, m, scratch);
    for (let k = 0; k < K; k++) {
      chunkGradient(data, p, start, m, scratch, K, k, grad);
      if (fitIntercept) {
        let sum = 0;
        for (let b = 0; b < m; b++) sum += scratch[b * K + k];
        grad[interceptAt + k] += sum;
      }
    }
  }
  if (l2 > 0) {
    let norm = 0;
    for (let j = 0; j < interceptAt; j++) {
      norm += theta[j] * theta[j];
      grad[j] += l2 * theta[j];
    }
    loss += 0.5 * l2 * norm;
  }
  return loss;
}

/** Z[b][k] = x_(start+b) · W_k + b_k for the m rows of a chunk, four rows at a time. */
function chunkScores(data: Float64Array | Float32Array, p: number, start: number, m: number, theta: Float64Array, K: number, fitIntercept: boolean, Z: Float64Array): void {
  const interceptAt = K * p;
  let b = 0;
  for (; b + 4 <= m; b += 4) {
    const r0 = (start + b) * p, r1 = r0 + p, r2 = r1 + p, r3 = r2 + p;
    for (let k = 0; k < K; k++) {
      const c = fitIntercept ? theta[interceptAt + k] : 0;
      let z0 = c, z1 = c, z2 = c, z3 = c;
      const base = k * p;
      for (let j = 0; j < p; j++) {
        const w = theta[base + j];
        z0 += data[r0 + j] * w;
        z1 += data[r1 + j] * w;
        z2 += data[r2 + j] * w;
        z3 += data[r3 + j] * w;
      }
      Z[b * K + k] = z0;
      Z[(b + 1) * K + k] = z1;
      Z[(b + 2) * K + k] = z2;
      Z[(b + 3) * K + k] = z3;
    }
  }
  for (; b < m; b++) {
    const r0 = (start + b) * p;
    for (let k = 0; k < K; k++) {
      let z = fitIntercept ? theta[interceptAt + k] : 0;
      const base = k * p;
      for (let j = 0; j < p; j++) z += data[r0 + j] * theta[base + j];
      Z[b * K + k] = z;
    }
  }
}

/** grad[k][j] += Σ_b R[b][k]·x_(start+b)[j], four features at a time held in registers. */
function chunkGradient(data: Float64Array | Float32Array, p: number, start: number, m: number, R: Float64Array, K: number, k: number, grad: Float64Array): void {
  const base = k * p;
  let j = 0;
  for (; j + 4 <= p; j += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let b = 0, at = start * p + j; b < m; b++, at += p) {
      const r = R[b * K + k];
      s0 += r * data[at];
      s1 += r * data[at + 1];
      s2 += r * data[at + 2];
      s3 += r * data[at + 3];
    }
    grad[base + j] += s0;
    grad[base + j + 1] += s1;
    grad[base + j + 2] += s2;
    grad[base + j + 3] += s3;
  }
  for (; j < p; j++) {
    let sum = 0;
    for (let b = 0, at = start * p + j; b < m; b++, at += p) sum += R[b * K + k] * data[at];
    grad[base + j] += sum;
  }
}

/** Replaces the chunk's scores by weighted residuals ∂loss/∂z; returns the chunk's weighted loss. */
function chunkResiduals(problem: LogisticProblem, start: number, m: number, Z: Float64Array): number {
  const { codes, weight, nScores: K } = problem;
  let loss = 0;
  for (let b = 0; b < m; b++) {
    const i = start + b;
    const w = weight ? weight[i] : 1;
    const yi = codes[i] | 0; // an integer index: a double index takes a slow path
    const row = b * K;
    if (w === 0) {
      for (let k = 0; k < K; k++) Z[row + k] = 0;
    } else if (K === 1) {
      const z = Z[row];
      // log(1 + eᶻ) and σ(z) from one exponential, e^−|z|, without overflow on either side.
      const e = Math.exp(-Math.abs(z));
      loss += w * ((z > 0 ? z : 0) + Math.log1p(e) - yi * z);
      Z[row] = w * ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi);
    } else {
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (Z[row + k] > max) max = Z[row + k];
      const own = Z[row + yi];
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(Z[row + k] - max);
        Z[row + k] = e;
        sum += e;
      }
      loss += w * (max + Math.log(sum) - own);
      const scale = w / sum;
      for (let k = 0; k < K; k++) Z[row + k] *= scale;
      Z[row + yi] -= w;
    }
  }
  return loss;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Class probabilities, n × nClasses row-major, from θ laid out as above. */
export function logisticProbabilities(X: Matrix, coef: Float64Array, intercept: Float64Array, nClasses: number): Float64Array {
  const { rows: n, cols: p, data } = X;
  const out = new Float64Array(n * nClasses);
  const K = nClasses === 2 ? 1 : nClasses;
  for (let i = 0; i < n; i++) {
    const at = i * p;
    const row = i * nClasses;
    if (K === 1) {
      let z = intercept[0];
      for (let j = 0; j < p; j++) z += data[at + j] * coef[j];
      const prob = sigmoid(z);
      out[row] = 1 - prob;
      out[row + 1] = prob;
      continue;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let z = intercept[k];
      for (let j = 0; j < p; j++) z += data[at + j] * coef[k * p + j];
      out[row + k] = z;
      if (z > max) max = z;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) {
      out[row + k] = Math.exp(out[row + k] - max);
      sum += out[row + k];
    }
    for (let k = 0; k < K; k++) out[row + k] /= sum;
  }
  return out;
}
