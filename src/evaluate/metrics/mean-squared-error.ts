// Mean squared error and its square root, the (weighted) mean of (y − ŷ)².

import { regressionPair } from "./regression-pair.js";

export interface RegressionOptions {
  readonly sampleWeight?: ArrayLike<number>;
}

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionOptions = {}): number {
  return squaredError(yTrue, yPred, options, "meanSquaredError");
}

export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionOptions = {}): number {
  return Math.sqrt(squaredError(yTrue, yPred, options, "rootMeanSquaredError"));
}

function squaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, options: RegressionOptions, metric: string): number {
  const pair = regressionPair(yTrue, yPred, options.sampleWeight, metric);
  const { weight } = pair;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < pair.yTrue.length; i++) {
    const w = weight === null ? 1 : weight[i];
    const d = pair.yTrue[i] - pair.yPred[i];
    sum += w * d * d;
    total += w;
  }
  return sum / total;
}
