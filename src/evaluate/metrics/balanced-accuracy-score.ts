// Balanced accuracy: the mean recall over the classes present in yTrue, so a rare class counts as
// much as a common one; `adjusted` rescales it so chance is 0 and perfect is 1.

import type { ClassLabel } from "./class-labels.js";
import { confusionCounts, labelPair } from "./label-pair.js";

export interface BalancedAccuracyOptions {
  readonly sampleWeight?: ArrayLike<number>;
  readonly adjusted?: boolean;
}

export function balancedAccuracyScore(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: BalancedAccuracyOptions = {}): number {
  const pair = labelPair(yTrue, yPred, { sampleWeight: options.sampleWeight }, "balancedAccuracyScore");
  const K = pair.labels.length;
  const counts = confusionCounts(pair);
  let sum = 0;
  let nClasses = 0;
  for (let t = 0; t < K; t++) {
    let rowTotal = 0;
    for (let p = 0; p < K; p++) rowTotal += counts[t * K + p];
    // A label only ever predicted (or of zero weight) has no recall; scikit-learn leaves it out.
    if (rowTotal === 0) continue;
    sum += counts[t * K + t] / rowTotal;
    nClasses++;
  }
  const score = sum / nClasses;
  if (!options.adjusted) return score;
  const chance = 1 / nClasses;
  return (score - chance) / (1 - chance);
}
