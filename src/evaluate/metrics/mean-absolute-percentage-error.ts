// Mean absolute percentage error, scikit-learn's definition: |y − ŷ| / max(|y|, ε) with ε the
// machine epsilon, as a fraction (0.1 is 10 %). A zero target therefore gives a huge but finite
// term rather than ∞: MAPE is a poor metric when targets can be 0.

import type { RegressionOptions } from "./mean-squared-error.js";
import { regressionPair } from "./regression-pair.js";

export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionOptions = {}): number {
  const pair = regressionPair(yTrue, yPred, options.sampleWeight, "meanAbsolutePercentageError");
  const { weight } = pair;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < pair.yTrue.length; i++) {
    const w = weight === null ? 1 : weight[i];
    const y = pair.yTrue[i];
    sum += (w * Math.abs(pair.yPred[i] - y)) / Math.max(Math.abs(y), Number.EPSILON);
    total += w;
  }
  return sum / total;
}
