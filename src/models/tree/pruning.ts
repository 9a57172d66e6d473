// Minimal cost-complexity pruning (Breiman et al. 1984, ch. 3; scikit-learn's ccp_alpha). A
// subtree T_t under node t costs R(T_t) = Σ over its leaves of (leaf weight / total weight) ×
// impurity; collapsing it into a leaf costs R(t). Its effective alpha is
// (R(t) − R(T_t)) / (leaves(T_t) − 1): the weakest link is the smallest, and is cut first. The
// path lists the alphas at which the tree changes and the total leaf impurity after each cut.

import { preorder, type FlatTree } from "./flat-tree.js";

export interface PruningPath {
  /** Effective alphas, increasing; the first is 0 (the unpruned tree). */
  readonly ccpAlphas: Float64Array;
  /** Total impurity of the leaves of the tree pruned at each alpha. */
  readonly impurities: Float64Array;
}

/** The weakest-link sequence, stopping once the next alpha exceeds `maxAlpha`. */
function weakestLinks(tree: FlatTree, maxAlpha: number): { cut: Uint8Array; alphas: number[]; impurities: number[] } {
  const { nNodes, left, right, impurity, weightedNNodeSamples } = tree;
  const total = weightedNNodeSamples[0];
  const rNode = Float64Array.from({ length: nNodes }, (_, i) => (weightedNNodeSamples[i] * impurity[i]) / total);
  const rBranch = new Float64Array(nNodes);
  const nLeaves = new Int32Array(nNodes);
  const parent = new Int32Array(nNodes).fill(-1);
  // Children come after their parent (preorder): one backward pass sums subtrees.
  for (let i = nNodes - 1; i >= 0; i--) {
    if (left[i] === -1) {
      rBranch[i] = rNode[i];
      nLeaves[i] = 1;
    } else {
      parent[left[i]] = i;
      parent[right[i]] = i;
      rBranch[i] = rBranch[left[i]] + rBranch[right[i]];
      nLeaves[i] = nLeaves[left[i]] + nLeaves[right[i]];
    }
  }
  const isCandidate = Uint8Array.from({ length: nNodes }, (_, i) => (left[i] === -1 ? 0 : 1));
  const cut = new Uint8Array(nNodes);
  const alphas = [0];
  const impurities = [rBranch[0]];
  while (isCandidate[0] === 1) {
    let alpha = Infinity;
    let weakest = -1;
    for (let i = 0; i < nNodes; i++) {
      if (isCandidate[i] === 0) continue;
      const a = (rNode[i] - rBranch[i]) / (nLeaves[i] - 1);
      if (a < alpha) {
        alpha = a;
        weakest = i;
      }
    }
    if (alpha > maxAlpha) break;
    cut[weakest] = 1;
    markSubtree(tree, weakest, isCandidate);
    const leavesGone = nLeaves[weakest] - 1;
    const gain = rNode[weakest] - rBranch[weakest];
    for (let a = weakest; a !== -1; a = parent[a]) {
      nLeaves[a] -= leavesGone;
      rBranch[a] += gain;
    }
    alphas.push(alpha);
    impurities.push(rBranch[0]);
  }
  return { cut, alphas, impurities };
}

function markSubtree(tree: FlatTree, node: number, isCandidate: Uint8Array): void {
  const stack = [node];
  while (stack.length > 0) {
    const i = stack.pop()!;
    isCandidate[i] = 0;
    if (tree.left[i] !== -1) stack.push(tree.left[i], tree.right[i]);
  }
}

export function pruningPath(tree: FlatTree): PruningPath {
  const { alphas, impurities } = weakestLinks(tree, Infinity);
  return { ccpAlphas: Float64Array.from(alphas), impurities: Float64Array.from(impurities) };
}

/** The tree with every subtree whose effective alpha is at most `ccpAlpha` collapsed to a leaf. */
export function pruneTree(tree: FlatTree, ccpAlpha: number): FlatTree {
  if (ccpAlpha <= 0) return tree;
  const { cut } = weakestLinks(tree, ccpAlpha);
  return preorder(tree, (node) => cut[node] === 0);
}
