// What tree and forest estimators check and prepare before growing: the sorted training set,
// the target (class codes or values), weights, feature names, and warnings about the data that
// are facts, not errors (constant columns, more features than rows).

import { InvalidInput, type Matrix } from "../../core/index.js";
import { encodeLabels, numericTarget, weightsOf, type ClassLabel } from "../inputs.js";
import { trainingSet, type TrainingSet } from "./training-set.js";

export interface TreeFitOptions {
  readonly sampleWeight?: ArrayLike<number>;
  /** One name per column (default f0, f1, …). */
  readonly featureNames?: readonly string[];
}

export interface FitInputs {
  readonly set: TrainingSet;
  readonly y: Float64Array;
  readonly weight: Float64Array;
  readonly classes: ClassLabel[] | null;
  readonly featureNames: string[];
  readonly warnings: string[];
}

export function fitInputs(X: Matrix, y: ArrayLike<unknown>, options: TreeFitOptions, task: "classification" | "regression", shared = false): FitInputs {
  if (!X || typeof X !== "object" || !("data" in X)) throw new InvalidInput("X must be a matrix { data: Float64Array | Float32Array, rows, cols }");
  if (X.data.length !== X.rows * X.cols) throw new InvalidInput(`Matrix data has ${X.data.length} values but its shape ${X.rows} × ${X.cols} needs ${X.rows * X.cols}`);
  const n = X.rows;
  let target: Float64Array;
  let classes: ClassLabel[] | null = null;
  if (task === "classification") {
    const encoded = encodeLabels(y, n);
    target = encoded.codes;
    classes = encoded.classes;
  } else {
    target = numericTarget(y as ArrayLike<number>, n, "y");
  }
  const given = weightsOf(options.sampleWeight, n);
  const set = trainingSet(X, { shared });
  const weight = shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
  if (given) weight.set(given);
  else weight.fill(1);
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i];
  if (!(total > 0)) throw new InvalidInput("sampleWeight sums to 0: at least one row needs a positive weight");
  const featureNames = options.featureNames ? [...options.featureNames] : Array.from({ length: X.cols }, (_, j) => `f${j}`);
  if (featureNames.length !== X.cols) throw new InvalidInput(`featureNames has ${featureNames.length} names for ${X.cols} columns`);
  return { set, y: target, weight, classes, featureNames, warnings: warningsOf(set, featureNames) };
}

function warningsOf(set: TrainingSet, names: readonly string[]): string[] {
  const { nRows: n, nFeatures: p, distinctStart } = set;
  const constant: string[] = [];
  for (let f = 0; f < p; f++) if (distinctStart[f + 1] - distinctStart[f] === 1) constant.push(names[f]);
  const warnings: string[] = [];
  if (constant.length > 0) warnings.push(`Constant column${constant.length > 1 ? "s" : ""} ${constant.map((c) => `"${c}"`).join(", ")}: never split on, importance 0`);
  if (p > n) warnings.push(`More features (${p}) than rows (${n}): the tree can fit the training rows exactly; prefer limits (maxDepth, minSamplesLeaf) or a forest`);
  return warnings;
}

/** Mean impurity decrease per feature (weight × impurity, minus the children's), summing to 1. */
export function featureImportances(tree: { nNodes: number; feature: Int32Array; left: Int32Array; right: Int32Array; impurity: Float64Array; weightedNNodeSamples: Float64Array }, nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures);
  const { feature, left, right, impurity, weightedNNodeSamples: w } = tree;
  for (let i = 0; i < tree.nNodes; i++) {
    if (left[i] === -1) continue;
    out[feature[i]] += w[i] * impurity[i] - w[left[i]] * impurity[left[i]] - w[right[i]] * impurity[right[i]];
  }
  let total = 0;
  for (let f = 0; f < nFeatures; f++) total += out[f];
  if (total > 0) for (let f = 0; f < nFeatures; f++) out[f] /= total;
  return out;
}
