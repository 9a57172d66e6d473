// The best split of one categorical feature of a node. With few categories, each category alone
// is tried against the rest. With more, categories are ordered by their Newton step (gradient over
// smoothed hessian, as LightGBM does) and every prefix of that order is a candidate, with missing
// values on either side. The search picks the best of many partitions, so its gain is judged with
// a larger L2 (catL2); the children's values keep the ordinary one. Deep in a tree the ordering
// rests on few rows per category, so, as LightGBM does, categories with fewer than catSmooth rows
// stay on the right, and a prefix is a candidate only once it has added minDataPerGroup rows since
// the last candidate, with as many left on the right. Row counts are the node's rows shared out
// in proportion to hessians when no counts are kept.
//
// It runs for every categorical feature of every node: categories are kept and sorted in the
// search's scratch arrays, never in fresh arrays or with a comparator closure.

import { binCount, consider, leafLossWith, leafValueWith, type SplitSearch } from "./split.js";

/** Most categories on the smaller side of a categorical split found by ordering (LightGBM's default). */
const MAX_CAT_THRESHOLD = 32;

export function scanCategorical(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch): void {
  const { rules, counts, bins, leftBins } = search;
  const m = base + nValueBins;
  let nb = 0;
  for (let b = 0; b < nValueBins; b++) if (binCount(hist, counts, base + b) > 0) bins[nb++] = b;
  const hasMissing = binCount(hist, counts, m) > 0;
  if (nb < 2 && !hasMissing) return;
  leftBins.fill(0, 0, nValueBins + 1);
  if (nb <= rules.maxCatToOnehot) {
    for (let t = 0; t < nb; t++) {
      const b = bins[t];
      const j = base + b;
      leftBins[b] = 1;
      consider(search, f, -1, false, true, rules.l2, search.parentLoss, hist[2 * j], hist[2 * j + 1], binCount(hist, counts, j));
      leftBins[b] = 0;
    }
    return;
  }
  const { ratios } = search;
  // Rows per unit of hessian, for row counts estimated from hessians.
  const perHess = search.H > 0 ? search.N / search.H : 0;
  let kept = 0;
  for (let t = 0; t < nb; t++) {
    const j = base + bins[t];
    if (rowsOf(hist, counts, j, perHess) < rules.catSmooth) continue;
    bins[kept++] = bins[t];
    ratios[bins[t]] = hist[2 * j] / (hist[2 * j + 1] + rules.catSmooth);
  }
  nb = kept;
  if (nb < 1 || (nb < 2 && !hasMissing)) return;
  sortByRatio(bins, nb, ratios);
  const l2 = rules.l2 + rules.catL2;
  const parentLoss = penalisedParentLoss(search, l2);
  const before = search.version;
  const simple = counts === null && rules.l1 === 0 && rules.maxDeltaStep === 0 && search.lower === -Infinity && search.upper === Infinity;
  if (simple) scanOrderSimple(hist, base, nValueBins, f, search, nb, hasMissing, l2, parentLoss, perHess);
  else scanOrderGeneral(hist, base, nValueBins, f, search, nb, hasMissing, l2, parentLoss, perHess);
  if (search.version !== before) {
    // Keep the penalised gain (it competes with other features), but the ordinary leaf values.
    search.wl = leafValueWith(search.gl, search.hl, rules.l1, rules.l2, rules.maxDeltaStep, search.lower, search.upper);
    search.wr = leafValueWith(search.gr, search.hr, rules.l1, rules.l2, rules.maxDeltaStep, search.lower, search.upper);
  }
}

/**
 * Sorts bins[0..n) by ratio, ties by bin: insertion sort, as there are at most 255 and usually a
 * few dozen. The order is the one Array.prototype.sort gives with the comparator
 * `ratios[a] - ratios[b] || a - b`, which is a strict total order unless a ratio is NaN (0 / 0,
 * possible only with catSmooth 0 and zero-weight rows): then that sort itself decides.
 */
function sortByRatio(bins: Int32Array, n: number, ratios: Float64Array): void {
  for (let t = 0; t < n; t++) {
    if (ratios[bins[t]] !== ratios[bins[t]]) {
      const sorted = Array.from(bins.subarray(0, n)).sort((a, b) => ratios[a] - ratios[b] || a - b);
      bins.set(sorted);
      return;
    }
  }
  for (let t = 1; t < n; t++) {
    const b = bins[t];
    const r = ratios[b];
    let s = t - 1;
    // Earlier bins with a larger ratio, or the same ratio and a larger index, move up.
    while (s >= 0 && (ratios[bins[s]] > r || (!(ratios[bins[s]] < r) && bins[s] > b))) {
      bins[s + 1] = bins[s];
      s--;
    }
    bins[s + 1] = b;
  }
}

