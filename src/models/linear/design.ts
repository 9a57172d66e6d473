// What every linear model does to X before solving: copy it into the linear-algebra workspace
// (models/linalg), refuse NaN and infinite values (naming the row and column), take weighted column
// means to centre on (so the intercept is not penalised, as in scikit-learn), and accumulate the
// centred, weighted Gram matrix XᵀWX and XᵀWy in one pass (WebAssembly SIMD, threads for large X).

import { InvalidInput, type Matrix } from "../../core/index.js";
import { checkedMatrix, weightsOf } from "../inputs.js";
import { gramProducts, LinalgWorkspace, threadsOf, type GramProducts } from "../linalg/index.js";

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
  /** The workspace holding X for the kernels; the fit releases it when done. */
  readonly ws: LinalgWorkspace;
  /** Offsets in ws: X (float64, row-major), the weights and their square roots (0 without weights), the means. */
  readonly at: { readonly x: number; readonly w: number; readonly sw: number; readonly mean: number };
}

/** Checks X (finite everywhere) and takes the column means the fit centres on. */
export function designOf(X: Matrix, options: { fitIntercept: boolean; featureNames?: readonly string[]; sampleWeight?: ArrayLike<number>; nThreads?: number | null }): Design {
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
  const ws = LinalgWorkspace.acquire(threadsOf(options.nThreads), 8 * (n * p + 3 * n + 4 * p));
  const x = ws.put(data);
  const w = weight ? ws.put(weight) : 0;
  const sw = weight ? ws.put(weight.map(Math.sqrt)) : 0;
  const sumsAt = ws.alloc(8 * Math.max(1, p));
  ws.kernels.columnSums(x, n, p, w, sumsAt);
  const sums = ws.f64(sumsAt, p);
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(sums[j])) {
      ws.release();
      throw nonFinite(X, j, featureNames);
    }
  }
  const xMean = new Float64Array(p);
  if (options.fitIntercept) for (let j = 0; j < p; j++) xMean[j] = sums[j] / weightSum;
  const mean = ws.put(xMean);
  return { X, n, p, weight, weightSum, xMean, featureNames, ws, at: { x, w, sw, mean } };
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

export type Gram = GramProducts;

/** The centred weighted Gram matrix XᵀWX, with XᵀWy and yᵀWy, in one pass over X (linalg/gram.ts). */
export function gramOf(design: Design, y: Float64Array, yMean: number): Gram {
  const { ws, n, p, at } = design;
  return gramProducts(ws, { x: at.x, n, p, mean: at.mean, sw: at.sw, y: ws.put(y), yMean });
}

/** Σ wᵢ(yᵢ − xᵢβ − b)², by the workspace's kernel. */
export function weightedRss(design: Design, y: Float64Array, coef: Float64Array, intercept: number): number {
  const { ws, n, p, at } = design;
  return ws.kernels.weightedRss(at.x, n, p, ws.put(coef), intercept, ws.put(y), at.w, ws.alloc(8 * 256));
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
