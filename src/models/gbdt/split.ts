// Best split of a node from its histogram. For each feature, a left-to-right scan over the bins
// tries every threshold with missing values sent left and sent right; categorical features order
// their categories by gradient statistics (as LightGBM does) and scan that order, or try each
// category alone against the rest when there are few. Leaf values are the regularised Newton step,
// clamped by maxDeltaStep and by monotone bounds; a split's gain is the loss it removes.
//
// Split finding runs for every feature of every node, so it allocates nothing per candidate: one
// SplitSearch per tree holds the best candidate so far and the scratch arrays, and a Split object
// is made once per node, for the winner.

import type { BinMapper } from "./binning.js";
import { scanCategorical } from "./categorical-split.js";
import { acceptScanned, scanNumeric } from "./numeric-split.js";

export interface SplitRules {
  readonly l1: number;
  readonly l2: number;
  readonly minChildWeight: number;
  readonly minSamplesLeaf: number;
  readonly minSplitGain: number;
  readonly maxDeltaStep: number;
  /** Per feature: +1 increasing, -1 decreasing, 0 free. */
  readonly monotone: Int8Array;
  /** Categorical features with at most this many categories are split one category against the rest. */
  readonly maxCatToOnehot: number;
  /** Added to the hessian when ordering categories, so rare categories do not sort to the ends. */
  readonly catSmooth: number;
  /** Extra L2 penalty in the gain of a split over many categories (one chosen among many orders). */
  readonly catL2: number;
  readonly minDataPerGroup: number;
  /** Features this tree may use (colsample), or null for all. */
  readonly allowed: Uint8Array | null;
}

export interface Split {
  readonly gain: number;
  readonly feature: number;
  /** Numeric: bins ≤ bin go left. */
  readonly bin: number;
  readonly missingLeft: boolean;
  /** Categorical: 1 for each bin (missing bin included) that goes left; null for numeric. */
  readonly leftBins: Uint8Array | null;
  readonly left: NodeStats;
  readonly right: NodeStats;
}

export interface NodeStats {
  readonly grad: number;
  readonly hess: number;
  readonly count: number;
  readonly value: number;
}

/** The regularised, clamped leaf value for gradient sum g and hessian sum h. */
export function leafValue(g: number, h: number, rules: SplitRules, lower: number, upper: number): number {
  return leafValueWith(g, h, rules.l1, rules.l2, rules.maxDeltaStep, lower, upper);
}

/** leafValue with the penalties as numbers, so a search can use another L2 without a rules object. */
export function leafValueWith(g: number, h: number, l1: number, l2: number, maxDeltaStep: number, lower: number, upper: number): number {
  const t = g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;
  let w = -t / (h + l2);
  if (maxDeltaStep > 0) w = Math.max(-maxDeltaStep, Math.min(maxDeltaStep, w));
  return Math.max(lower, Math.min(upper, w));
}

/** The loss of a leaf with value w: the second-order expansion plus the penalties. */
export function leafLoss(g: number, h: number, w: number, rules: SplitRules): number {
  return leafLossWith(g, h, w, rules.l1, rules.l2);
}

export function leafLossWith(g: number, h: number, w: number, l1: number, l2: number): number {
  return g * w + 0.5 * (h + l2) * w * w + l1 * Math.abs(w);
}

/**
 * Scans of numeric features in WebAssembly (assembly/scan.ts), over the current node's histogram.
 * `run(G, H, l2, minHess)` scans the plain features (no counts, L1, clamp or bounds) whose flag is
 * 1 and returns [score, bin, missingLeft] per feature. `general(base, nValueBins, f, search)` scans
 * one feature as consider() would judge each threshold, from the search's state, and returns
 * [gain, bin, missingLeft] of a threshold that beats the best so far (bin -1: none). Splits are
 * then chosen exactly as the JavaScript scans would choose them.
 */
export interface ScanKernels {
  readonly flags: Int32Array;
  run(G: number, H: number, l2: number, minHess: number): Float64Array;
  general(base: number, nValueBins: number, f: number, search: SplitSearch): Float64Array;
}

/** Most bins per feature, the missing bin included. */
const MAX_BINS = 256;

/**
 * The state of one node's search, reused from node to node: the node's totals and rules, the best
 * candidate so far (plain numbers and a bitset, overwritten when a better one comes), and scratch
 * for categorical features.
 */
export class SplitSearch {
  rules!: SplitRules;
  counts: Uint32Array | null = null;
  G = 0;
  H = 0;
  N = 0;
  lower = -Infinity;
  upper = Infinity;
  parentLoss = 0;
  /** Whether a candidate was kept; `version` counts how many times the best changed. */
  found = false;
  version = 0;
  gain = 0;
  feature = -1;
  bin = -1;
  missingLeft = false;
  categorical = false;
  gl = 0;
  hl = 0;
  cl = 0;
  wl = 0;
  gr = 0;
  hr = 0;
  cr = 0;
  wr = 0;
  /** The best categorical candidate's bins that go left (missing bin after the value bins). */
  readonly bestLeft = new Uint8Array(MAX_BINS + 1);
  /** Scratch: the candidate being tried, the categories of a feature and their order. */
  readonly leftBins = new Uint8Array(MAX_BINS + 1);
  readonly bins = new Int32Array(MAX_BINS);
  readonly ratios = new Float64Array(MAX_BINS);
}

/**
 * `hist` holds (grad, hess) pairs per bin; `counts` the rows per bin, or null when minSamplesLeaf
 * is 1 — then a bin is empty when its hessian is 0 (every objective's hessian is positive).
 */