/** The common case (no counts, L1, clamp or bounds) in closed form: the best prefix with plain numbers, then only it built. */
function scanOrderSimple(
  hist: Float64Array,
  base: number,
  nValueBins: number,
  f: number,
  search: SplitSearch,
  nb: number,
  hasMissing: boolean,
  l2: number,
  parentLoss: number,
  perHess: number,
): void {
  const { rules, counts, bins, leftBins } = search;
  const m = base + nValueBins;
  const gm = hist[2 * m];
  const hm = hist[2 * m + 1];
  const minHess = Math.max(rules.minChildWeight, Number.MIN_VALUE);
  const G = search.G;
  const H = search.H;
  const N = search.N;
  const group = rules.minDataPerGroup;
  let nl = 0;
  let sinceLast = 0;
  let best = -Infinity;
  let bestEnd = -1;
  let bestMissingLeft = false;
  let gl = 0;
  let hl = 0;
  for (let t = 0; t < nb; t++) {
    const j = base + bins[t];
    gl += hist[2 * j];
    hl += hist[2 * j + 1];
    const rows = rowsOf(hist, counts, j, perHess);
    nl += rows;
    sinceLast += rows;
    if (N - nl < group) break;
    if (sinceLast < group) continue;
    sinceLast = 0;
    // Like LightGBM's max_cat_threshold: one side of the split holds at most this many categories.
    if (Math.min(t + 1, nb - t - 1) > MAX_CAT_THRESHOLD) continue;
    // Missing values right, then (when there are any) left.
    if (!(hl < minHess || H - hl < minHess)) {
      const score = (gl * gl) / (hl + l2) + ((G - gl) * (G - gl)) / (H - hl + l2);
      if (score > best) {
        best = score;
        bestEnd = t;
        bestMissingLeft = false;
      }
    }
    if (hasMissing) {
      const g = gl + gm;
      const h = hl + hm;
      if (!(h < minHess || H - h < minHess)) {
        const score = (g * g) / (h + l2) + ((G - g) * (G - g)) / (H - h + l2);
        if (score > best) {
          best = score;
          bestEnd = t;
          bestMissingLeft = true;
        }
      }
    }
  }
  if (bestEnd < 0) return;
  let g = bestMissingLeft ? gm : 0;
  let h = bestMissingLeft ? hm : 0;
  let c = bestMissingLeft ? binCount(hist, counts, m) : 0;
  for (let t = 0; t <= bestEnd; t++) {
    const j = base + bins[t];
    g += hist[2 * j];
    h += hist[2 * j + 1];
    c += binCount(hist, counts, j);
    leftBins[bins[t]] = 1;
  }
  leftBins[nValueBins] = bestMissingLeft ? 1 : 0;
  consider(search, f, -1, bestMissingLeft, true, l2, parentLoss, g, h, c);
}

/** Every prefix through consider(), for row counts, L1, clamps and monotone bounds. */
function scanOrderGeneral(
  hist: Float64Array,
  base: number,
  nValueBins: number,
  f: number,
  search: SplitSearch,
  nb: number,
  hasMissing: boolean,
  l2: number,
  parentLoss: number,
  perHess: number,
): void {
  const { counts, bins, leftBins } = search;
  const m = base + nValueBins;
  const gm = hist[2 * m];
  const hm = hist[2 * m + 1];
  const cm = binCount(hist, counts, m);
  const group = search.rules.minDataPerGroup;
  let gl = 0;
  let hl = 0;
  let cl = 0;
  let nl = 0;
  let sinceLast = 0;
  for (let t = 0; t < nb; t++) {
    const j = base + bins[t];
    gl += hist[2 * j];
    hl += hist[2 * j + 1];
    cl += binCount(hist, counts, j);
    leftBins[bins[t]] = 1;
    const rows = rowsOf(hist, counts, j, perHess);
    nl += rows;
    sinceLast += rows;
    if (search.N - nl < group) break;
    if (sinceLast < group) continue;
    sinceLast = 0;
    consider(search, f, -1, false, true, l2, parentLoss, gl, hl, cl);
    if (hasMissing) {
      leftBins[nValueBins] = 1;
      consider(search, f, -1, true, true, l2, parentLoss, gl + gm, hl + hm, cl + cm);
      leftBins[nValueBins] = 0;
    }
  }
}

/** Rows in bin j: counted when counts are kept, else estimated from its hessian. */
function rowsOf(hist: Float64Array, counts: Uint32Array | null, j: number, perHess: number): number {
  return counts ? counts[j] : hist[2 * j + 1] * perHess;
}

/** The parent's loss under another L2 penalty. */
function penalisedParentLoss(search: SplitSearch, l2: number): number {
  const { l1, maxDeltaStep } = search.rules;
  return leafLossWith(search.G, search.H, leafValueWith(search.G, search.H, l1, l2, maxDeltaStep, search.lower, search.upper), l1, l2);
}
