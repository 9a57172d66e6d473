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

export function findBestSplit(
  hist: Float64Array,
  mapper: BinMapper,
  total: { grad: number; hess: number; count: number },
  rules: SplitRules,
  lower: number,
  upper: number,
): Split | null {
  const parentValue = leafValue(total.grad, total.hess, rules, lower, upper);
  const parentLoss = leafLoss(total.grad, total.hess, parentValue, rules);
  const scan: Scan = { best: null, parentLoss, total, rules, lower, upper };
  if (total.count < 2 * rules.minSamplesLeaf || total.hess < 2 * rules.minChildWeight) return null;
  for (let f = 0; f < mapper.features.length; f++) {
    if (rules.allowed && !rules.allowed[f]) continue;
    const fb = mapper.features[f];
    if (fb.isCategorical) scanCategorical(hist, 3 * mapper.offsets[f], fb.nValueBins, f, scan);
    else scanNumeric(hist, 3 * mapper.offsets[f], fb.nValueBins, f, scan);
  }
  return scan.best && scan.best.gain > rules.minSplitGain ? scan.best : null;
}

interface Scan {
  best: Split | null;
  readonly parentLoss: number;
  readonly total: { grad: number; hess: number; count: number };
  readonly rules: SplitRules;
  readonly lower: number;
  readonly upper: number;
}

/** Evaluates one candidate and keeps it when it beats the best so far (ties keep the first). */
function consider(scan: Scan, f: number, bin: number, missingLeft: boolean, leftBins: Uint8Array | null, gl: number, hl: number, cl: number): void {
  const { rules, total } = scan;
  const gr = total.grad - gl;
  const hr = total.hess - hl;
  const cr = total.count - cl;
  if (cl < rules.minSamplesLeaf || cr < rules.minSamplesLeaf || hl < rules.minChildWeight || hr < rules.minChildWeight) return;
  if (cl < 1 || cr < 1) return;
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
  if (simple) scanNumericFast(hist, base, nValueBins, f, scan);
  else scanNumericGeneral(hist, base, nValueBins, f, scan);
}

/**
 * The common case (no L1, no step clamp, no monotone bound), where a leaf's loss is −½G²/(H+λ): the
 * scan keeps the best threshold in local numbers and builds a Split object once, for the winner.
 */
function scanNumericFast(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const { rules, total } = scan;
  const l2 = rules.l2;
  const minLeaf = rules.minSamplesLeaf;
  const minHess = rules.minChildWeight;
  const m = base + 3 * nValueBins;
  const gm = hist[m];
  const hm = hist[m + 1];
  const cm = hist[m + 2];
  const G = total.grad;
  const H = total.hess;
  const C = total.count;
  // Gain = parentLoss − lossL − lossR with loss = −½G²/(H+λ); compare ½(GL²/(HL+λ) + GR²/(HR+λ)).
  const floor = scan.best ? scan.best.gain - scan.parentLoss : -Infinity;
  let bestScore = floor;
  let bestBin = -1;
  let bestMissingLeft = false;
  let gl = 0;
  let hl = 0;
  let cl = 0;
  const lastBin = cm > 0 ? nValueBins - 1 : nValueBins - 2;
  for (let b = 0; b <= lastBin; b++) {
    const k = base + 3 * b;
    const c = hist[k + 2];
    if (c === 0 && b < lastBin) continue;
    gl += hist[k];
    hl += hist[k + 1];
    cl += c;
    // Missing values sent right.
    let gr = G - gl;
    let hr = H - hl;
    let cr = C - cl;
    if (cl >= minLeaf && cr >= minLeaf && hl >= minHess && hr >= minHess && cl >= 1 && cr >= 1) {
      const score = 0.5 * ((gl * gl) / (hl + l2) + (gr * gr) / (hr + l2));
      if (score > bestScore) {
        bestScore = score;
        bestBin = b;
        bestMissingLeft = false;
      }
    }
    if (cm > 0 && b < nValueBins - 1) {
      // Missing values sent left.
      const gl2 = gl + gm;
      const hl2 = hl + hm;
      const cl2 = cl + cm;
      gr = G - gl2;
      hr = H - hl2;
      cr = C - cl2;
      if (cl2 >= minLeaf && cr >= minLeaf && hl2 >= minHess && hr >= minHess && cr >= 1) {
        const score = 0.5 * ((gl2 * gl2) / (hl2 + l2) + (gr * gr) / (hr + l2));
        if (score > bestScore) {
          bestScore = score;
          bestBin = b;
          bestMissingLeft = true;
        }
      }
    }
  }
  if (bestBin < 0) return;
  // Rebuild the winner's sums and hand it to consider(), which computes the exact gain and values.
  let sg = 0;
  let sh = 0;
  let sc = 0;
  for (let b = 0; b <= bestBin; b++) {
    const k = base + 3 * b;
    sg += hist[k];
    sh += hist[k + 1];
    sc += hist[k + 2];
  }
  if (bestMissingLeft) consider(scan, f, bestBin, true, null, sg + gm, sh + hm, sc + cm);
  else consider(scan, f, bestBin, false, null, sg, sh, sc);
}

