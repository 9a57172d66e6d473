// What every linear model does to X before solving: refuse NaN and infinite values (naming the row
// and column), take weighted column means to centre on (so the intercept is not penalised, as in
// scikit-learn), and accumulate the centred, weighted Gram matrix XᵀWX and XᵀWy in one pass.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix, weightsOf } from "../inputs.js";

export interface Design {
  readonly X: Matrix;
  readonly n: number;
  readonly p: number;
  /** Sample weights, or null for all ones. */
  readonly weight: Float64Array | null;
  /** Σ weights (n without weights). */
  readonly weightSum: number;
  /** Weighted column means, zeros without an intercept. */
  readonly xMean: Float64Array;
  readonly featureNames: readonly string[];
}

/** Checks X (finite everywhere) and takes the column means the fit centres on. */
export function designOf(X: Matrix, options: { fitIntercept: boolean; featureNames?: readonly string[]; sampleWeight?: ArrayLike<number> }): Design {
  checkedMatrix(X);
  const { rows: n, cols: p, data } = X;
  const weight = weightsOf(options.sampleWeight, n);
  for (let i = 0; i < n * p; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / p);
      const col = i % p;
      const name = options.featureNames?.[col];
      throw new InvalidInput(`X holds ${data[i]} at row ${row}, column ${col}${name === undefined ? "" : ` ("${name}")`}: linear models take finite values only`, {
        hint: "impute missing values and clip or drop infinite ones before fitting",
      });
    }
  }
  const featureNames = options.featureNames ? [...options.featureNames] : Array.from({ length: p }, (_, j) => `x${j}`);
  if (featureNames.length !== p) throw new InvalidInput(`featureNames has ${featureNames.length} names for ${p} columns`);
  let weightSum = n;
  if (weight) {
    weightSum = 0;
    for (let i = 0; i < n; i++) weightSum += weight[i];
    if (!(weightSum > 0)) throw new InvalidInput("sampleWeight sums to 0: at least one row needs a positive weight");
  }
  const xMean = new Float64Array(p);
  if (options.fitIntercept) {
    for (let i = 0; i < n; i++) {
      const w = weight ? weight[i] : 1;
      for (let j = 0; j < p; j++) xMean[j] += w * data[i * p + j];
    }
    for (let j = 0; j < p; j++) xMean[j] /= weightSum;
  }
  return { X, n, p, weight, weightSum, xMean, featureNames };
}

/** Weighted mean of y (0 without an intercept). */
export function targetMean(design: Design, y: Float64Array, fitIntercept: boolean): number {
  if (!fitIntercept) return 0;
  let sum = 0;
  for (let i = 0; i < design.n; i++) sum += (design.weight ? design.weight[i] : 1) * y[i];
  return sum / design.weightSum;
}

export interface Gram {
  /** p × p, row-major, both triangles filled: Σ wᵢ (xᵢ − m)(xᵢ − m)ᵀ. */
  readonly gram: Float64Array;
  /** Σ wᵢ (xᵢ − m)(yᵢ − ȳ). */
  readonly xty: Float64Array;
  /** Σ wᵢ (yᵢ − ȳ)². */
  readonly yty: number;
}

const BLOCK = 4;

/**
 * The centred weighted Gram matrix. Rows are centred into a small buffer four at a time, so no
 * centred copy of X is made, and each Gram entry is loaded and stored once per four rows: the
 * update is memory-bound otherwise.
 */
export function gramOf(design: Design, y: Float64Array, yMean: number): Gram {
  const { X, n, p, weight, xMean } = design;
  const data = X.data;
  const gram = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const buf = new Float64Array(BLOCK * p);
  const r = new Float64Array(BLOCK);
  let yty = 0;
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    buf.fill(0);
    r.fill(0);
    for (let b = 0; b < m; b++) {
      const i = start + b;
      const s = weight ? Math.sqrt(weight[i]) : 1;
      for (let j = 0; j < p; j++) buf[b * p + j] = s * (data[i * p + j] - xMean[j]);
      r[b] = s * (y[i] - yMean);
      yty += r[b] * r[b];
    }
    const r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
    for (let j = 0; j < p; j++) {
      const a0 = buf[j], a1 = buf[p + j], a2 = buf[2 * p + j], a3 = buf[3 * p + j];
      xty[j] += a0 * r0 + a1 * r1 + a2 * r2 + a3 * r3;
      const row = j * p;
      for (let k = j; k < p; k++) {
        gram[row + k] += a0 * buf[k] + a1 * buf[p + k] + a2 * buf[2 * p + k] + a3 * buf[3 * p + k];
      }
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) gram[j * p + k] = gram[k * p + j];
  return { gram, xty, yty };
}

/**
 * Columns holding one value on every row of positive weight (all zeros, without an intercept):
 * read off the data, not the Gram diagonal, whose rounding residue depends on the column's size.
 */
export function constantColumns(design: Design, fitIntercept: boolean): number[] {
  const { X, n, p, weight } = design;
  const out: number[] = [];
  for (let j = 0; j < p; j++) {
    let first = NaN;
    let constant = true;
    for (let i = 0; i < n && constant; i++) {
      if (weight && weight[i] === 0) continue;
      const v = X.data[i * p + j];
      if (Number.isNaN(first)) first = v;
      else if (v !== first) constant = false;
    }
    if (constant && (fitIntercept || first === 0 || Number.isNaN(first))) out.push(j);
  }
  return out;
}

/** Xβ + b for each row. */
export function linearPredict(X: Matrix, coef: Float64Array, intercept: number): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = intercept;
    const at = i * cols;
    for (let j = 0; j < cols; j++) s += data[at + j] * coef[j];
    out[i] = s;
  }
  return out;
}
