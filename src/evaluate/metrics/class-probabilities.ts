// Predicted probabilities as classification metrics take them: a rows × classes Matrix whose
// columns follow `classes` (a model's predictProba and classes), or a Float64Array holding the
// probability of the second class of two. Resolves the class order and codes yTrue into it.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { type ClassLabel, checkedLabelList, describeLabels, labelCodes, sortedLabels } from "./class-labels.js";
import { checkLengths, checkedProbabilities, checkedScores, isMatrix } from "./score-inputs.js";

export interface ClassProbabilities {
  readonly classes: ClassLabel[];
  /** yTrue as indices into classes. */
  readonly codes: Int32Array;
  /** Rows × classes, checked (Matrix input). */
  readonly matrix: Matrix | null;
  /** Probability of classes[1], checked (Float64Array input). */
  readonly positive: Float64Array | null;
}

export function classProbabilities(yTrue: ArrayLike<ClassLabel>, yProba: ArrayLike<number> | Matrix, classes: readonly ClassLabel[] | undefined, metric: string): ClassProbabilities {
  const n = checkLengths(yTrue, isMatrix(yProba) ? { length: yProba.rows } : yProba, "yProba", metric);
  const resolved = classes === undefined ? sortedLabels([{ y: yTrue, name: "yTrue" }], metric) : checkedLabelList(classes, "classes", metric);
  const nClasses = isMatrix(yProba) ? yProba.cols : 2;
  if (resolved.length !== nClasses) {
    throw new InvalidInput(
      `yTrue holds ${resolved.length} class${resolved.length === 1 ? "" : "es"} ${describeLabels(resolved)} but yProba has ${nClasses === 2 && !isMatrix(yProba) ? "one probability per row (two classes)" : `${nClasses} columns`} (${metric})`,
      { hint: "pass every class in `classes`, in the order of the probability columns (a model's `classes`)" },
    );
  }
  const codes = labelCodes(yTrue, resolved, { name: "yTrue", metric, missing: null });
  if (isMatrix(yProba)) return { classes: resolved, codes, matrix: checkedProbabilities(yProba, n, { name: "yProba", metric, nClasses }), positive: null };
  return { classes: resolved, codes, matrix: null, positive: checkedScores(yProba, n, { name: "yProba", metric, probability: true }) };
}