function scanNumericGeneral(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const m = base + 3 * nValueBins;
  const gm = hist[m];
  const hm = hist[m + 1];
  const cm = hist[m + 2];
  let gl = 0;
  let hl = 0;
  let cl = 0;
  // Threshold after bin b: bins 0..b left. The last threshold (all values left) only makes sense
  // when there are missing values to send right.
  const lastBin = cm > 0 ? nValueBins - 1 : nValueBins - 2;
  for (let b = 0; b <= lastBin; b++) {
    const k = base + 3 * b;
    gl += hist[k];
    hl += hist[k + 1];
    cl += hist[k + 2];
    if (hist[k + 2] === 0 && b < lastBin) continue;
    consider(scan, f, b, false, null, gl, hl, cl);
    if (cm > 0 && b < nValueBins - 1) consider(scan, f, b, true, null, gl + gm, hl + hm, cl + cm);
  }
}

function scanCategorical(hist: Float64Array, base: number, nValueBins: number, f: number, scan: Scan): void {
  const { rules } = scan;
  const m = nValueBins;
  const bins: number[] = [];
  for (let b = 0; b < nValueBins; b++) if (hist[base + 3 * b + 2] > 0) bins.push(b);
  if (bins.length < 2 && hist[base + 3 * m + 2] === 0) return;
  const leftBins = new Uint8Array(nValueBins + 1);
  const hasMissing = hist[base + 3 * m + 2] > 0;
  if (bins.length <= rules.maxCatToOnehot) {
    for (const b of bins) {
      const k = base + 3 * b;
      leftBins.fill(0);
      leftBins[b] = 1;
      consider(scan, f, -1, false, leftBins, hist[k], hist[k + 1], hist[k + 2]);
    }
    return;
  }
  // Order categories by their Newton step; any threshold in that order is a candidate partition.
  const ratio = (b: number): number => hist[base + 3 * b] / (hist[base + 3 * b + 1] + rules.catSmooth);
  bins.sort((a, b) => ratio(a) - ratio(b) || a - b);
  let gl = 0;
  let hl = 0;
  let cl = 0;
  leftBins.fill(0);
  for (let j = 0; j < bins.length - 1; j++) {
    const k = base + 3 * bins[j];
    gl += hist[k];
    hl += hist[k + 1];
    cl += hist[k + 2];
    leftBins[bins[j]] = 1;
    consider(scan, f, -1, false, leftBins, gl, hl, cl);
    if (hasMissing) {
      leftBins[m] = 1;
      const km = base + 3 * m;
      consider(scan, f, -1, true, leftBins, gl + hist[km], hl + hist[km + 1], cl + hist[km + 2]);
      leftBins[m] = 0;
    }
  }
}
