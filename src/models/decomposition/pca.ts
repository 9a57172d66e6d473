// PCA: the principal axes of the centred data. The full SVD of the n × p centred X is read from
// the eigen-decomposition of the smaller of XᵀX (p × p) and XXᵀ (n × n) by Jacobi rotations, which
// costs one pass over X plus O(m³) for m = min(n, p); for a few components of large data, a
// randomized sketch (randomized-svd.ts) costs O(n p k) instead. Signs follow scikit-learn's
// svd_flip: each component is oriented so that the largest |score| over the training rows is
// positive, which makes the result deterministic and comparable.

import { InvalidInput, Rng, matrix, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { checkedMatrix, checkPredictMatrix } from "../inputs.js";
import { gramProducts, LinalgWorkspace, threadsOf } from "../linalg/index.js";
import { centredInWorkspace, featureNamesOf } from "../cluster/finite-data.js";
import { PCA_PARAMS } from "./params.js";
import { randomizedAxes } from "./randomized-svd.js";
import { symmetricEigen } from "./symmetric-eigen.js";

export type PCAParams = Partial<ParamValues<typeof PCA_PARAMS>>;

export class PCA {
  readonly params: ParamValues<typeof PCA_PARAMS>;

  constructor(params: PCAParams = {}) {
    this.params = resolveParams(PCA_PARAMS, params, "PCA");
  }

  fit(X: Matrix, options: { featureNames?: readonly string[] } = {}): PCAModel {
    checkedMatrix(X);
    const { rows: n, cols: p } = X;
    // The data go straight into the linear-algebra workspace, checked and centred there: XᵀX and
    // the training scores for the signs are computed from that copy.
    const ws = LinalgWorkspace.acquire(threadsOf(this.params.nThreads), 8 * (n * p + 256 * Math.min(n, p)));
    try {
      const { x, mean, squares } = centredInWorkspace(ws, X, "PCA");
      const featureNames = featureNamesOf(options.featureNames, p);
      if (n < 2) throw new InvalidInput(`PCA needs at least 2 rows to estimate variance: X has ${n}`);
      let totalSquares = 0;
      for (let f = 0; f < p; f++) totalSquares += squares[f];
      const totalVariance = totalSquares / (n - 1);
      if (!(totalVariance > 0)) throw new InvalidInput("PCA: every column of X is constant, there is no variance to decompose", { hint: "drop constant columns" });
      return this.#fitCentred(X, { ws, x, mean, totalVariance, featureNames });
    } finally {
      ws.release();
    }
  }

  #fitCentred(X: Matrix, fit: { ws: LinalgWorkspace; x: number; mean: Float64Array; totalVariance: number; featureNames: string[] }): PCAModel {
    const { ws, x, mean, totalVariance, featureNames } = fit;
    const { rows: n, cols: p } = X;
    const { all, squared } = this.#axes(n, p, { ws, x });
    const m = squared.length;
    const variance = Float64Array.from(squared, (s) => Math.max(s, 0) / (n - 1));
    flipSigns({ ws, x }, n, p, all, m);
    const k = this.#isRandomized(n, p) ? m : componentCount(this.params.nComponents, variance, totalVariance, Math.min(n, p));
    // The variance not explained by the kept components, spread over the others.
    let kept = 0;
    for (let j = 0; j < k; j++) kept += variance[j];
    const rest = Math.min(n, p) - k;
    return new PCAModel({
      components: matrix(all.slice(0, k * p), { rows: k, cols: p }),
      explainedVariance: variance.slice(0, k),
      explainedVarianceRatio: variance.slice(0, k).map((v) => v / totalVariance),
      singularValues: Float64Array.from(squared.subarray(0, k), (s) => Math.sqrt(Math.max(s, 0))),
      mean,
      noiseVariance: rest > 0 ? Math.max(totalVariance - kept, 0) / rest : 0,
      nSamples: n,
      featureNames,
      params: { ...this.params },
    });
  }

  /**
   * The solver asked for, or for "auto" the randomized one when min(rows, features) > 500 and an
   * integer nComponents below 80% of it is asked for. scikit-learn looks at max(rows, features)
   * instead, because its full SVD costs O(n p min(n, p)); the full route here costs O(n m² + m³)
   * for m = min(n, p), cheaper than the sketch while m is small, and exact.
   */
  #isRandomized(n: number, p: number): boolean {
    const { svdSolver, nComponents } = this.params;
    if (svdSolver !== "auto") return svdSolver === "randomized";
    return Math.min(n, p) > 500 && nComponents !== null && nComponents >= 1 && nComponents < 0.8 * Math.min(n, p);
  }

  #axes(n: number, p: number, at: { ws: LinalgWorkspace; x: number }): { all: Float64Array; squared: Float64Array } {
    if (!this.#isRandomized(n, p) && n >= p) {
      const { components, squared } = axesFromCovariance(at, n, p);
      return { all: components, squared };
    }
    // The routes below work on the centred data in JavaScript.
    const data = at.ws.f64(at.x, n * p).slice();
    if (!this.#isRandomized(n, p)) {
      const { components, squared } = axesFromGram(data, n, p);
      return { all: components, squared };
    }
    const { nComponents, iteratedPower, seed } = this.params;
    const k = nComponents;
    if (k === null || !Number.isInteger(k) || k < 1 || k > Math.min(n, p)) {
      throw new InvalidInput(`PCA with svdSolver "randomized" needs an integer nComponents in [1, ${Math.min(n, p)}]: received ${k}`);
    }
    const powerIterations = iteratedPower ?? (k < 0.1 * Math.min(n, p) ? 7 : 4);
    const { components, squared } = randomizedAxes(data, n, p, k, { oversamples: 10, powerIterations, rng: new Rng(seed) });
    return { all: components, squared };
  }
}

