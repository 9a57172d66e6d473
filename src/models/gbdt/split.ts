// Best split of a node from its histogram. For each feature, a left-to-right scan over the bins
// tries every threshold with missing values sent left and sent right; categorical features order
// their categories by gradient statistics (as LightGBM does) and scan that order, or try each
// category alone against the rest when there are few. Leaf values are the regularised Newton step,
// clamped by maxDeltaStep and by monotone bounds; a split's gain is the loss it removes.

import type { BinMapper } from "./binning.js";

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
  const t = g > rules.l1 ? g - rules.l1 : g < -rules.l1 ? g + rules.l1 : 0;
  let w = -t / (h + rules.l2);
  if (rules.maxDeltaStep > 0) w = Math.max(-rules.maxDeltaStep, Math.min(rules.maxDeltaStep, w));
  return Math.max(lower, Math.min(upper, w));
}

/** The loss of a leaf with value w: the second-order expansion plus the penalties. */
export function leafLoss(g: number, h: number, w: number, rules: SplitRules): number {
  return g * w + 0.5 * (h + rules.l2) * w * w + rules.l1 * Math.abs(w);
}

/**
 * Scans the plain numeric features of a node in WebAssembly (scanNumeric in assembly/kernels.ts):
 * `plain(hist, flags)` fills `results` with [score, bin, missingLeft] per feature for features
 * whose flag is 1. Splits are then chosen exactly as the JavaScript scan would choose them.
 */
export interface PlainScan {
  readonly flags: Int32Array;
  run(total: { grad: number; hess: number }, rules: SplitRules): Float64Array;
}

/**
 * `hist` holds (grad, hess) pairs per bin; `counts` the rows per bin, or null when minSamplesLeaf
 * is 1 — then a bin is empty when its hessian is 0 (every objective's hessian is positive).
 */
export function findBestSplit(
  hist: Float64Array,
  counts: Uint32Array | null,
  mapper: BinMapper,
  total: { grad: number; hess: number; count: number },
  rules: SplitRules,
  lower: number,
  upper: number,
  plainScan?: PlainScan,
): Split | null {
  const parentValue = leafValue(total.grad, total.hess, rules, lower, upper);
  const parentLoss = leafLoss(total.grad, total.hess, parentValue, rules);
  const scan: Scan = { best: null, parentLoss, total, rules, lower, upper, counts };
  if (total.count < 2 * rules.minSamplesLeaf || total.hess < 2 * rules.minChildWeight) return null;
  const simpleNode = counts === null && rules.l1 === 0 && rules.maxDeltaStep === 0 && lower === -Infinity && upper === Infinity;
  let results: Float64Array | null = null;
  if (plainScan && simpleNode) {
    const flags = plainScan.flags;
    for (let f = 0; f < mapper.features.length; f++) {
      flags[f] = !mapper.features[f].isCategorical && rules.monotone[f] === 0 && (!rules.allowed || rules.allowed[f]) ? 1 : 0;
    }
    results = plainScan.run(total, rules);
  }
  for (let f = 0; f < mapper.features.length; f++) {
    if (rules.allowed && !rules.allowed[f]) continue;
    const fb = mapper.features[f];
    if (fb.isCategorical) scanCategorical(hist, mapper.offsets[f], fb.nValueBins, f, scan);
    else if (results && results[3 * f + 1] >= 0 && rules.monotone[f] === 0) acceptScanned(hist, mapper.offsets[f], fb.nValueBins, f, scan, results);
    else if (!results || rules.monotone[f] !== 0) scanNumeric(hist, mapper.offsets[f], fb.nValueBins, f, scan);
  }
  return scan.best && scan.best.gain > rules.minSplitGain ? scan.best : null;
}

/** Takes a feature's best threshold found by the kernel when it beats the best split so far. */
function acceptScanned(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan, results: Float64Array): void {
  const score = results[3 * f];
  if (scan.best && !(score > 2 * (scan.best.gain - scan.parentLoss))) return;
  acceptThreshold(hist, base, nValueBins, f, scan, results[3 * f + 1], results[3 * f + 2] === 1);
}

/** Rebuilds the sums of a chosen threshold and hands it to consider() for the exact gain and values. */
function acceptThreshold(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan, bin: number, missingLeft: boolean): void {
  const m = 2 * (base + nValueBins);
  let sg = 0;
  let sh = 0;
  let nonEmpty = 0;
  for (let b = 0, j = 2 * base; b <= bin; b++, j += 2) {
    sg += hist[j];
    sh += hist[j + 1];
    if (hist[j + 1] > 0) nonEmpty++;
  }
  if (missingLeft) consider(scan, f, bin, true, null, sg + hist[m], sh + hist[m + 1], nonEmpty + 1);
  else consider(scan, f, bin, false, null, sg, sh, nonEmpty);
}

/** Most categories on the smaller side of a categorical split found by ordering (LightGBM's default). */
const MAX_CAT_THRESHOLD = 32;

interface Scan {
  best: Split | null;
  readonly parentLoss: number;
  readonly total: { grad: number; hess: number; count: number };
  readonly rules: SplitRules;
  readonly lower: number;
  readonly upper: number;
  readonly counts: Uint32Array | null;
}

