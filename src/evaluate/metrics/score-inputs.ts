// Checks of what metrics score: lengths that agree, no empty input, finite scores, probabilities in
// [0, 1] whose rows sum to 1. Each error names the argument, the row (and column) and the metric.

import { InvalidInput, type Matrix } from "../../core/index.js";

/**
 * How far a row of probabilities may sum from 1: numpy.allclose's default (|s − 1| ≤ 1e-8 + 1e-5),
 * the check scikit-learn's multiclass roc_auc_score makes.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-8 + 1e-5;

export function checkLengths(yTrue: ArrayLike<unknown>, other: { length: number }, otherName: string, metric: string): number {
  if (!yTrue || typeof yTrue.length !== "number") throw new InvalidInput(`yTrue must be an array (${metric})`);
  if (!other || typeof other.length !== "number") throw new InvalidInput(`${otherName} must be an array (${metric})`);
  if (other.length !== yTrue.length) {
    throw new InvalidInput(`${otherName} has ${other.length} values but yTrue has ${yTrue.length} (${metric}): they must describe the same rows`);
  }
  if (yTrue.length === 0) throw new InvalidInput(`yTrue is empty (${metric}): a metric needs at least one row`);
  return yTrue.length;
}

export function isMatrix(value: unknown): value is Matrix {
  return typeof value === "object" && value !== null && "data" in value && "rows" in value && "cols" in value;
}

/** Real-valued scores (decision values or probabilities) as a Float64Array, every one finite. */
export function checkedScores(scores: ArrayLike<number>, n: number, options: { name: string; metric: string; probability: boolean }): Float64Array {
  const { name, metric } = options;
  if (!scores || typeof scores.length !== "number") throw new InvalidInput(`${name} must be a Float64Array of scores (${metric})`);
  if (scores.length !== n) throw new InvalidInput(`${name} has ${scores.length} values but yTrue has ${n} (${metric}): they must describe the same rows`);
  const out = scores instanceof Float64Array ? scores : Float64Array.from(scores);
  for (let i = 0; i < n; i++) {
    const s = out[i];
    if (!Number.isFinite(s)) throw new InvalidInput(`${name} holds ${s} at row ${i} (${metric}): scores must be finite numbers`, { where: `${name} row ${i}` });
    if (options.probability && (s < 0 || s > 1)) {
      throw new InvalidInput(`${name} holds ${s} at row ${i} (${metric}): probabilities must lie in [0, 1]`, { where: `${name} row ${i}` });
    }
  }
  return out;
}

/**
 * A rows × classes matrix of probabilities: n rows, `nClasses` columns, each value in [0, 1], each
 * row summing to 1 within PROBABILITY_SUM_TOLERANCE.
 */
export function checkedProbabilities(proba: Matrix, n: number, options: { name: string; metric: string; nClasses: number }): Matrix {
  const { name, metric, nClasses } = options;
  const { data, rows, cols } = proba;
  if (!(data instanceof Float64Array || data instanceof Float32Array) || data.length !== rows * cols) {
    throw new InvalidInput(`${name} must be a matrix { data: Float64Array, rows, cols } whose data holds rows × cols values (${metric})`);
  }
  if (rows !== n) throw new InvalidInput(`${name} has ${rows} rows but yTrue has ${n} (${metric}): they must describe the same rows`);
  if (cols !== nClasses) {
    throw new InvalidInput(`${name} has ${cols} columns but there are ${nClasses} classes (${metric})`, { hint: "pass `classes` in the order of the probability columns (a model's `classes`)" });
  }
  for (let i = 0, at = 0; i < rows; i++) {
    let sum = 0;
    for (let k = 0; k < cols; k++, at++) {
      const p = data[at];
      if (!(p >= 0 && p <= 1)) {
        throw new InvalidInput(`${name} holds ${p} at row ${i}, column ${k} (${metric}): probabilities must lie in [0, 1]`, { where: `${name} row ${i}, column ${k}` });
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
      throw new InvalidInput(`${name} row ${i} sums to ${sum}, not 1 (${metric}): each row must hold one probability per class`, {
        where: `${name} row ${i}`,
        hint: "pass predictProba's output, or normalise each row",
      });
    }
  }
  return proba;
}

/** A rows × classes matrix of scores of any sign (decision values, probabilities): shape and finiteness. */
export function checkedScoreMatrix(scores: Matrix, n: number, options: { name: string; metric: string; nClasses: number }): Matrix {
  const { name, metric, nClasses } = options;
  const { data, rows, cols } = scores;
  if (!(data instanceof Float64Array || data instanceof Float32Array) || data.length !== rows * cols) {
    throw new InvalidInput(`${name} must be a matrix { data: Float64Array, rows, cols } whose data holds rows × cols values (${metric})`);
  }
  if (rows !== n) throw new InvalidInput(`${name} has ${rows} rows but yTrue has ${n} (${metric}): they must describe the same rows`);
  if (cols !== nClasses) {
    throw new InvalidInput(`${name} has ${cols} columns but there are ${nClasses} classes (${metric})`, { hint: "pass every class in `classes`, in the order of the score columns" });
  }
  for (let j = 0; j < data.length; j++) {
    if (!Number.isFinite(data[j])) {
      const row = Math.floor(j / cols);
      throw new InvalidInput(`${name} holds ${data[j]} at row ${row}, column ${j % cols} (${metric}): scores must be finite numbers`, { where: `${name} row ${row}, column ${j % cols}` });
    }
  }
  return scores;
}

/** One column of a row-major matrix as its own array, so a sort can read it contiguously. */
export function column(m: Matrix, k: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0, at = k; i < m.rows; i++, at += m.cols) out[i] = m.data[at];
  return out;
}
