// Logarithmic loss (cross-entropy) of predicted probabilities, as scikit-learn 1.2 computes it:
// each probability is clipped to [eps, 1 − eps] (eps = machine epsilon by default, so a confident
// wrong answer costs about 36 instead of ∞) and each row renormalised by its clipped sum.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { classProbabilities } from "./class-probabilities.js";
import type { ClassLabel } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";

export interface LogLossOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** The classes in the order of yProba's columns; by default yTrue's, sorted. */
  readonly classes?: readonly ClassLabel[];
  /** Clipping bound (default Number.EPSILON, scikit-learn 1.2's eps="auto" for float64). */
  readonly eps?: number;
  /** false: the (weighted) sum instead of the mean (default true). */
  readonly normalize?: boolean;
}

export function logLoss(yTrue: ArrayLike<ClassLabel>, yProba: ArrayLike<number> | Matrix, options: LogLossOptions = {}): number {
  const metric = "logLoss";
  const eps = options.eps ?? Number.EPSILON;
  if (typeof eps !== "number" || !(eps >= 0 && eps < 0.5)) throw new InvalidInput(`eps must be in [0, 0.5): received ${String(eps)} (${metric})`);
  const { codes, matrix, positive } = classProbabilities(yTrue, yProba, options.classes, metric);
  const weight = checkedSampleWeight(options.sampleWeight, codes.length, metric);
  const low = eps;
  const high = 1 - eps;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < codes.length; i++) {
    let p: number;
    let rowSum: number;
    if (positive !== null) {
      const q = Math.min(Math.max(positive[i], low), high);
      p = codes[i] === 1 ? q : 1 - q;
      rowSum = 1 - q + q;
    } else {
      const { data, cols } = matrix!;
      rowSum = 0;
      for (let k = 0, at = i * cols; k < cols; k++, at++) rowSum += Math.min(Math.max(data[at], low), high);
      p = Math.min(Math.max(data[i * cols + codes[i]], low), high);
    }
    const w = weight === null ? 1 : weight[i];
    sum -= w * Math.log(p / rowSum);
    total += w;
  }
  return options.normalize === false ? sum : sum / total;
}
