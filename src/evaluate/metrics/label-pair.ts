// True and predicted labels of a label metric, checked together and coded over one label list:
// by default every label seen in either array, sorted; or the caller's `labels`, in the caller's
// order, rows whose labels are not listed getting code −1 (left out of the counts).

import { type ClassLabel, checkedLabelList, labelCodes, sortedLabels } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths } from "./score-inputs.js";

export interface LabelPair {
  readonly labels: ClassLabel[];
  /** The distinct labels present in yTrue or yPred, sorted. */
  readonly present: ClassLabel[];
  readonly trueCodes: Int32Array;
  readonly predCodes: Int32Array;
  readonly weight: Float64Array | null;
}

export interface LabelPairOptions {
  readonly labels?: readonly ClassLabel[];
  readonly sampleWeight?: ArrayLike<number>;
}

export function labelPair(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: LabelPairOptions, metric: string): LabelPair {
  const n = checkLengths(yTrue, yPred, "yPred", metric);
  const weight = checkedSampleWeight(options.sampleWeight, n, metric);
  const present = sortedLabels([{ y: yTrue, name: "yTrue" }, { y: yPred, name: "yPred" }], metric);
  const labels = options.labels === undefined ? present : checkedLabelList(options.labels, "labels", metric);
  const missing = options.labels === undefined ? null : -1;
  return {
    labels,
    present,
    trueCodes: labelCodes(yTrue, labels, { name: "yTrue", metric, missing }),
    predCodes: labelCodes(yPred, labels, { name: "yPred", metric, missing }),
    weight,
  };
}

/** Weighted counts, K × K row-major: row = true label, column = predicted; code −1 rows skipped. */
export function confusionCounts(pair: LabelPair): Float64Array {
  const { trueCodes, predCodes, weight } = pair;
  const K = pair.labels.length;
  const counts = new Float64Array(K * K);
  for (let i = 0; i < trueCodes.length; i++) {
    const t = trueCodes[i];
    const p = predCodes[i];
    if (t < 0 || p < 0) continue;
    counts[t * K + p] += weight === null ? 1 : weight[i];
  }
  return counts;
}
