// A fitted tree as flat typed arrays: the structure prediction, explanation and serialisation
// read. It is built once from the grower's nodes and never changes afterwards.
//
// Node 0 is the root. At an internal node, a row goes left when
// - numeric split: its value is <= threshold (bin <= binThreshold on binned data);
// - categorical split: its category's bit is set in the node's bitset;
// - missing value: missingLeft is 1.
// Categories the tree never saw at that node (outside the bitset) go right.

export interface Tree {
  readonly nNodes: number;
  /** Split feature index; -1 at a leaf. */
  readonly feature: Int32Array;
  /** Numeric splits: the largest value that goes left, in the feature's own units. */
  readonly threshold: Float64Array;
  /** Numeric splits: the largest bin that goes left (for prediction on binned training data). */
  readonly binThreshold: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Categorical splits: offset of the node's bitset in `catBits`; -1 for numeric splits and leaves. */
  readonly catOffset: Int32Array;
  /** Categorical splits: number of 32-bit words of the node's bitset. */
  readonly catWords: Int32Array;
  /** Concatenated bitsets over category codes: bit c of a node's bitset set ⇒ category c goes left. */
  readonly catBits: Uint32Array;
  /** Output at leaves (learning rate applied); at internal nodes, what the node would output as a leaf. */
  readonly value: Float64Array;
  /** Loss reduction of the split (0 at leaves). */
  readonly gain: Float64Array;
  /** Sum of hessians of the training rows that reached the node (row count for squared error). */
  readonly cover: Float64Array;
}

/** Whether category `code` goes left at categorical node `node`. */
export function categoryGoesLeft(tree: Tree, node: number, code: number): boolean {
  const word = code >>> 5;
  if (code < 0 || word >= tree.catWords[node]) return false;
  return ((tree.catBits[tree.catOffset[node] + word] >>> (code & 31)) & 1) === 1;
}

/** The leaf a row of raw feature values reaches (NaN = missing). */
export function leafOf(tree: Tree, row: ArrayLike<number>, offset = 0): number {
  let node = 0;
  const { feature, left, right } = tree;
  while (feature[node] >= 0) {
    const v = row[offset + feature[node]];
    let goLeft: boolean;
    if (v !== v) goLeft = tree.missingLeft[node] === 1;
    else if (tree.catOffset[node] >= 0) goLeft = categoryGoesLeft(tree, node, v);
    else goLeft = v <= tree.threshold[node];
    node = goLeft ? left[node] : right[node];
  }
  return node;
}

/** Depth of the deepest leaf (a lone root has depth 0). */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.nNodes);
  let max = 0;
  for (let node = 0; node < tree.nNodes; node++) {
    if (tree.feature[node] < 0) continue;
    depth[tree.left[node]] = depth[node] + 1;
    depth[tree.right[node]] = depth[node] + 1;
    max = Math.max(max, depth[node] + 1);
  }
  return max;
}
