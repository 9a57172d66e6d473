// Grows one tree on binned data: best-first (leaf-wise), splitting the leaf whose best split
// removes the most loss, until maxLeaves leaves or no split helps; maxDepth caps depth. With no
// binding leaf limit every helpful split is taken in any order, so the tree grows a level at a
// time instead (growLevels), each level's histograms built as one batch on all threads.
//
// Rows are an index array; each node owns a range of it, and a split partitions the range in
// place (stably, so rows stay in memory order). Only the smaller child's histogram is built; the
// larger one's is the parent's minus it.

import type { BinMapper } from "./binning.js";
import { buildHistogram, buildHistograms, subtractHistogram, type HistogramInputs, type HistogramJob, type HistogramPool, type HistogramSlot } from "./histogram.js";
import { partitionNodes, partitionRows, type PartitionInputs } from "./partition.js";
import { SplitSearch, findBestSplit, leafValue, type ScanKernels, type Split, type SplitRules } from "./split.js";
import type { Tree } from "./tree.js";

export interface GrowOptions {
  readonly maxLeaves: number;
  readonly maxDepth: number;
  readonly learningRate: number;
  readonly rules: SplitRules;
}

export interface TrainingData extends HistogramInputs, PartitionInputs {
  readonly mapper: BinMapper;
  /** Arena regions for the split-scan kernel: nValueBins (i32 per feature), flags (i32 per feature), results (3 f64 per feature), a bitmap of one feature's non-empty bins (4 u64). */
  readonly scanNValueBins: number;
  readonly scanFlags: number;
  readonly scanResults: number;
  readonly scanNonEmpty: number;
  /** 15 f64 for the general scan kernel: 12 of rules and node totals, then its 3 results. */
  readonly scanGeneral: number;
}

interface Leaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  /** Null for leaves that will not be split (at maxDepth, or once maxLeaves is reached). */
  hist: HistogramSlot | null;
  readonly grad: number;
  readonly hess: number;
  readonly count: number;
  readonly lower: number;
  readonly upper: number;
  split: Split | null;
}

/** A grown tree, with where each training row of the partition ended up (for fast score updates). */
export interface GrownTree {
  readonly tree: Tree;
  /** Leaf node per range of the rows region: rows[leafStart[j]..leafEnd[j]) reached leaf leafNode[j]. */
  readonly leafNode: Int32Array;
  readonly leafStart: Int32Array;
  readonly leafEnd: Int32Array;
  /** Per node, the bins that go left (missing bin last); null at leaves. For binned prediction. */
  readonly binLeft: readonly (Uint8Array | null)[];
}

/** Grows one tree on rows[0..nRows) with (gradient, hessian) f32 pairs at `gh` (an arena offset). */
export function growTree(data: TrainingData, nRows: number, gh: number, options: GrowOptions, pool: HistogramPool): GrownTree {
  const { rules, learningRate } = options;
  const builder = new TreeBuilder();
  const rootHist = pool.take();
  buildHistogram(data, 0, nRows, gh, rootHist);
  // Every row falls in exactly one bin of feature 0: its bins sum to the node's totals.
  const sums = data.arena.f64(rootHist.sums, 2 * data.totalBins);
  let g = 0;
  let h = 0;
  for (let b = 0; b <= data.mapper.features[0].nValueBins; b++) {
    g += sums[2 * b];
    h += sums[2 * b + 1];
  }
  const root: Leaf = { node: builder.addNode(), start: 0, end: nRows, depth: 0, hist: rootHist, grad: g, hess: h, count: nRows, lower: -Infinity, upper: Infinity, split: null };
  builder.cover[root.node] = h;
  builder.value[root.node] = learningRate * leafValue(g, h, rules, -Infinity, Infinity);
  const finder = new SplitFinder(data, options);
  root.split = options.maxDepth > 0 ? finder.splitOf(root) : null;
  const open: Leaf[] = [root];
  let nLeaves = 1;
  // With no binding leaf limit every helpful split is taken whatever the order: grow a level at a
  // time, so that the level's histograms are built as one batch on all threads.
  if (options.maxDepth <= 30 && options.maxLeaves >= 2 ** options.maxDepth) {
    growLevels(open, data, gh, options, builder, pool, finder);
  }
  while (nLeaves < options.maxLeaves) {
    // The open leaf with the largest gain; ties go to the earliest node, for determinism.
    let bestIndex = -1;
    for (let j = 0; j < open.length; j++) {
      const s = open[j].split;
      if (s && (bestIndex < 0 || s.gain > open[bestIndex].split!.gain)) bestIndex = j;
    }
    if (bestIndex < 0) break;
    const leaf = open[bestIndex];
    open.splice(bestIndex, 1);
    // Children that can never be split need no histograms: skip building them.
    const childrenSplittable = leaf.depth + 1 < options.maxDepth && nLeaves + 1 < options.maxLeaves;
    const [left, right] = splitLeaf(leaf, data, gh, options, builder, pool, childrenSplittable);
    nLeaves++;
    for (const child of [left, right]) {
      child.split = child.hist && child.depth < options.maxDepth ? finder.splitOf(child) : null;
      open.push(child);
    }
  }
  for (const leaf of open) if (leaf.hist) pool.give(leaf.hist);
  const leaves = open.sort((a, b) => a.start - b.start);
  return {
    tree: builder.finish(data.mapper),
    leafNode: Int32Array.from(leaves, (l) => l.node),
    leafStart: Int32Array.from(leaves, (l) => l.start),
    leafEnd: Int32Array.from(leaves, (l) => l.end),
    binLeft: builder.binLeft,
  };
}

