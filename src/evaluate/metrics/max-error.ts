// Maximum residual error: the largest |y − ŷ|, the worst case a model makes on the data.

import { regressionPair } from "./regression-pair.js";

export function maxError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { yTrue: y, yPred: p } = regressionPair(yTrue, yPred, undefined, "maxError");
  let worst = 0;
  for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(y[i] - p[i]));
  return worst;
}
