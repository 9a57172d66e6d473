// Median absolute error. Unweighted: the median of |y − ŷ| (the mean of the two middle values for
// an even count). Weighted: scikit-learn's lower weighted median, the smallest error whose
// cumulative weight reaches half the total.

import type { RegressionOptions } from "./mean-squared-error.js";
import { regressionPair } from "./regression-pair.js";

export function medianAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionOptions = {}): number {
  const pair = regressionPair(yTrue, yPred, options.sampleWeight, "medianAbsoluteError");
  const n = pair.yTrue.length;
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) errors[i] = Math.abs(pair.yPred[i] - pair.yTrue[i]);
  if (pair.weight === null) {
    errors.sort();
    return n % 2 === 1 ? errors[(n - 1) / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
  }
  const weight = pair.weight;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => errors[a] - errors[b] || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  const half = total / 2;
  let cumulative = 0;
  for (let r = 0; r < n; r++) {
    cumulative += weight[order[r]];
    if (cumulative >= half) return errors[order[r]];
  }
  return errors[order[n - 1]];
}
