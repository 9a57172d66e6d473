// Explained variance: 1 − Var(y − ŷ) / Var(y), weighted. Unlike R² it ignores a constant bias in
// the predictions. Constant targets follow R²'s `forceFinite` convention.

import { regressionPair } from "./regression-pair.js";
import { type ScoreOptions, explainedShare } from "./r2-score.js";

export function explainedVarianceScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: ScoreOptions = {}): number {
  const { yTrue: y, yPred: p, weight } = regressionPair(yTrue, yPred, options.sampleWeight, "explainedVarianceScore");
  let meanDiff = 0;
  let meanTrue = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    meanDiff += w * (y[i] - p[i]);
    meanTrue += w * y[i];
    total += w;
  }
  meanDiff /= total;
  meanTrue /= total;
  let varDiff = 0;
  let varTrue = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    varDiff += w * (y[i] - p[i] - meanDiff) ** 2;
    varTrue += w * (y[i] - meanTrue) ** 2;
  }
  return explainedShare(varDiff / total, varTrue / total, options.forceFinite ?? true);
}
