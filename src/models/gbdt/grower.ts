// Grows one tree on binned data: best-first (leaf-wise), splitting the leaf whose best split
// removes the most loss, until maxLeaves leaves or no split helps; maxDepth caps depth. With no
// binding leaf limit every helpful split is taken in any order, so the tree grows a level at a
// time instead (growLevels), each level's histograms built as one batch on all threads. Best-first
// on several threads, the leaves next in line are split ahead on the workers (prepared-split.ts)
// while this thread splits the current one.
//
// Rows are an index array; each node owns a range of it, and a split partitions the range in
// place (stably, so rows stay in memory order). Only the smaller child's histogram is built; the
// larger one's is the parent's minus it.

import type { BinMapper } from "./binning.js";
import { FEATURE_PARALLEL_MIN, buildHistogram, buildHistograms, subtractHistogram, type HistogramJob, type HistogramPool, type HistogramSlot } from "./histogram.js";
import { partitionNodes, partitionRows } from "./partition.js";
import { SplitsAhead, discardPrepared, type PrepareInputs, type PrepareJob, type PreparedSplit, type Ticket } from "./prepared-split.js";
import { SplitSearch, findBestSplit, isPlainNode, leafValue, plainScanMinHess, type ScanKernels, type Split, type SplitRules } from "./split.js";
import type { Tree } from "./tree.js";
import { TreeBuilder } from "./tree-builder.js";

export interface GrowOptions {
  readonly maxLeaves: number;
  readonly maxDepth: number;
  readonly learningRate: number;
  readonly rules: SplitRules;
}

export interface TrainingData extends PrepareInputs {
  readonly mapper: BinMapper;
  /**
   * Arena regions for the split-scan kernel, whose inputs are PrepareInputs': its results (3 f64 per
   * feature), and the grower's scratch for a bitmap of one feature's non-empty bins (4 u64).
   */
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
  /** The leaf's split, posted to be done ahead while other leaves are split (prepared-split.ts). */
  ticket: Ticket | null;
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
  const root: Leaf = { node: builder.addNode(), start: 0, end: nRows, depth: 0, hist: rootHist, grad: g, hess: h, count: nRows, lower: -Infinity, upper: Infinity, split: null, ticket: null };
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
  const ahead = data.arena.nThreads > 1 ? new SplitsAhead(data, gh, pool) : null;
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
    const childrenSplittable = canSplitChildren(leaf, nLeaves, options);
    const prepared = ahead ? splitAhead(leaf, ahead, nLeaves, nRows, data, options) : null;
    leaf.ticket = null;
    const [left, right] = prepared
      ? finishPrepared(leaf, prepared, options, builder, pool, childrenSplittable)
      : splitLeaf(leaf, data, gh, options, builder, pool, childrenSplittable);
    nLeaves++;
    for (const child of [left, right]) {
      const scanned = prepared && prepared.scans >= 0 ? prepared.scans + (child === left ? 0 : 24 * data.nFeatures) : -1;
      child.split = child.hist && child.depth < options.maxDepth ? finder.splitOf(child, scanned) : null;
      open.push(child);
    }
    if (prepared && prepared.scans >= 0) pool.giveScans(prepared.scans);
    if (ahead) postAhead(ahead, open, nLeaves, data, options);
  }
  ahead?.stop();
  for (const leaf of open) {
    if (leaf.ticket?.prepared) discardPrepared(data, leaf.ticket.prepared, leaf.start, leaf.end, pool);
    if (leaf.hist) pool.give(leaf.hist);
  }
  const leaves = open.sort((a, b) => a.start - b.start);
  return {
    tree: builder.finish(data.mapper),
    leafNode: Int32Array.from(leaves, (l) => l.node),
    leafStart: Int32Array.from(leaves, (l) => l.start),
    leafEnd: Int32Array.from(leaves, (l) => l.end),
    binLeft: builder.binLeft,
  };
}

/** Leaves posted to the workers and not yet done, per worker: one in hand, one waiting. */
const QUEUED_PER_WORKER = 2;

/**
 * The split of `leaf` (next to be split) done by the threads of `ahead`: taken back from them when
 * posted earlier, else done now by the caller. Null for a leaf of a quarter of the tree's rows or
 * more, not posted: there are too few other leaves yet to keep the workers busy, so they are
 * stopped, and splitLeaf shares the leaf out by features and chunks.
 */
function splitAhead(leaf: Leaf, ahead: SplitsAhead, nLeaves: number, nRows: number, data: TrainingData, options: GrowOptions): PreparedSplit | null {
  if (isPosted(leaf)) return ahead.take(leaf.ticket!);
  if (4 * leaf.count >= nRows && leaf.count * data.nFeatures >= 2 * FEATURE_PARALLEL_MIN) {
    ahead.stop();
    return null;
  }
  return ahead.take(ahead.post(jobOf(leaf, nLeaves, data, options)));
}

/**
 * Posts the leaves next in line (largest gain first) to be split ahead, keeping QUEUED_PER_WORKER
 * a worker queued, and no more in all than the leaf limit leaves room to split.
 */
