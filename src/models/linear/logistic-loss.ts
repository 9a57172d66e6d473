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

/** Objective value; writes the gradient into `grad`. One pass over X, no allocation per row. */
export function logisticLossGradient(problem: LogisticProblem, theta: Float64Array, grad: Float64Array, scores: Float64Array): number {
  const { X, codes, weight, nScores: K, fitIntercept, l2 } = problem;
  const { rows: n, cols: p, data } = X;
  const interceptAt = K * p;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i] : 1;
    if (w === 0) continue;
    const at = i * p;
    for (let k = 0; k < K; k++) {
      let z = fitIntercept ? theta[interceptAt + k] : 0;
      const base = k * p;
      for (let j = 0; j < p; j++) z += data[at + j] * theta[base + j];
      scores[k] = z;
    }
    const yi = codes[i] | 0; // an integer index: a double index takes a slow path
    if (K === 1) {
      const z = scores[0];
      // log(1 + eᶻ) and σ(z) from one exponential, e^−|z|, without overflow on either side.
      const e = Math.exp(-Math.abs(z));
      loss += w * ((z > 0 ? z : 0) + Math.log1p(e) - yi * z);
      scores[0] = w * ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi);
    } else {
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (scores[k] > max) max = scores[k];
      const own = scores[yi];
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp(scores[k] - max);
        scores[k] = e;
        sum += e;
      }
      loss += w * (max + Math.log(sum) - own);
      const scale = w / sum;
      for (let k = 0; k < K; k++) scores[k] *= scale;
      scores[yi] -= w;
    }
    for (let k = 0; k < K; k++) {
      const r = scores[k];
      if (r === 0) continue;
      const base = k * p;
      for (let j = 0; j < p; j++) grad[base + j] += r * data[at + j];
      if (fitIntercept) grad[interceptAt + k] += r;
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
