// Mean absolute error: the (weighted) mean of |y − ŷ|.

import type { RegressionOptions } from "./mean-squared-error.js";
import { regressionPair } from "./regression-pair.js";

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionOptions = {}): number {
  const pair = regressionPair(yTrue, yPred, options.sampleWeight, "meanAbsoluteError");
  const { weight } = pair;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < pair.yTrue.length; i++) {
    const w = weight === null ? 1 : weight[i];
    sum += w * Math.abs(pair.yTrue[i] - pair.yPred[i]);
    total += w;
  }
  return sum / total;
}
