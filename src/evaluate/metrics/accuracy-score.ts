// Accuracy: the (weighted) share of rows whose predicted label equals the true label.

import { labelPair } from "./label-pair.js";
import type { ClassLabel } from "./class-labels.js";

export interface AccuracyOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** false: the (weighted) count of correct rows instead of their share (default true). */
  readonly normalize?: boolean;
}

export function accuracyScore(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: AccuracyOptions = {}): number {
  const { trueCodes, predCodes, weight } = labelPair(yTrue, yPred, { sampleWeight: options.sampleWeight }, "accuracyScore");
  let correct = 0;
  let total = 0;
  for (let i = 0; i < trueCodes.length; i++) {
    const w = weight === null ? 1 : weight[i];
    if (trueCodes[i] === predCodes[i]) correct += w;
    total += w;
  }
  return options.normalize === false ? correct : correct / total;
}
