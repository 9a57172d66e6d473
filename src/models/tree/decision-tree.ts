// DecisionTreeClassifier and DecisionTreeRegressor: configuration in, fitted model out. CART with
// exact splits, optional best-first growth (maxLeafNodes) and cost-complexity pruning (ccpAlpha).
// Missing values are refused at fit and predict (a clear InvalidInput), not routed.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { argmaxLabels, checkPredictMatrix, type ClassLabel } from "../inputs.js";
import { fitInputs, featureImportances, type FitInputs, type TreeFitOptions } from "./fit-inputs.js";
import { addPredictions, leafOf, type FlatTree } from "./flat-tree.js";
import { growTree, type Criterion, type GrowSettings } from "./grower.js";
import { TREE_CLASSIFIER_PARAMS, TREE_REGRESSOR_PARAMS, maxFeaturesOf, resolveTreeParams, type MaxFeatures } from "./params.js";
import { pruneTree, pruningPath, type PruningPath } from "./pruning.js";
import { checkFiniteRows } from "./training-set.js";

export type { TreeFitOptions };

type Given = Readonly<Record<string, unknown>>;
export type TreeClassifierParams = ReturnType<typeof resolveClassifierParams>;
export type TreeRegressorParams = ReturnType<typeof resolveRegressorParams>;

const resolveClassifierParams = (given: Given) => resolveTreeParams(TREE_CLASSIFIER_PARAMS, given, "DecisionTreeClassifier");
const resolveRegressorParams = (given: Given) => resolveTreeParams(TREE_REGRESSOR_PARAMS, given, "DecisionTreeRegressor");

/** What a fitted tree knows about its fit. */
export interface TreeInfo {
  /** Facts about the data worth knowing (constant columns, more features than rows). */
  readonly warnings: readonly string[];
}

/** The growth settings of a parameter set, for a dataset of nFeatures features. */
export function growSettingsOf(params: { criterion: string; maxDepth: number | null; minSamplesSplit: number; minSamplesLeaf: number; minImpurityDecrease: number; maxLeafNodes: number | null; maxFeatures: MaxFeatures; splitter: "best" | "random"; seed: number }, nClasses: number, nFeatures: number): GrowSettings {
  return {
    criterion: (params.criterion === "log_loss" ? "entropy" : params.criterion) as Criterion,
    nClasses,
    maxDepth: params.maxDepth ?? Number.MAX_SAFE_INTEGER,
    minSamplesSplit: params.minSamplesSplit,
    minSamplesLeaf: params.minSamplesLeaf,
    minImpurityDecrease: params.minImpurityDecrease,
    maxLeafNodes: params.maxLeafNodes,
    maxFeatures: maxFeaturesOf(params.maxFeatures, nFeatures),
    splitter: params.splitter,
    seed: params.seed,
  };
}

function fitTree(inputs: FitInputs, params: TreeClassifierParams | TreeRegressorParams): FlatTree {
  const nClasses = inputs.classes?.length ?? 0;
  const grown = growTree(inputs.set, inputs.y, inputs.weight, growSettingsOf(params, nClasses, inputs.set.nFeatures));
  return pruneTree(grown, params.ccpAlpha);
}

/** What both fitted trees share: the flat tree, feature names, importances, leaves, pruning path. */
abstract class TreeModel {
  readonly tree: FlatTree;
  readonly featureNames: readonly string[];
  readonly info: TreeInfo;

  protected constructor(tree: FlatTree, featureNames: readonly string[], info: TreeInfo) {
    this.tree = tree;
    this.featureNames = featureNames;
    this.info = info;
  }

  /** Mean impurity decrease per feature, in featureNames order, summing to 1 (all 0 for a single leaf). */
  get featureImportances(): Float64Array {
    return featureImportances(this.tree, this.featureNames.length);
  }

  get depth(): number {
    const depth = new Int32Array(this.tree.nNodes);
    let deepest = 0;
    for (let i = 0; i < this.tree.nNodes; i++) {
      if (this.tree.left[i] === -1) continue;
      depth[this.tree.left[i]] = depth[this.tree.right[i]] = depth[i] + 1;
      deepest = Math.max(deepest, depth[i] + 1);
    }
    return deepest;
  }

