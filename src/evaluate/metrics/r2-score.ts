// Coefficient of determination R² = 1 − Σ w(y − ŷ)² / Σ w(y − ȳ)². With a constant target the ratio
// is undefined; `forceFinite` (default true, as scikit-learn) then gives 1 for a perfect
// prediction and 0 otherwise, rather than NaN or −∞.

import { InvalidInput } from "../../core/index.js";
import { regressionPair } from "./regression-pair.js";

export interface ScoreOptions {
  readonly sampleWeight?: ArrayLike<number>;
  readonly forceFinite?: boolean;
}

export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ScoreOptions = {}): number {
  const metric = "r2Score";
  const { yTrue: y, yPred: p, weight } = regressionPair(yTrue, yPred, options.sampleWeight, metric);
  if (y.length < 2) throw new InvalidInput(`R² is undefined with ${y.length} row (${metric}): score on at least two rows`);
  let mean = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    mean += w * y[i];
    total += w;
  }
  mean /= total;
  let residual = 0;
  let spread = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    residual += w * (y[i] - p[i]) ** 2;
    spread += w * (y[i] - mean) ** 2;
  }
  return explainedShare(residual, spread, options.forceFinite ?? true);
}

/** 1 − numerator / denominator, with scikit-learn's finite convention when either is 0. */
export function explainedShare(numerator: number, denominator: number, forceFinite: boolean): number {
  if (!forceFinite) return 1 - numerator / denominator;
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}
