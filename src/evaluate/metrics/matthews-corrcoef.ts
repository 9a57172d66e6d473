// Matthews correlation coefficient from the confusion matrix, in its multiclass form (Gorodkin's
// R_K), which for two classes is the familiar (tp·tn − fp·fn) / √(…). 0 when undefined, as
// scikit-learn returns: a constant prediction or a single true class carries no correlation.

import type { ClassLabel } from "./class-labels.js";
import { confusionCounts, labelPair } from "./label-pair.js";

export interface MatthewsOptions {
  readonly sampleWeight?: ArrayLike<number>;
}

export function matthewsCorrcoef(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: MatthewsOptions = {}): number {
  const pair = labelPair(yTrue, yPred, { sampleWeight: options.sampleWeight }, "matthewsCorrcoef");
  const K = pair.labels.length;
  const counts = confusionCounts(pair);
  const trueSum = new Float64Array(K);
  const predSum = new Float64Array(K);
  let correct = 0;
  let total = 0;
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const c = counts[t * K + p];
      trueSum[t] += c;
      predSum[p] += c;
      total += c;
    }
    correct += counts[t * K + t];
  }
  let truePred = 0;
  let predPred = 0;
  let trueTrue = 0;
  for (let k = 0; k < K; k++) {
    truePred += trueSum[k] * predSum[k];
    predPred += predSum[k] * predSum[k];
    trueTrue += trueSum[k] * trueSum[k];
  }
  const covTruePred = correct * total - truePred;
  const covPredPred = total * total - predPred;
  const covTrueTrue = total * total - trueTrue;
  if (covPredPred * covTrueTrue === 0) return 0;
  return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
}