/** A smaller child's histogram to build, and the parent's that becomes its sibling's by subtraction. */
interface Deferred {
  readonly job: HistogramJob;
  readonly parent: HistogramSlot;
}

/**
 * Splits every splittable leaf of `open`, a level at a time, until none is left; `open` ends with
 * the tree's leaves. The same tree as best-first growth with no leaf limit (node numbers aside).
 */
function growLevels(open: Leaf[], data: TrainingData, gh: number, options: GrowOptions, builder: TreeBuilder, pool: HistogramPool, finder: SplitFinder): void {
  let level = open.splice(0, open.length);
  while (level.length > 0) {
    const deferred: Deferred[] = [];
    const next: Leaf[] = [];
    const splitting: Leaf[] = [];
    for (const leaf of level) {
      if (leaf.split) splitting.push(leaf);
      else open.push(leaf);
    }
    const goesLeft = splitting.map((leaf) => goesLeftOf(leaf, data));
    const nLeft = partitionNodes(data, splitting.map((leaf, j) => ({ feature: leaf.split!.feature, goesLeft: goesLeft[j], start: leaf.start, end: leaf.end })));
    splitting.forEach((leaf, j) => {
      const childrenSplittable = leaf.depth + 1 < options.maxDepth;
      next.push(...splitChildren(leaf, goesLeft[j], nLeft[j], data, gh, options, builder, pool, childrenSplittable, deferred));
    });
    buildHistograms(data, deferred.map((d) => d.job), gh);
    for (const d of deferred) subtractHistogram(data, d.parent, d.job.slot);
    for (const child of next) child.split = child.hist && child.depth < options.maxDepth ? finder.splitOf(child) : null;
    level = next;
  }
}

/** Finds leaves' best splits: one per tree, so the search state and kernel hook are made once. */
class SplitFinder implements ScanKernels {
  readonly #search = new SplitSearch();
  readonly #data: TrainingData;
  readonly #options: GrowOptions;
  #histAt = 0;
  #countsAt = 0;

  constructor(data: TrainingData, options: GrowOptions) {
    this.#data = data;
    this.#options = options;
  }

  get flags(): Int32Array {
    return this.#data.arena.i32(this.#data.scanFlags, this.#data.nFeatures);
  }

