// Fitted forests: the trees as flat arrays, averaged at prediction (class probabilities for a
// classifier, as scikit-learn does, values for a regressor), their importances, and what the
// out-of-bag rows say when the forest was grown with oobScore.

import type { Matrix } from "../../core/index.js";
import { checkPredictMatrix, type ClassLabel } from "../inputs.js";
import { addPredictions, checkFiniteRows, featureImportances, type FlatTree } from "../tree/index.js";
import { argmaxLabels } from "../inputs.js";

export interface ForestInfo {
  /** Facts about the data or the fit (constant columns, rows never out of bag). */
  readonly warnings: readonly string[];
  /**
   * Out-of-bag predictions, one row per training row: class probabilities (rows × classes,
   * row-major) or values; NaN for a row every tree saw. Null without oobScore.
   */
  readonly oobPrediction: Float64Array | null;
  /** Accuracy (classifier) or R² (regressor) of the out-of-bag predictions; null without oobScore. */
  readonly oobScore: number | null;
}

export abstract class ForestModel {
  readonly trees: readonly FlatTree[];
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: ForestInfo;

  constructor(trees: readonly FlatTree[], featureNames: readonly string[], params: Readonly<Record<string, unknown>>, info: ForestInfo) {
    this.trees = trees;
    this.featureNames = featureNames;
    this.params = params;
    this.info = info;
  }

  get oobScore(): number | null {
    return this.info.oobScore;
  }

  /**
   * Mean impurity decrease: each tree's importances (normalised) averaged over the trees that
   * split at all, normalised again to sum to 1 (scikit-learn's feature_importances_).
   */
  get featureImportances(): Float64Array {
    const p = this.featureNames.length;
    const out = new Float64Array(p);
    for (const tree of this.trees) {
      if (tree.nNodes <= 1) continue;
      const importance = featureImportances(tree, p);
      for (let f = 0; f < p; f++) out[f] += importance[f];
    }
    let total = 0;
    for (let f = 0; f < p; f++) total += out[f];
    if (total > 0) for (let f = 0; f < p; f++) out[f] /= total;
    return out;
  }

  /** The trees' outputs averaged: rows × nOutputs, row-major. */
  protected averaged(X: Matrix): Float64Array {
    const p = this.featureNames.length;
    checkPredictMatrix(X, p);
    checkFiniteRows(X, p);
    const K = this.trees[0].nOutputs;
    const out = new Float64Array(X.rows * K);
    const scale = 1 / this.trees.length;
    for (const tree of this.trees) addPredictions(tree, X.data, X.rows, X.cols, out, scale);
    return out;
  }
}

export class ForestRegressorModel extends ForestModel {
  predict(X: Matrix): Float64Array {
    return this.averaged(X);
  }
}

export class ForestClassifierModel extends ForestModel {
  readonly classes: readonly ClassLabel[];

  constructor(trees: readonly FlatTree[], featureNames: readonly string[], classes: readonly ClassLabel[], params: Readonly<Record<string, unknown>>, info: ForestInfo) {
    super(trees, featureNames, params, info);
    this.classes = classes;
  }

  /** Mean of the trees' class probabilities, rows × classes. */
  predictProba(X: Matrix): Matrix {
    return { data: this.averaged(X), rows: X.rows, cols: this.classes.length };
  }

  predict(X: Matrix): ClassLabel[] {
    return argmaxLabels(this.predictProba(X), this.classes);
  }
}
