// A fitted tree as flat typed arrays, one entry per node, apart from the structures that grew it
// (DESIGN.md §4). Prediction walks feature/threshold/left/right and reads `value`; the rest
// (impurity, sample counts) serves pruning, importances and explanation.

/** Node arrays; a leaf has feature -1 and children -1. value holds nOutputs numbers per node. */
export interface FlatTree {
  readonly nNodes: number;
  /** Classes for a classifier (value = class probabilities), 1 for a regressor (value = mean). */
  readonly nOutputs: number;
  readonly feature: Int32Array;
  /** Rows with x ≤ threshold go left. */
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly impurity: Float64Array;
  /** Distinct training rows that reached the node. */
  readonly nNodeSamples: Int32Array;
  /** Their total weight (sample weight × bootstrap count). */
  readonly weightedNNodeSamples: Float64Array;
}

/** The arrays of a FlatTree, in the order a model document stores them. */
export const FLAT_TREE_LAYOUT = [
  ["feature", "int32"],
  ["threshold", "float64"],
  ["left", "int32"],
  ["right", "int32"],
  ["impurity", "float64"],
  ["nNodeSamples", "int32"],
  ["weightedNNodeSamples", "float64"],
] as const;

/** The leaf a row of row-major `data` (starting at `offset`) falls into. */
export function leafOf(tree: FlatTree, data: ArrayLike<number>, offset: number): number {
  const { feature, threshold, left, right } = tree;
  let node = 0;
  while (left[node] !== -1) node = data[offset + feature[node]] <= threshold[node] ? left[node] : right[node];
  return node;
}

/** Adds `scale` × the tree's output for each of `rows` rows to `out` (rows × nOutputs, row-major). */
export function addPredictions(tree: FlatTree, data: ArrayLike<number>, rows: number, cols: number, out: Float64Array, scale = 1): void {
  const K = tree.nOutputs;
  const { value } = tree;
  for (let i = 0; i < rows; i++) {
    const at = leafOf(tree, data, i * cols) * K;
    for (let k = 0; k < K; k++) out[i * K + k] += scale * value[at + k];
  }
}

/** Growable node arrays, doubled when full; `finish` trims them into a FlatTree. */
export class TreeBuffer {
  nNodes = 0;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;

  constructor(readonly nOutputs: number, capacity = 64) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity * nOutputs);
    this.impurity = new Float64Array(capacity);
    this.nNodeSamples = new Int32Array(capacity);
    this.weightedNNodeSamples = new Float64Array(capacity);
  }

  /** A new leaf; the caller fills its value and may later turn it into a split. */
  addLeaf(impurity: number, nSamples: number, weight: number): number {
    if (this.nNodes === this.feature.length) this.#grow();
    const node = this.nNodes++;
    this.feature[node] = -1;
    this.left[node] = -1;
    this.right[node] = -1;
    this.threshold[node] = 0;
    this.impurity[node] = impurity;
    this.nNodeSamples[node] = nSamples;
    this.weightedNNodeSamples[node] = weight;
    return node;
  }

  finish(): FlatTree {
    const n = this.nNodes;
    // A buffer sized exactly (preorder's) hands its arrays over: each copy of fresh memory costs
    // page faults, and a forest finishes thousands of trees.
    if (n === this.feature.length) {
      const { feature, threshold, left, right, value, impurity, nNodeSamples, weightedNNodeSamples } = this;
      return { nNodes: n, nOutputs: this.nOutputs, feature, threshold, left, right, value, impurity, nNodeSamples, weightedNNodeSamples };
    }
    return {
      nNodes: n,
      nOutputs: this.nOutputs,
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n * this.nOutputs),
      impurity: this.impurity.slice(0, n),
      nNodeSamples: this.nNodeSamples.slice(0, n),
      weightedNNodeSamples: this.weightedNNodeSamples.slice(0, n),
    };
  }

  #grow(): void {
    const size = this.feature.length * 2;
    const grown = <T extends Int32Array | Float64Array>(a: T, length: number): T => {
      const b = new (a.constructor as new (n: number) => T)(length);
      b.set(a);
      return b;
    };
    this.feature = grown(this.feature, size);
    this.threshold = grown(this.threshold, size);
    this.left = grown(this.left, size);
    this.right = grown(this.right, size);
    this.value = grown(this.value, size * this.nOutputs);
    this.impurity = grown(this.impurity, size);
    this.nNodeSamples = grown(this.nNodeSamples, size);
    this.weightedNNodeSamples = grown(this.weightedNNodeSamples, size);
  }
}

/**
 * The same tree with its nodes renumbered in preorder (node, left subtree, right subtree), the
 * order scikit-learn's depth-first builder numbers them in; `keep(node) === false` cuts a node's
 * children, making it a leaf (used by pruning).
 */
export function preorder(tree: FlatTree, keep: (node: number) => boolean = () => true): FlatTree {
  const out = new TreeBuffer(tree.nOutputs, Math.max(1, tree.nNodes));
  const K = tree.nOutputs;
  const stack: number[] = [0, -1, 0];
  while (stack.length > 0) {
    const isLeft = stack.pop()!;
    const parent = stack.pop()!;
    const node = stack.pop()!;
    const id = out.addLeaf(tree.impurity[node], tree.nNodeSamples[node], tree.weightedNNodeSamples[node]);
    for (let k = 0; k < K; k++) out.value[id * K + k] = tree.value[node * K + k];
    if (parent >= 0) (isLeft ? out.left : out.right)[parent] = id;
    if (tree.left[node] !== -1 && keep(node)) {
      out.feature[id] = tree.feature[node];
      out.threshold[id] = tree.threshold[node];
      stack.push(tree.right[node], id, 0, tree.left[node], id, 1);
    }
  }
  return out.finish();
}