function postAhead(ahead: SplitsAhead, open: readonly Leaf[], nLeaves: number, data: TrainingData, options: GrowOptions): void {
  let room = options.maxLeaves - nLeaves;
  for (const leaf of open) if (isPosted(leaf)) room--;
  // The next leaf to split, when not posted, is the caller's own: the workers take the ones after it.
  let next: Leaf | null = null;
  for (const leaf of open) if (leaf.split && (!next || leaf.split.gain > next.split!.gain)) next = leaf;
  const most = QUEUED_PER_WORKER * (data.arena.nThreads - 1);
  for (let queued = ahead.queued; queued < most && room > 1 && ahead.roomAhead; queued++, room--) {
    let best: Leaf | null = null;
    for (const leaf of open) {
      if (leaf.split && leaf !== next && !isPosted(leaf) && (!best || leaf.split.gain > best.split!.gain)) best = leaf;
    }
    if (!best) return;
    best.ticket = ahead.post(jobOf(best, nLeaves, data, options));
  }
}

/** Whether `leaf`'s children, made when the tree has nLeaves leaves, may ever be split: those that can't need no histograms. */
function canSplitChildren(leaf: Leaf, nLeaves: number, options: GrowOptions): boolean {
  return leaf.depth + 1 < options.maxDepth && nLeaves + 1 < options.maxLeaves;
}

/** Whether the leaf's split is with the workers, or done by them (not withdrawn when they stopped). */
function isPosted(leaf: Leaf): boolean {
  return leaf.ticket !== null && !leaf.ticket.withdrawn;
}

/** The work of splitting `leaf` when the tree has nLeaves leaves: its children's histograms and scans only when they may be split. */
function jobOf(leaf: Leaf, nLeaves: number, data: TrainingData, options: GrowOptions): PrepareJob {
  const split = leaf.split!;
  const { rules } = options;
  const childrenSplittable = canSplitChildren(leaf, nLeaves, options);
  const bounds = childBounds(leaf, options);
  // The kernel scan serves only nodes that findBestSplit scans with it (see isPlainNode).
  const plain = isPlainNode(!data.withCounts, rules, ...bounds.left) && isPlainNode(!data.withCounts, rules, ...bounds.right);
  return {
    feature: split.feature,
    goesLeft: goesLeftOf(leaf, data),
    start: leaf.start,
    end: leaf.end,
    parent: childrenSplittable ? leaf.hist : null,
    scan: childrenSplittable && plain ? { left: split.left, right: split.right, l2: rules.l2, minHess: plainScanMinHess(rules) } : null,
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
  /** Where the current leaf's plain features were already scanned (a leaf split ahead), or -1. */
  #scanned = -1;

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
    if (this.#scanned >= 0) return data.arena.f64(this.#scanned, 3 * p);
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

  /** The leaf's best split; `scanned`: where its plain features' kernel scan already is, or -1. */
  splitOf(leaf: Leaf, scanned = -1): Split | null {
    if (leaf.count < 2 || !leaf.hist) return null;
    const data = this.#data;
    this.#scanned = scanned;
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
 * A split leaf's children, once its rows are partitioned (nLeft went left): their histograms —
 * the smaller child's built now, or left in `deferred` to be built with others — then makeChildren.
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
  const mid = leaf.start + nLeft;
  // Histogram of the smaller child from its rows; the larger child's by subtraction.
  let leftHist: HistogramSlot | null = null;
  let rightHist: HistogramSlot | null = null;
  if (childrenSplittable) {
    const small = pool.take();
    const leftIsSmaller = nLeft <= leaf.end - mid;
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
  return makeChildren(leaf, goesLeft, nLeft, leftHist, rightHist, options, builder);
}

/** A leaf split ahead, finished now that its turn has come: the same children as splitChildren's. */
function finishPrepared(leaf: Leaf, prepared: PreparedSplit, options: GrowOptions, builder: TreeBuilder, pool: HistogramPool, childrenSplittable: boolean): [Leaf, Leaf] {
  const { small, leftIsSmaller } = prepared;
  if (childrenSplittable && small) {
    return makeChildren(leaf, prepared.goesLeft, prepared.nLeft, leftIsSmaller ? small : leaf.hist, leftIsSmaller ? leaf.hist : small, options, builder);
  }
  pool.give(leaf.hist!);
  if (small) pool.give(small);
  return makeChildren(leaf, prepared.goesLeft, prepared.nLeft, null, null, options, builder);
}

/** Value bounds of a split leaf's children: monotone constraints part them at the split's midpoint. */
function childBounds(leaf: Leaf, options: GrowOptions): { left: [number, number]; right: [number, number] } {
  const split = leaf.split!;
  let leftLower = leaf.lower, leftUpper = leaf.upper, rightLower = leaf.lower, rightUpper = leaf.upper;
  const monotone = options.rules.monotone[split.feature];
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
  return { left: [leftLower, leftUpper], right: [rightLower, rightUpper] };
}

/** A split leaf's children, given their histograms: their nodes and values. */
function makeChildren(
  leaf: Leaf,
  goesLeft: Uint8Array,
  nLeft: number,
  leftHist: HistogramSlot | null,
  rightHist: HistogramSlot | null,
  options: GrowOptions,
  builder: TreeBuilder,
): [Leaf, Leaf] {
  const split = leaf.split!;
  const missingLeft = goesLeft[goesLeft.length - 1] === 1;
  const nRight = leaf.end - leaf.start - nLeft;
  const mid = leaf.start + nLeft;
  const { left: [leftLower, leftUpper], right: [rightLower, rightUpper] } = childBounds(leaf, options);
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
    { node: leftNode, start: leaf.start, end: mid, depth, hist: leftHist, grad: split.left.grad, hess: split.left.hess, count: nLeft, lower: leftLower, upper: leftUpper, split: null, ticket: null },
    { node: rightNode, start: mid, end: leaf.end, depth, hist: rightHist, grad: split.right.grad, hess: split.right.hess, count: nRight, lower: rightLower, upper: rightUpper, split: null, ticket: null },
  ];
}
