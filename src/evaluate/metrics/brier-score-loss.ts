// Brier score of a binary classifier: the (weighted) mean squared difference between the predicted
// probability of the positive class and the outcome (1 positive, 0 not).

import { InvalidInput, type Matrix } from "../../core/index.js";
import { type ClassLabel, checkedLabelList, describeLabels, positiveLabel, sortedLabels } from "./class-labels.js";
import { checkedSampleWeight } from "./sample-weight.js";
import { checkLengths, checkedScores, column, isMatrix } from "./score-inputs.js";

export interface BrierOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** The positive class; by default the larger of the two labels (or classes[1] with a matrix). */
  readonly posLabel?: ClassLabel;
  /** With a two-column matrix: the classes in column order; by default yTrue's, sorted. */
  readonly classes?: readonly ClassLabel[];
}

export function brierScoreLoss(yTrue: ArrayLike<ClassLabel>, yProba: ArrayLike<number> | Matrix, options: BrierOptions = {}): number {
  const metric = "brierScoreLoss";
  const n = checkLengths(yTrue, isMatrix(yProba) ? { length: yProba.rows } : yProba, "yProba", metric);
  const present = sortedLabels([{ y: yTrue, name: "yTrue" }], metric);
  let positive: ClassLabel;
  let probability: ArrayLike<number>;
  if (isMatrix(yProba)) {
    const classes = options.classes === undefined ? present : checkedLabelList(options.classes, "classes", metric);
    if (yProba.cols !== 2 || classes.length !== 2) {
      throw new InvalidInput(`The Brier score here is binary: yProba has ${yProba.cols} columns for classes ${describeLabels(classes)} (${metric})`, { hint: "pass two columns and the two classes in their order" });
    }
    positive = options.posLabel ?? classes[1];
    const k = classes.indexOf(positive);
    if (k < 0) throw new InvalidInput(`posLabel ${JSON.stringify(positive)} is not one of the classes ${describeLabels(classes)} (${metric})`);
    probability = column(yProba, k);
  } else {
    if (present.length > 2) throw new InvalidInput(`The Brier score here is binary but yTrue holds ${present.length} classes ${describeLabels(present)} (${metric})`);
    positive = positiveLabel(present, options.posLabel, metric);
    probability = yProba;
  }
  const p = checkedScores(probability, n, { name: "yProba", metric, probability: true });
  const weight = checkedSampleWeight(options.sampleWeight, n, metric);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight === null ? 1 : weight[i];
    const d = (yTrue[i] === positive ? 1 : 0) - p[i];
    sum += w * d * d;
    total += w;
  }
  return sum / total;
}
