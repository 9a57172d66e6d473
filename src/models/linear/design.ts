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
  const featureNames = options.featureNames ? [...options.featureNames] : Array.from({ length: p }, (_, j) => `x${j}`);
  if (featureNames.length !== p) throw new InvalidInput(`featureNames has ${featureNames.length} names for ${p} columns`);
  let weightSum = n;
  if (weight) {
    weightSum = 0;
    for (let i = 0; i < n; i++) weightSum += weight[i];
    if (!(weightSum > 0)) throw new InvalidInput("sampleWeight sums to 0: at least one row needs a positive weight");
  }
  // One pass for both the means and the finiteness check: a NaN or an infinity anywhere in a
  // column makes its sum non-finite, and only then are the cells searched for the culprit.
  const sums = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const w = weight ? weight[i] : 1;
    const at = i * p;
    for (let j = 0; j < p; j++) sums[j] += w * data[at + j];
  }
  for (let j = 0; j < p; j++) if (!Number.isFinite(sums[j])) throw nonFinite(X, j, featureNames);
  const xMean = new Float64Array(p);
  if (options.fitIntercept) for (let j = 0; j < p; j++) xMean[j] = sums[j] / weightSum;
  return { X, n, p, weight, weightSum, xMean, featureNames };
}

function nonFinite(X: Matrix, column: number, featureNames: readonly string[]): InvalidInput {
  const { rows, cols, data } = X;
  const where = `column ${column} ("${featureNames[column]}")`;
  for (let i = 0; i < rows; i++) {
    const v = data[i * cols + column];
    if (!Number.isFinite(v)) {
      return new InvalidInput(`X holds ${v} at row ${i}, ${where}: linear models take finite values only`, {
        hint: "impute missing values and clip or drop infinite ones before fitting",
      });
    }
  }
  return new InvalidInput(`X ${where} sums to more than the largest float64: its values are too large`, { hint: "rescale the column before fitting" });
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

const CHUNK = 128;

/**
 * The centred weighted Gram matrix, in one pass over X and without a centred copy of it. Rows are
 * centred and weighted a chunk at a time into a column-major buffer (each column contiguous, the
 * width padded to a multiple of 4 with zeros); the chunk's Gram is then added by a 2 × 4 register
 * block: 6 loads feed 8 multiply-adds, where a row-by-row outer product needs a load and a store
 * of the Gram entry for each one. This is the whole cost of fitting LinearRegression and Ridge.
 */
export function gramOf(design: Design, y: Float64Array, yMean: number): Gram {
  const { X, n, p, weight, xMean } = design;
  const data = X.data;
  const pp = Math.ceil(p / 4) * 4;
  const gram = new Float64Array(pp * pp);
  const xty = new Float64Array(p);
  const buf = new Float64Array(pp * CHUNK);
  const r = new Float64Array(CHUNK);
  let yty = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    for (let b = 0; b < m; b++) {
      const i = start + b;
      const s = weight ? Math.sqrt(weight[i]) : 1;
      const at = i * p;
      for (let j = 0; j < p; j++) buf[j * CHUNK + b] = s * (data[at + j] - xMean[j]);
      r[b] = s * (y[i] - yMean);
      yty += r[b] * r[b];
    }
    for (let j = 0; j < p; j++) {
      let sum = 0;
      const cj = j * CHUNK;
      for (let b = 0; b < m; b++) sum += buf[cj + b] * r[b];
      xty[j] += sum;
    }
    chunkGram(buf, gram, pp, m);
  }
  const out = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      // Every entry on or above the diagonal was summed once per chunk (chunkGram's blocks).
      const v = gram[j * pp + k];
      out[j * p + k] = v;
      out[k * p + j] = v;
    }
  }
  return { gram: out, xty, yty };
}

/** gram[j][k] += Σ_b buf[j][b]·buf[k][b] for the upper blocks (j in pairs, k in fours from j). */
function chunkGram(buf: Float64Array, gram: Float64Array, pp: number, m: number): void {
  for (let j = 0; j < pp; j += 2) {
    const c0 = j * CHUNK, c1 = c0 + CHUNK;
    for (let k = j & ~3; k < pp; k += 4) {
      const d0 = k * CHUNK, d1 = d0 + CHUNK, d2 = d1 + CHUNK, d3 = d2 + CHUNK;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let b = 0; b < m; b++) {
        const a0 = buf[c0 + b], a1 = buf[c1 + b];
        const b0 = buf[d0 + b], b1 = buf[d1 + b], b2 = buf[d2 + b], b3 = buf[d3 + b];
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
      }
      const g0 = j * pp + k, g1 = g0 + pp;
      gram[g0] += s00; gram[g0 + 1] += s01; gram[g0 + 2] += s02; gram[g0 + 3] += s03;
      gram[g1] += s10; gram[g1 + 1] += s11; gram[g1 + 2] += s12; gram[g1 + 3] += s13;
    }
  }
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
