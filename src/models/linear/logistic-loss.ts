// The smooth part of the logistic regression objective, divided by C as scikit-learn's lbfgs sees
// it: Σ wᵢ·loss(yᵢ, zᵢ) + ½·l2‖W‖², and its gradient. Binary uses one score per row (half binomial
// loss, log(1 + eᶻ) − yz); multinomial K scores (softmax, logsumexp(z) − z_y), every class with
// its own coefficients as in scikit-learn. Intercepts are never penalised.
//
// Parameters θ: K·p coefficients (class-major), then K intercepts when fitted.

import type { Matrix } from "../../core/index.js";
import type { LinalgExports, LinalgWorkspace } from "../linalg/index.js";

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

/** Below this many multiply-adds per evaluation (n·p·K) one thread evaluates: waking threads for less costs more. */
const PARALLEL_MIN = 1e7;
/** Rows per chunk at least: the chunks' partial gradients are summed in order. */
const CHUNK_ROWS = 8192;
const MAX_CHUNKS = 16;

/**
 * The objective and its gradient evaluated by the workspace's kernel (assembly/linalg/logistic.ts):
 * per block of rows the scores Z = XWᵀ + b, the residuals in place of the scores, then the
 * gradient RᵀX, all with SIMD. Rows are cut into chunks that depend on n alone, each with its own
 * partial gradient, summed here in chunk order: threads share the chunks without changing the sums.
 */
export class LogisticLoss {
  readonly #problem: LogisticProblem;
  readonly #ws: LinalgWorkspace;
  readonly #args: (thread: number) => number[];
  readonly #theta: number;
  readonly #partials: number;
  readonly #losses: number;
  readonly #nChunks: number;
  readonly #threads: number;

  /** `x` and `w`: offsets of X and the weights (0: none) in ws. */
  constructor(problem: LogisticProblem, ws: LinalgWorkspace, at: { x: number; w: number }) {
    const { rows: n, cols: p } = problem.X;
    const K = problem.nScores;
    this.#problem = problem;
    this.#ws = ws;
    this.#nChunks = Math.max(1, Math.min(MAX_CHUNKS, Math.floor(n / CHUNK_ROWS)));
    this.#threads = ws.nThreads > 1 && n * p * K >= PARALLEL_MIN ? Math.min(ws.nThreads, this.#nChunks) : 1;
    const codes = ws.alloc(4 * n);
    ws.i32(codes, n).set(problem.codes);
    this.#theta = ws.zeros(K * (p + 1));
    this.#partials = ws.alloc(8 * this.#nChunks * K * (p + 1));
    this.#losses = ws.alloc(8 * this.#nChunks);
    const scratch = ws.alloc(8 * 128 * K * ws.nThreads);
    const T = this.#threads;
    this.#args = (t) => [at.x, n, p, codes, at.w, this.#theta, K, problem.fitIntercept ? 1 : 0, t < T ? this.#nChunks : 0, t, T, this.#partials, this.#losses, scratch + t * 8 * 128 * K];
  }

  /** Objective value (with ½·l2‖W‖², l2 the problem's unless given); writes the gradient into `grad`. */
  evaluate(theta: Float64Array, grad: Float64Array, l2 = this.#problem.l2): number {
    const { X, nScores: K, fitIntercept } = this.#problem;
    const p = X.cols;
    const ws = this.#ws;
    const kp = K * p;
    ws.f64(this.#theta, K * (p + 1)).set(theta);
    if (this.#threads === 1) ws.kernels.logisticChunks(...(this.#args(0) as Parameters<LinalgExports["logisticChunks"]>));
    else ws.team.run("logisticChunks", this.#args);
    const d = K * (p + 1);
    const partials = ws.f64(this.#partials, this.#nChunks * d);
    const losses = ws.f64(this.#losses, this.#nChunks);
    grad.fill(0);
    let loss = 0;
    for (let c = 0; c < this.#nChunks; c++) {
      loss += losses[c];
      const o = c * d;
      for (let j = 0; j < grad.length; j++) grad[j] += partials[o + j];
    }
    if (!fitIntercept) grad.fill(0, kp);
    if (l2 > 0) {
      let norm = 0;
      for (let j = 0; j < kp; j++) {
        norm += theta[j] * theta[j];
        grad[j] += l2 * theta[j];
      }
      loss += 0.5 * l2 * norm;
    }
    return loss;
  }
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