/** Right singular vectors (rows of an m × p matrix) and squared singular values from XᵀX. */
function axesFromCovariance(at: { ws: LinalgWorkspace; x: number }, n: number, p: number): { components: Float64Array; squared: Float64Array } {
  // XᵀX of the (already centred) data by the linear-algebra kernels: blocks of rows transposed
  // within cache, products of column pairs with SIMD, the upper triangle only.
  const C = gramProducts(at.ws, { x: at.x, n, p, mean: 0, sw: 0, y: 0, yMean: 0 }).gram;
  const { values, vectors } = symmetricEigen(C, p);
  // Squared singular values below rounding noise (collinear or constant columns) are exactly 0:
  // their square roots would otherwise report variance of order √ε.
  const negligible = Math.max(values[0], 0) * p * Number.EPSILON;
  for (let j = 0; j < p; j++) if (!(values[j] > negligible)) values[j] = 0;
  const components = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let f = 0; f < p; f++) components[j * p + f] = vectors[f * p + j];
  return { components, squared: values };
}

/** The same from XXᵀ when there are fewer rows than features: v = Xᵀu / s. */
function axesFromGram(data: Float64Array, n: number, p: number): { components: Float64Array; squared: Float64Array } {
  const G = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let f = 0; f < p; f++) s += data[a * p + f] * data[b * p + f];
      G[a * n + b] = G[b * n + a] = s;
    }
  }
  const { values, vectors } = symmetricEigen(G, n);
  const components = new Float64Array(n * p);
  // Centring costs a rank: directions whose singular value is rounding noise carry no variance,
  // and Xᵀu / s would only amplify the noise; they are completed to an orthonormal basis instead.
  const negligible = Math.max(values[0], 0) * n * Number.EPSILON;
  for (let j = 0; j < n; j++) {
    if (!(values[j] > negligible)) {
      values[j] = 0;
      orthonormalCompletion(components, j, p);
      continue;
    }
    const s = Math.sqrt(values[j]);
    for (let i = 0; i < n; i++) {
      const u = vectors[i * n + j] / s;
      for (let f = 0; f < p; f++) components[j * p + f] += u * data[i * p + f];
    }
  }
  return { components, squared: values };
}

/** Row j of `rows` set to a unit vector orthogonal to rows 0..j-1 (Gram-Schmidt on e_0, e_1, …). */
function orthonormalCompletion(rows: Float64Array, j: number, p: number): void {
  const v = new Float64Array(p);
  for (let t = 0; t < p; t++) {
    v.fill(0);
    v[t] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r < j; r++) {
        let dot = 0;
        for (let f = 0; f < p; f++) dot += v[f] * rows[r * p + f];
        for (let f = 0; f < p; f++) v[f] -= dot * rows[r * p + f];
      }
    }
    let norm = 0;
    for (let f = 0; f < p; f++) norm += v[f] * v[f];
    norm = Math.sqrt(norm);
    if (norm > 0.5) {
      for (let f = 0; f < p; f++) rows[j * p + f] = v[f] / norm;
      return;
    }
  }
}