  /** The kernel scan of the current leaf's plain numeric features. */
  run(G: number, H: number, l2: number, minHess: number): Float64Array {
    const data = this.#data;
    const p = data.nFeatures;
    data.arena.kernels.scanNumeric(this.#histAt, data.offsets, data.scanNValueBins, data.scanFlags, p, G, H, l2, minHess, data.scanResults, data.scanNonEmpty);
    return data.arena.f64(data.scanResults, 3 * p);
  }

  /** The general kernel scan of one numeric feature of the current leaf, from the search's state. */
  general(base: number, nValueBins: number, f: number, search: SplitSearch): Float64Array {
    const { arena, scanGeneral } = this.#data;
    const { rules } = search;
    const v = arena.f64(scanGeneral, 15);
    v[0] = rules.l1;
    v[1] = rules.l2;
    v[2] = rules.maxDeltaStep;
    v[3] = search.lower;
    v[4] = search.upper;
    v[5] = rules.minChildWeight;
    v[6] = rules.minSamplesLeaf;
    v[7] = search.G;
    v[8] = search.H;
    v[9] = search.N;
    v[10] = search.parentLoss;
    v[11] = rules.monotone[f];
    arena.kernels.scanNumericGeneral(this.#histAt, this.#countsAt, base, nValueBins, scanGeneral, search.found ? 1 : 0, search.gain, scanGeneral + 96);
    return v.subarray(12, 15);
  }

  splitOf(leaf: Leaf): Split | null {
    if (leaf.count < 2 || !leaf.hist) return null;
    const data = this.#data;
    const sums = data.arena.f64(leaf.hist.sums, 2 * data.totalBins);
    const counts = leaf.hist.counts >= 0 ? data.arena.u32(leaf.hist.counts, data.totalBins) : null;
    this.#histAt = leaf.hist.sums;
    this.#countsAt = leaf.hist.counts >= 0 ? leaf.hist.counts : 0;
    return findBestSplit(this.#search, sums, counts, data.mapper, leaf, this.#options.rules, leaf.lower, leaf.upper, this);
  }
}

/** Which bins of a leaf's split feature go left (missing bin last). */
function goesLeftOf(leaf: Leaf, data: TrainingData): Uint8Array {
  const split = leaf.split!;
  const f = split.feature;
  const missingBin = data.mapper.features[f].nValueBins;
  // Training saw no missing values here: send future ones to the side with more cover.
  const missingHess = data.arena.f64(leaf.hist!.sums, 2 * data.totalBins)[2 * (data.mapper.offsets[f] + missingBin) + 1];
  const missingLeft = missingHess > 0 ? split.missingLeft : split.left.hess >= split.right.hess;
  const goesLeft = new Uint8Array(missingBin + 1);
  if (split.leftBins) goesLeft.set(split.leftBins);
  else for (let b = 0; b <= split.bin; b++) goesLeft[b] = 1;
  goesLeft[missingBin] = missingLeft ? 1 : 0;
  return goesLeft;
}

/** Splits a leaf: partitions its rows, then makes its children (splitChildren). */
function splitLeaf(
  leaf: Leaf,
  data: TrainingData,
  gh: number,
  options: GrowOptions,
  builder: TreeBuilder,
  pool: HistogramPool,
  childrenSplittable: boolean,
): [Leaf, Leaf] {
  const goesLeft = goesLeftOf(leaf, data);
  data.arena.u8(data.goesLeft, goesLeft.length).set(goesLeft);
  const nLeft = partitionRows(data, leaf.split!.feature, leaf.start, leaf.end);
  return splitChildren(leaf, goesLeft, nLeft, data, gh, options, builder, pool, childrenSplittable, null);
}

/**
 * A split leaf's children, once its rows are partitioned (nLeft went left): their nodes, values
 * and histograms — the smaller child's built now, or left in `deferred` to be built with others.
 */
function splitChildren(
  leaf: Leaf,
  goesLeft: Uint8Array,
  nLeft: number,
  data: TrainingData,
  gh: number,
  options: GrowOptions,
  builder: TreeBuilder,
  pool: HistogramPool,
  childrenSplittable: boolean,
  deferred: Deferred[] | null,
): [Leaf, Leaf] {
  const split = leaf.split!;
  const f = split.feature;
  const missingLeft = goesLeft[goesLeft.length - 1] === 1;
  const nRight = leaf.end - leaf.start - nLeft;
  const mid = leaf.start + nLeft;

  // Monotone constraints: children's values are bounded on either side of the split's midpoint.
  let leftLower = leaf.lower, leftUpper = leaf.upper, rightLower = leaf.lower, rightUpper = leaf.upper;
  const monotone = options.rules.monotone[f];
  if (monotone !== 0) {
    const midValue = (split.left.value + split.right.value) / 2;
    if (monotone > 0) {
      leftUpper = Math.min(leftUpper, midValue);
      rightLower = Math.max(rightLower, midValue);
    } else {
      leftLower = Math.max(leftLower, midValue);
      rightUpper = Math.min(rightUpper, midValue);
    }
  }

  // Histogram of the smaller child from its rows; the larger child's by subtraction.
  let leftHist: HistogramSlot | null = null;
  let rightHist: HistogramSlot | null = null;
  if (childrenSplittable) {
    const small = pool.take();
    const leftIsSmaller = nLeft <= nRight;
    const job = leftIsSmaller ? { start: leaf.start, end: mid, slot: small } : { start: mid, end: leaf.end, slot: small };
    if (deferred) deferred.push({ job, parent: leaf.hist! });
    else {
      buildHistogram(data, job.start, job.end, gh, small);
      subtractHistogram(data, leaf.hist!, small);
    }
    leftHist = leftIsSmaller ? small : leaf.hist;
    rightHist = leftIsSmaller ? leaf.hist : small;
  } else {
    pool.give(leaf.hist!);
  }

  const leftNode = builder.addNode();
  const rightNode = builder.addNode();
  builder.setSplit(leaf.node, split, missingLeft, leftNode, rightNode, goesLeft);
  const lr = options.learningRate;
  builder.cover[leftNode] = split.left.hess;
  builder.cover[rightNode] = split.right.hess;
  builder.value[leftNode] = lr * leafValue(split.left.grad, split.left.hess, options.rules, leftLower, leftUpper);
  builder.value[rightNode] = lr * leafValue(split.right.grad, split.right.hess, options.rules, rightLower, rightUpper);
  const depth = leaf.depth + 1;
  return [
    { node: leftNode, start: leaf.start, end: mid, depth, hist: leftHist, grad: split.left.grad, hess: split.left.hess, count: nLeft, lower: leftLower, upper: leftUpper, split: null },
    { node: rightNode, start: mid, end: leaf.end, depth, hist: rightHist, grad: split.right.grad, hess: split.right.hess, count: nRight, lower: rightLower, upper: rightUpper, split: null },
  ];
}

/** Collects nodes while a tree grows, then freezes them into a flat Tree. */
class TreeBuilder {
  readonly feature: number[] = [];
  readonly bin: number[] = [];
  readonly missingLeft: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly leftBins: (Uint8Array | null)[] = [];
  readonly binLeft: (Uint8Array | null)[] = [];
  readonly value: number[] = [];
  readonly gain: number[] = [];
  readonly cover: number[] = [];

  addNode(): number {
    const id = this.feature.length;
    this.feature.push(-1);
    this.bin.push(-1);
    this.missingLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.leftBins.push(null);
    this.binLeft.push(null);
    this.value.push(0);
    this.gain.push(0);
    this.cover.push(0);
    return id;
  }

  setSplit(node: number, split: Split, missingLeft: boolean, left: number, right: number, goesLeft: Uint8Array): void {
    this.binLeft[node] = goesLeft;
    this.feature[node] = split.feature;
    this.bin[node] = split.bin;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
    this.leftBins[node] = split.leftBins;
    this.gain[node] = split.gain;
  }

  finish(mapper: BinMapper): Tree {
    const n = this.feature.length;
    const threshold = new Float64Array(n).fill(NaN);
    const catOffset = new Int32Array(n).fill(-1);
    const catWords = new Int32Array(n);
    const bits: number[] = [];
    for (let node = 0; node < n; node++) {
      const f = this.feature[node];
      if (f < 0) continue;
      const fb = mapper.features[f];
      if (!fb.isCategorical) {
        threshold[node] = fb.cuts[this.bin[node]];
        continue;
      }
      // Categories (codes) whose bin goes left; rare categories follow their shared bin.
      const leftBins = this.leftBins[node]!;
      const words = Math.max(1, Math.ceil(fb.binOfCategory.length / 32));
      catOffset[node] = bits.length;
      catWords[node] = words;
      const start = bits.length;
      for (let w = 0; w < words; w++) bits.push(0);
      for (let code = 0; code < fb.binOfCategory.length; code++) {
        const b = fb.binOfCategory[code];
        if (b >= 0 && leftBins[b]) bits[start + (code >>> 5)] |= 1 << (code & 31);
      }
    }
    return {
      nNodes: n,
      feature: Int32Array.from(this.feature),
      threshold,
      binThreshold: Int32Array.from(this.bin),
      missingLeft: Uint8Array.from(this.missingLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      catOffset,
      catWords,
      catBits: Uint32Array.from(bits.map((b) => b >>> 0)),
      value: Float64Array.from(this.value),
      gain: Float64Array.from(this.gain),
      cover: Float64Array.from(this.cover),
    };
  }
}
