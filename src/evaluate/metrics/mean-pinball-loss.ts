// Pinball (quantile) loss at level alpha: alpha·(y − ŷ) when under-predicting, (1 − alpha)·(ŷ − y)
// when over-predicting. Minimised by the alpha-quantile; alpha = 0.5 gives half the MAE.

import { InvalidInput } from "../../core/index.js";
import { regressionPair } from "./regression-pair.js";

export interface PinballOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** The quantile level in [0, 1] (default 0.5). */
  readonly alpha?: number;
}

export function meanPinballLoss(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: PinballOptions = {}): number {
  const metric = "meanPinballLoss";
  const alpha = options.alpha ?? 0.5;
  if (typeof alpha !== "number" || !(alpha >= 0 && alpha <= 1)) throw new InvalidInput(`alpha must be in [0, 1]: received ${String(alpha)} (${metric})`);
  const { yTrue: y, yPred: p, weight } = regressionPair(yTrue, yPred, options.sampleWeight, metric);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const w = weight === null ? 1 : weight[i];
    const d = y[i] - p[i];
    sum += w * (d >= 0 ? alpha * d : (alpha - 1) * d);
    total += w;
  }
  return sum / total;
}