/** Rows in bin `b` (offset into the whole histogram): the count, or 1/0 by the hessian when counts are not kept. */
function binCount(hist: Float64Array, counts: Uint32Array | null, b: number): number {
  return counts ? counts[b] : hist[2 * b + 1] > 0 ? 1 : 0;
}

/** Evaluates one candidate and keeps it when it beats the best so far (ties keep the first). */
function consider(scan: Scan, f: number, bin: number, missingLeft: boolean, leftBins: Uint8Array | null, gl: number, hl: number, cl: number): void {
  const { rules, total } = scan;
  const gr = total.grad - gl;
  const hr = total.hess - hl;
  const cr = total.count - cl;
  if (cl < rules.minSamplesLeaf || cr < rules.minSamplesLeaf || hl < rules.minChildWeight || hr < rules.minChildWeight) return;
  // Without counts, sides are told apart by hessian: an empty side has none.
  if (scan.counts ? cl < 1 || cr < 1 : hl <= 0 || hr <= 0) return;
  const wl = leafValue(gl, hl, rules, scan.lower, scan.upper);
  const wr = leafValue(gr, hr, rules, scan.lower, scan.upper);
  const monotone = rules.monotone[f];
  if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) return;
  const gain = scan.parentLoss - leafLoss(gl, hl, wl, rules) - leafLoss(gr, hr, wr, rules);
  if (scan.best !== null && !(gain > scan.best.gain)) return;
  scan.best = {
    gain,
    feature: f,
    bin,
    missingLeft,
    leftBins: leftBins && leftBins.slice(),
    left: { grad: gl, hess: hl, count: cl, value: wl },
    right: { grad: gr, hess: hr, count: cr, value: wr },
  };
}

function scanNumeric(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const { rules } = scan;
  const simple = rules.l1 === 0 && rules.maxDeltaStep === 0 && rules.monotone[f] === 0 && scan.lower === -Infinity && scan.upper === Infinity;
  if (simple && scan.counts === null) scanNumericPlain(hist, base, nValueBins, f, scan);
  else scanNumericGeneral(hist, base, nValueBins, f, scan);
}

/**
 * The most common case of all — no L1, clamp or monotone bound, and no row counts (minSamplesLeaf
 * 1) — as one tight loop over plain numbers: it runs for every feature of every node.
 */
function scanNumericPlain(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const { rules, total } = scan;
  const l2 = rules.l2;
  const minHess = Math.max(rules.minChildWeight, Number.MIN_VALUE);
  const m = 2 * (base + nValueBins);
  const gm = hist[m];
  const hm = hist[m + 1];
  const hasMissing = hm > 0;
  const G = total.grad;
  const H = total.hess;
  // Scores here are twice the loss removed, ½ dropped: compare against twice the best gain so far.
  let bestScore = scan.best ? 2 * (scan.best.gain - scan.parentLoss) : -Infinity;
  let bestBin = -1;
  let bestMissingLeft = false;
  let gl = 0;
  let hl = 0;
  const lastBin = hasMissing ? nValueBins - 1 : nValueBins - 2;
  let k = 2 * base;
  for (let b = 0; b <= lastBin; b++, k += 2) {
    const h = hist[k + 1];
    if (h === 0) continue;
    gl += hist[k];
    hl += h;
    const hr = H - hl;
    if (hl >= minHess && hr >= minHess) {
      const gr = G - gl;
      const score = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2);
      if (score > bestScore) {
        bestScore = score;
        bestBin = b;
        bestMissingLeft = false;
      }
    }
    if (hasMissing && b < nValueBins - 1) {
      const gl2 = gl + gm;
      const hl2 = hl + hm;
      const hr2 = H - hl2;
      if (hl2 >= minHess && hr2 >= minHess) {
        const gr2 = G - gl2;
        const score = (gl2 * gl2) / (hl2 + l2) + (gr2 * gr2) / (hr2 + l2);
        if (score > bestScore) {
          bestScore = score;
          bestBin = b;
          bestMissingLeft = true;
        }
      }
    }
  }
  if (bestBin >= 0) acceptThreshold(hist, base, nValueBins, f, scan, bestBin, bestMissingLeft);
}

function scanNumericGeneral(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const { counts } = scan;
  const m = base + nValueBins;
  const gm = hist[2 * m];
  const hm = hist[2 * m + 1];
  const cm = binCount(hist, counts, m);
  let gl = 0;
  let hl = 0;
  let cl = 0;
  // Threshold after bin b: bins 0..b left. The last threshold (all values left) only makes sense
  // when there are missing values to send right.
  const lastBin = cm > 0 ? nValueBins - 1 : nValueBins - 2;
  for (let b = 0; b <= lastBin; b++) {
    const j = base + b;
    const c = binCount(hist, counts, j);
    gl += hist[2 * j];
    hl += hist[2 * j + 1];
    cl += c;
    if (c === 0 && b < lastBin) continue;
    consider(scan, f, b, false, null, gl, hl, cl);
    if (cm > 0 && b < nValueBins - 1) consider(scan, f, b, true, null, gl + gm, hl + hm, cl + cm);
  }
}