  get nLeaves(): number {
    let leaves = 0;
    for (let i = 0; i < this.tree.nNodes; i++) if (this.tree.left[i] === -1) leaves++;
    return leaves;
  }

  /** The leaf (node index) each row falls into. */
  apply(X: Matrix): Int32Array {
    this.checked(X);
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = leafOf(this.tree, X.data, i * X.cols);
    return out;
  }

  /** Cost-complexity pruning path of this tree: the alphas where it would lose a subtree. */
  pruningPath(): PruningPath {
    return pruningPath(this.tree);
  }

  protected outputs(X: Matrix): Float64Array {
    this.checked(X);
    const out = new Float64Array(X.rows * this.tree.nOutputs);
    addPredictions(this.tree, X.data, X.rows, X.cols, out);
    return out;
  }

  protected checked(X: Matrix): void {
    checkPredictMatrix(X, this.featureNames.length);
    checkFiniteRows(X, this.featureNames.length);
  }
}

export class DecisionTreeRegressor {
  readonly params: TreeRegressorParams;

  constructor(params: Partial<TreeRegressorParams> = {}) {
    this.params = resolveRegressorParams(params);
  }

  fit(X: Matrix, y: ArrayLike<number>, options: TreeFitOptions = {}): DecisionTreeRegressorModel {
    const inputs = fitInputs(X, y, options, "regression");
    return new DecisionTreeRegressorModel(fitTree(inputs, this.params), inputs.featureNames, { ...this.params }, { warnings: inputs.warnings });
  }

  /** The pruning path of the unpruned tree on (X, y): choose ccpAlpha from its alphas. */
  costComplexityPruningPath(X: Matrix, y: ArrayLike<number>, options: TreeFitOptions = {}): PruningPath {
    return new DecisionTreeRegressor({ ...this.params, ccpAlpha: 0 }).fit(X, y, options).pruningPath();
  }
}

export class DecisionTreeRegressorModel extends TreeModel {
  readonly params: TreeRegressorParams;

  constructor(tree: FlatTree, featureNames: readonly string[], params: TreeRegressorParams, info: TreeInfo) {
    super(tree, featureNames, info);
    this.params = params;
  }

  predict(X: Matrix): Float64Array {
    return this.outputs(X);
  }
}

export class DecisionTreeClassifier {
  readonly params: TreeClassifierParams;

  constructor(params: Partial<TreeClassifierParams> = {}) {
    this.params = resolveClassifierParams(params);
  }

  fit(X: Matrix, y: ArrayLike<ClassLabel | null>, options: TreeFitOptions = {}): DecisionTreeClassifierModel {
    const inputs = fitInputs(X, y, options, "classification");
    return new DecisionTreeClassifierModel(fitTree(inputs, this.params), inputs.featureNames, inputs.classes!, { ...this.params }, { warnings: inputs.warnings });
  }

  costComplexityPruningPath(X: Matrix, y: ArrayLike<ClassLabel | null>, options: TreeFitOptions = {}): PruningPath {
    return new DecisionTreeClassifier({ ...this.params, ccpAlpha: 0 }).fit(X, y, options).pruningPath();
  }
}

export class DecisionTreeClassifierModel extends TreeModel {
  readonly classes: readonly ClassLabel[];
  readonly params: TreeClassifierParams;

  constructor(tree: FlatTree, featureNames: readonly string[], classes: readonly ClassLabel[], params: TreeClassifierParams, info: TreeInfo) {
    super(tree, featureNames, info);
    if (tree.nOutputs !== classes.length) throw new InvalidInput(`The tree has ${tree.nOutputs} outputs for ${classes.length} classes`);
    this.classes = classes;
    this.params = params;
  }

  /** Class probabilities (the training weight share of each class in the leaf), rows × classes. */
  predictProba(X: Matrix): Matrix {
    return { data: this.outputs(X), rows: X.rows, cols: this.classes.length };
  }

  predict(X: Matrix): ClassLabel[] {
    return argmaxLabels(this.predictProba(X), this.classes);
  }
}