/** svd_flip, decided on U: the training score of largest magnitude of each component is positive. */
function flipSigns(at: { ws: LinalgWorkspace; x: number }, n: number, p: number, components: Float64Array, m: number): void {
  const { ws, x } = at;
  const comps = ws.put(components.subarray(0, m * p));
  const bestAt = ws.alloc(8 * m);
  ws.kernels.extremeProducts(x, n, p, comps, m, bestAt, ws.alloc(8 * (256 + 1) * m));
  const best = ws.f64(bestAt, m);
  for (let j = 0; j < m; j++) if (best[j] < 0) for (let f = 0; f < p; f++) components[j * p + f] = -components[j * p + f];
}

function componentCount(given: number | null, variance: Float64Array, total: number, max: number): number {
  if (given === null) return max;
  if (given > 0 && given < 1) {
    // The fewest components whose cumulative ratio exceeds the fraction (scikit-learn's rule).
    let cumulative = 0;
    for (let j = 0; j < variance.length; j++) {
      cumulative += variance[j] / total;
      if (cumulative > given) return j + 1;
    }
    return variance.length;
  }
  if (!Number.isInteger(given) || given < 1 || given > max) {
    throw new InvalidInput(`PCA nComponents must be an integer in [1, ${max}] (min of rows and features) or a fraction in (0, 1): received ${given}`);
  }
  return given;
}

export interface PCAModelInit {
  readonly components: Matrix;
  readonly explainedVariance: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
  readonly singularValues: Float64Array;
  readonly mean: Float64Array;
  readonly noiseVariance: number;
  readonly nSamples: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
}

export class PCAModel {
  /** nComponents × nFeatures: the principal axes, one per row, by decreasing variance. */
  readonly components: Matrix;
  readonly explainedVariance: Float64Array;
  readonly explainedVarianceRatio: Float64Array;
  readonly singularValues: Float64Array;
  readonly mean: Float64Array;
  /** Mean variance of the components not kept (probabilistic PCA's noise; 0 when all are kept). */
  readonly noiseVariance: number;
  readonly nSamples: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;

  constructor(init: PCAModelInit) {
    this.components = init.components;
    this.explainedVariance = init.explainedVariance;
    this.explainedVarianceRatio = init.explainedVarianceRatio;
    this.singularValues = init.singularValues;
    this.mean = init.mean;
    this.noiseVariance = init.noiseVariance;
    this.nSamples = init.nSamples;
    this.featureNames = init.featureNames;
    this.params = init.params;
  }

  get nComponents(): number {
    return this.components.rows;
  }

  /** Scores: (X − mean) · componentsᵀ, divided by √explainedVariance when whitened. */
  transform(X: Matrix): Matrix {
    checkPredictMatrix(X, this.featureNames.length);
    const { rows: n, cols: p } = X;
    const k = this.nComponents;
    const W = this.components.data;
    const out = new Float64Array(n * k);
    const centred = new Float64Array(p);
    const scale = this.#scale();
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < p; f++) centred[f] = X.data[i * p + f] - this.mean[f];
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let f = 0; f < p; f++) s += centred[f] * W[j * p + f];
        out[i * k + j] = s / scale[j];
      }
    }
    return matrix(out, { rows: n, cols: k });
  }

  /** Back to feature space: Z · components (after undoing whitening) + mean. */
  inverseTransform(Z: Matrix): Matrix {
    const k = this.nComponents;
    if (!Z || Z.cols !== k || Z.data.length !== Z.rows * Z.cols) throw new InvalidInput(`Z must have ${k} columns (one per component): received ${Z?.rows} × ${Z?.cols}`);
    const p = this.featureNames.length;
    const W = this.components.data;
    const scale = this.#scale();
    const out = new Float64Array(Z.rows * p);
    for (let i = 0; i < Z.rows; i++) {
      out.set(this.mean, i * p);
      for (let j = 0; j < k; j++) {
        const z = Z.data[i * k + j] * scale[j];
        for (let f = 0; f < p; f++) out[i * p + f] += z * W[j * p + f];
      }
    }
    return matrix(out, { rows: Z.rows, cols: p });
  }

  #scale(): Float64Array {
    // A component without variance is left unscaled rather than divided by zero.
    return this.params.whiten ? this.explainedVariance.map((v) => Math.sqrt(v) || 1) : new Float64Array(this.nComponents).fill(1);
  }
}
