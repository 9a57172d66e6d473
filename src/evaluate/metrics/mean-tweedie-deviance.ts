// Mean Tweedie deviance with variance power p: 0 is the squared error, 1 Poisson, 2 Gamma, values
// in (1, 2) compound Poisson–Gamma (insurance claims: many zeros, positive amounts). Each power has
// its domain (scikit-learn's): a value outside it is an InvalidInput naming the row.

import { InvalidInput } from "../../core/index.js";
import { regressionPair } from "./regression-pair.js";

export interface TweedieOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** Variance power: ≤ 0 or ≥ 1 (default 0). */
  readonly power?: number;
}

export function meanTweedieDeviance(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: TweedieOptions = {}): number {
  return tweedie(yTrue, yPred, options.power ?? 0, options.sampleWeight, "meanTweedieDeviance");
}

export function meanPoissonDeviance(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: { sampleWeight?: ArrayLike<number> } = {}): number {
  return tweedie(yTrue, yPred, 1, options.sampleWeight, "meanPoissonDeviance");
}

export function meanGammaDeviance(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: { sampleWeight?: ArrayLike<number> } = {}): number {
  return tweedie(yTrue, yPred, 2, options.sampleWeight, "meanGammaDeviance");
}

function tweedie(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, power: number, sampleWeight: ArrayLike<number> | undefined, metric: string): number {
  if (typeof power !== "number" || !Number.isFinite(power) || (power > 0 && power < 1)) {
    throw new InvalidInput(`power must be ≤ 0 or ≥ 1: received ${String(power)} (${metric}): the Tweedie deviance is not defined between 0 and 1`);
  }
  const { yTrue: y, yPred: mu, weight } = regressionPair(yTrue, yPred, sampleWeight, metric);
  checkDomain(y, mu, power, metric);
  const p = power;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    sum += w * unitDeviance(y[i], mu[i], p);
    total += w;
  }
  return sum / total;
}

function unitDeviance(y: number, mu: number, p: number): number {
  if (p === 0) return (y - mu) ** 2;
  // y·log(y/μ) is 0 at y = 0 (the limit), as scipy's xlogy.
  if (p === 1) return 2 * ((y === 0 ? 0 : y * Math.log(y / mu)) - y + mu);
  if (p === 2) return 2 * (Math.log(mu / y) + y / mu - 1);
  const yPart = p < 0 ? Math.max(y, 0) : y;
  return 2 * (yPart ** (2 - p) / ((1 - p) * (2 - p)) - (y * mu ** (1 - p)) / (1 - p) + mu ** (2 - p) / (2 - p));
}

function checkDomain(y: Float64Array, mu: Float64Array, p: number, metric: string): void {
  const needsPositivePred = p !== 0;
  const needsNonNegativeTrue = p >= 1 && p < 2;
  const needsPositiveTrue = p >= 2;
  for (let i = 0; i < y.length; i++) {
    if (needsPositivePred && !(mu[i] > 0)) throw new InvalidInput(`yPred holds ${mu[i]} at row ${i} (${metric}): the deviance with power ${p} needs predictions > 0`, { where: `yPred row ${i}` });
    if (needsNonNegativeTrue && y[i] < 0) throw new InvalidInput(`yTrue holds ${y[i]} at row ${i} (${metric}): the deviance with power ${p} needs targets ≥ 0`, { where: `yTrue row ${i}` });
    if (needsPositiveTrue && !(y[i] > 0)) throw new InvalidInput(`yTrue holds ${y[i]} at row ${i} (${metric}): the deviance with power ${p} needs targets > 0`, { where: `yTrue row ${i}` });
  }
}
