// McNemar's test for two classifiers on one holdout: only the rows where exactly one of them is
// right carry information. b counts rows A gets right and B wrong, c the reverse; under the null
// hypothesis each discordant row is a fair coin. Small b + c: the exact binomial test; otherwise
// the chi-square statistic with Edwards' continuity correction, (|b − c| − 1)² / (b + c).

import { InvalidInput } from "../../core/index.js";
import { binomialCdf, chiSquareSf } from "../../core/index.js";

export interface McNemarOptions {
  /** true: exact binomial; false: chi-square; "auto" (default): exact when b + c < 25. */
  readonly exact?: boolean | "auto";
}

export interface McNemarResult {
  /** Rows model A classifies correctly and model B does not. */
  readonly b: number;
  /** Rows model B classifies correctly and model A does not. */
  readonly c: number;
  readonly method: "exact" | "chi-square";
  /** min(b, c) for the exact test; the corrected chi-square statistic otherwise. */
  readonly statistic: number;
  readonly pValue: number;
}

/** McNemar's test from the predictions of two models on the same rows. */
export function mcnemarTest(yTrue: ArrayLike<unknown>, predA: ArrayLike<unknown>, predB: ArrayLike<unknown>, options: McNemarOptions = {}): McNemarResult {
  const n = yTrue.length;
  if (predA.length !== n || predB.length !== n) throw new InvalidInput(`mcnemarTest: yTrue has ${n} rows but the predictions have ${predA.length} and ${predB.length}`);
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const rightA = predA[i] === yTrue[i];
    const rightB = predB[i] === yTrue[i];
    if (rightA && !rightB) b++;
    else if (rightB && !rightA) c++;
  }
  return mcnemarFromCounts(b, c, options);
}

/** McNemar's test from the discordant counts b and c. */
export function mcnemarFromCounts(b: number, c: number, options: McNemarOptions = {}): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new InvalidInput(`McNemar counts must be whole numbers ≥ 0: received b = ${b}, c = ${c}`);
  const n = b + c;
  const exact = options.exact === undefined || options.exact === "auto" ? n < 25 : options.exact;
  if (exact) {
    const statistic = Math.min(b, c);
    return { b, c, method: "exact", statistic, pValue: n === 0 ? 1 : Math.min(1, 2 * binomialCdf(statistic, n, 0.5)) };
  }
  const statistic = n === 0 ? 0 : (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, method: "chi-square", statistic, pValue: chiSquareSf(statistic, 1) };
}