function scanCategorical(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const { rules, counts } = scan;
  const m = base + nValueBins;
  const bins: number[] = [];
  for (let b = 0; b < nValueBins; b++) if (binCount(hist, counts, base + b) > 0) bins.push(b);
  const hasMissing = binCount(hist, counts, m) > 0;
  if (bins.length < 2 && !hasMissing) return;
  const leftBins = new Uint8Array(nValueBins + 1);
  if (bins.length <= rules.maxCatToOnehot) {
    for (const b of bins) {
      const j = base + b;
      leftBins.fill(0);
      leftBins[b] = 1;
      consider(scan, f, -1, false, leftBins, hist[2 * j], hist[2 * j + 1], binCount(hist, counts, j));
    }
    return;
  }
  // Order categories by their Newton step; any threshold in that order is a candidate partition.
  // The search picks the best of many partitions, so its gain is judged with a larger L2 (catL2);
  // the children's values keep the ordinary one.
  const penalised: Scan = { ...scan, rules: { ...rules, l2: rules.l2 + rules.catL2 }, parentLoss: penalisedParentLoss(scan, rules.l2 + rules.catL2) };
  const ratios = new Float64Array(nValueBins);
  for (const b of bins) ratios[b] = hist[2 * (base + b)] / (hist[2 * (base + b) + 1] + rules.catSmooth);
  bins.sort((a, b) => ratios[a] - ratios[b] || a - b);
  const gm = hist[2 * m];
  const hm = hist[2 * m + 1];
  const cm = binCount(hist, counts, m);
  const simple = counts === null && rules.l1 === 0 && rules.maxDeltaStep === 0 && scan.lower === -Infinity && scan.upper === Infinity;
  if (simple) {
    // The common case in closed form: find the best prefix with plain numbers, then build only it.
    const l2 = penalised.rules.l2;
    const minHess = Math.max(rules.minChildWeight, Number.MIN_VALUE);
    const G = scan.total.grad;
    const H = scan.total.hess;
    let best = -Infinity;
    let bestEnd = -1;
    let bestMissingLeft = false;
    let gl = 0;
    let hl = 0;
    for (let t = 0; t < bins.length - 1; t++) {
      const j = base + bins[t];
      gl += hist[2 * j];
      hl += hist[2 * j + 1];
      // Like LightGBM's max_cat_threshold: one side of the split holds at most this many categories.
      if (Math.min(t + 1, bins.length - t - 1) > MAX_CAT_THRESHOLD) continue;
      for (let variant = 0; variant < (hasMissing ? 2 : 1); variant++) {
        const missingLeft = variant === 1;
        const g = missingLeft ? gl + gm : gl;
        const h = missingLeft ? hl + hm : hl;
        if (h < minHess || H - h < minHess) continue;
        const score = (g * g) / (h + l2) + ((G - g) * (G - g)) / (H - h + l2);
        if (score > best) {
          best = score;
          bestEnd = t;
          bestMissingLeft = missingLeft;
        }
      }
    }
    if (bestEnd >= 0) {
      let g = bestMissingLeft ? gm : 0;
      let h = bestMissingLeft ? hm : 0;
      let c = bestMissingLeft ? cm : 0;
      for (let t = 0; t <= bestEnd; t++) {
        const j = base + bins[t];
        g += hist[2 * j];
        h += hist[2 * j + 1];
        c += binCount(hist, counts, j);
        leftBins[bins[t]] = 1;
      }
      leftBins[nValueBins] = bestMissingLeft ? 1 : 0;
      consider(penalised, f, -1, bestMissingLeft, leftBins, g, h, c);
    }
  } else {
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let t = 0; t < bins.length - 1; t++) {
      const j = base + bins[t];
      gl += hist[2 * j];
      hl += hist[2 * j + 1];
      cl += binCount(hist, counts, j);
      leftBins[bins[t]] = 1;
      consider(penalised, f, -1, false, leftBins, gl, hl, cl);
      if (hasMissing) {
        leftBins[nValueBins] = 1;
        consider(penalised, f, -1, true, leftBins, gl + gm, hl + hm, cl + cm);
        leftBins[nValueBins] = 0;
      }
    }
  }
  const found = penalised.best;
  if (found && found !== scan.best) {
    // Keep the penalised gain (it competes with other features), but the ordinary leaf values.
    const value = (g: number, h: number): number => leafValue(g, h, rules, scan.lower, scan.upper);
    scan.best = {
      ...found,
      left: { ...found.left, value: value(found.left.grad, found.left.hess) },
      right: { ...found.right, value: value(found.right.grad, found.right.hess) },
    };
  }
}

/** The parent's loss under another L2 penalty. */
function penalisedParentLoss(scan: Scan, l2: number): number {
  const rules = { ...scan.rules, l2 };
  const { grad, hess } = scan.total;
  return leafLoss(grad, hess, leafValue(grad, hess, rules, scan.lower, scan.upper), rules);
}
