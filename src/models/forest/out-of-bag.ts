// Out-of-bag estimates (Breiman 2001): each training row is predicted by the trees whose bootstrap
// sample missed it, which is an honest validation score at no extra cost. The bootstrap counts
// are drawn again from each tree's seed rather than kept from training.

import { addPredictions, type FlatTree, type TrainingSet } from "../tree/index.js";
import { bootstrapCounts } from "./bootstrap.js";

export interface OutOfBag {
  readonly prediction: Float64Array;
  readonly score: number;
  readonly warnings: string[];
}

export function outOfBag(trees: readonly FlatTree[], seeds: Uint32Array, nDraws: number, set: TrainingSet, y: Float64Array, nClasses: number): OutOfBag {
  const { nRows: n, nFeatures: p, columns } = set;
  const K = Math.max(1, nClasses);
  const rowMajor = new Float64Array(n * p);
  for (let f = 0; f < p; f++) for (let i = 0; i < n; i++) rowMajor[i * p + f] = columns[f * n + i];
  const sum = new Float64Array(n * K);
  const votes = new Int32Array(n);
  const one = new Float64Array(K);
  trees.forEach((tree, t) => {
    const counts = bootstrapCounts(seeds[t], n, nDraws);
    for (let i = 0; i < n; i++) {
      if (counts[i] > 0) continue;
      one.fill(0);
      addPredictions(tree, rowMajor.subarray(i * p, i * p + p), 1, p, one);
      for (let k = 0; k < K; k++) sum[i * K + k] += one[k];
      votes[i]++;
    }
  });
  let missed = 0;
  for (let i = 0; i < n; i++) {
    if (votes[i] === 0) missed++;
    for (let k = 0; k < K; k++) sum[i * K + k] = votes[i] === 0 ? NaN : sum[i * K + k] / votes[i];
  }
  const warnings = missed > 0 ? [`${missed} of ${n} rows were in every tree's bootstrap sample: they have no out-of-bag prediction (NaN) and are left out of oobScore; grow more trees`] : [];
  return { prediction: sum, score: nClasses > 0 ? accuracy(sum, y, K) : rSquared(sum, y), warnings };
}

function accuracy(proba: Float64Array, y: Float64Array, K: number): number {
  let right = 0;
  let counted = 0;
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(proba[i * K])) continue;
    let best = 0;
    for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
    counted++;
    if (best === y[i]) right++;
  }
  return counted === 0 ? NaN : right / counted;
}

function rSquared(prediction: Float64Array, y: Float64Array): number {
  let mean = 0;
  let counted = 0;
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(prediction[i])) continue;
    mean += y[i];
    counted++;
  }
  mean /= counted;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    if (Number.isNaN(prediction[i])) continue;
    residual += (y[i] - prediction[i]) ** 2;
    total += (y[i] - mean) ** 2;
  }
  return counted === 0 ? NaN : 1 - residual / total;
}