export function findBestSplit(
  search: SplitSearch,
  hist: Float64Array,
  counts: Uint32Array | null,
  mapper: BinMapper,
  total: { grad: number; hess: number; count: number },
  rules: SplitRules,
  lower: number,
  upper: number,
  kernels?: ScanKernels,
): Split | null {
  const parentValue = leafValue(total.grad, total.hess, rules, lower, upper);
  startSearch(search, rules, counts, total, lower, upper, leafLoss(total.grad, total.hess, parentValue, rules));
  if (total.count < 2 * rules.minSamplesLeaf || total.hess < 2 * rules.minChildWeight) return null;
  const simpleNode = isPlainNode(counts === null, rules, lower, upper);
  const features = mapper.features;
  const { allowed, monotone } = rules;
  let results: Float64Array | null = null;
  if (kernels && simpleNode) {
    const flags = kernels.flags;
    // The same for every node of a tree: written only when they change (at a tree's first node),
    // as threads splitting leaves ahead may be reading them meanwhile.
    for (let f = 0; f < features.length; f++) {
      const flag = !features[f].isCategorical && monotone[f] === 0 && (!allowed || allowed[f]) ? 1 : 0;
      if (flags[f] !== flag) flags[f] = flag;
    }
    results = kernels.run(total.grad, total.hess, rules.l2, plainScanMinHess(rules));
  }
  for (let f = 0; f < features.length; f++) {
    if (allowed && !allowed[f]) continue;
    const fb = features[f];
    const base = mapper.offsets[f];
    if (fb.isCategorical) scanCategorical(hist, base, fb.nValueBins, f, search);
    else if (results && results[3 * f + 1] >= 0 && monotone[f] === 0) acceptScanned(hist, base, fb.nValueBins, f, search, results);
    else if (!results || monotone[f] !== 0) scanNumeric(hist, base, fb.nValueBins, f, search, kernels);
  }
  return search.found && search.gain > rules.minSplitGain ? splitOf(search, mapper) : null;
}

/** Whether a node's plain numeric features go to the kernel scan: no row counts, L1, clamp or value bounds. */
export function isPlainNode(noCounts: boolean, rules: SplitRules, lower: number, upper: number): boolean {
  return noCounts && rules.l1 === 0 && rules.maxDeltaStep === 0 && lower === -Infinity && upper === Infinity;
}

/** The least hessian on either side of a split, as the kernel scan takes it. */
export function plainScanMinHess(rules: SplitRules): number {
  return Math.max(rules.minChildWeight, Number.MIN_VALUE);
}

function startSearch(
  search: SplitSearch,
  rules: SplitRules,
  counts: Uint32Array | null,
  total: { grad: number; hess: number; count: number },
  lower: number,
  upper: number,
  parentLoss: number,
): void {
  search.rules = rules;
  search.counts = counts;
  search.G = total.grad;
  search.H = total.hess;
  search.N = total.count;
  search.lower = lower;
  search.upper = upper;
  search.parentLoss = parentLoss;
  search.found = false;
}

/** The search's best candidate as a Split: the one object a node's search makes. */
function splitOf(search: SplitSearch, mapper: BinMapper): Split {
  const f = search.feature;
  return {
    gain: search.gain,
    feature: f,
    bin: search.bin,
    missingLeft: search.missingLeft,
    leftBins: search.categorical ? search.bestLeft.slice(0, mapper.features[f].nValueBins + 1) : null,
    left: { grad: search.gl, hess: search.hl, count: search.cl, value: search.wl },
    right: { grad: search.gr, hess: search.hr, count: search.cr, value: search.wr },
  };
}

/** Rows in bin `b` (offset into the whole histogram): the count, or 1/0 by the hessian when counts are not kept. */
export function binCount(hist: Float64Array, counts: Uint32Array | null, b: number): number {
  return counts ? counts[b] : hist[2 * b + 1] > 0 ? 1 : 0;
}

/**
 * Evaluates one candidate and keeps it when it beats the best so far (ties keep the first). `l2`
 * and `parentLoss` are the rules' own, or larger ones for searches over many category orders.
 * A categorical candidate's bins are in search.leftBins.
 */
export function consider(
  search: SplitSearch,
  f: number,
  bin: number,
  missingLeft: boolean,
  categorical: boolean,
  l2: number,
  parentLoss: number,
  gl: number,
  hl: number,
  cl: number,
): void {
  const { rules } = search;
  const gr = search.G - gl;
  const hr = search.H - hl;
  const cr = search.N - cl;
  if (cl < rules.minSamplesLeaf || cr < rules.minSamplesLeaf || hl < rules.minChildWeight || hr < rules.minChildWeight) return;
  // Without counts, sides are told apart by hessian: an empty side has none.
  if (search.counts ? cl < 1 || cr < 1 : hl <= 0 || hr <= 0) return;
  const { l1, maxDeltaStep } = rules;
  const wl = leafValueWith(gl, hl, l1, l2, maxDeltaStep, search.lower, search.upper);
  const wr = leafValueWith(gr, hr, l1, l2, maxDeltaStep, search.lower, search.upper);
  const monotone = rules.monotone[f];
  if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) return;
  const gain = parentLoss - leafLossWith(gl, hl, wl, l1, l2) - leafLossWith(gr, hr, wr, l1, l2);
  if (search.found && !(gain > search.gain)) return;
  search.found = true;
  search.version++;
  search.gain = gain;
  search.feature = f;
  search.bin = bin;
  search.missingLeft = missingLeft;
  search.categorical = categorical;
  if (categorical) search.bestLeft.set(search.leftBins);
  search.gl = gl;
  search.hl = hl;
  search.cl = cl;
  search.wl = wl;
  search.gr = gr;
  search.hr = hr;
  search.cr = cr;
  search.wr = wr;
}
