// The best threshold of one numeric feature of a node: bins 0..b go left, missing values on
// either side. Plain features (no row counts, L1, clamp or bounds) are scanned by comparing
// scores, in WebAssembly when the kernels are there; the others judge each threshold as consider()
// does, in WebAssembly too. Either way the winner's sums are rebuilt here and handed to consider(),
// so the split and its gain are exactly those of a scan in JavaScript.

import { binCount, consider, type ScanKernels, type SplitSearch } from "./split.js";

/** Takes a feature's best threshold found by the kernel when it beats the best split so far. */
export function acceptScanned(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch, results: Float64Array): void {
  const score = results[3 * f];
  if (search.found && !(score > 2 * (search.gain - search.parentLoss))) return;
  acceptThreshold(hist, base, nValueBins, f, search, results[3 * f + 1], results[3 * f + 2] === 1);
}

/** Rebuilds the sums of a chosen threshold and hands it to consider() for the exact gain and values. */
function acceptThreshold(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch, bin: number, missingLeft: boolean): void {
  const m = 2 * (base + nValueBins);
  let sg = 0;
  let sh = 0;
  let nonEmpty = 0;
  for (let b = 0, j = 2 * base; b <= bin; b++, j += 2) {
    const h = hist[j + 1];
    sg += hist[j];
    sh += h;
    // Counted without a branch: in a small node bins are empty at random.
    nonEmpty += +(h > 0);
  }
  const { l2 } = search.rules;
  if (missingLeft) consider(search, f, bin, true, false, l2, search.parentLoss, sg + hist[m], sh + hist[m + 1], nonEmpty + 1);
  else consider(search, f, bin, false, false, l2, search.parentLoss, sg, sh, nonEmpty);
}

export function scanNumeric(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch, kernels?: ScanKernels): void {
  const { rules } = search;
  const simple = rules.l1 === 0 && rules.maxDeltaStep === 0 && rules.monotone[f] === 0 && search.lower === -Infinity && search.upper === Infinity;
  if (simple && search.counts === null) scanNumericPlain(hist, base, nValueBins, f, search);
  else if (kernels) acceptGeneral(hist, base, nValueBins, f, search, kernels.general(base, nValueBins, f, search));
  else scanNumericGeneral(hist, base, nValueBins, f, search);
}

/** Takes the threshold the general kernel found better than the best so far, with scanNumericGeneral's sums. */
function acceptGeneral(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch, result: Float64Array): void {
  const bin = result[1];
  if (bin < 0) return;
  const { counts, parentLoss } = search;
  const { l2 } = search.rules;
  let gl = 0;
  let hl = 0;
  let cl = 0;
  for (let j = base; j <= base + bin; j++) {
    gl += hist[2 * j];
    hl += hist[2 * j + 1];
    cl += binCount(hist, counts, j);
  }
  if (result[2] === 1) {
    const m = base + nValueBins;
    consider(search, f, bin, true, false, l2, parentLoss, gl + hist[2 * m], hl + hist[2 * m + 1], cl + binCount(hist, counts, m));
  } else {
    consider(search, f, bin, false, false, l2, parentLoss, gl, hl, cl);
  }
}

/**
 * The most common case of all — no L1, clamp or monotone bound, and no row counts (minSamplesLeaf
 * 1) — as one tight loop over plain numbers (the kernel's loop, for when there is no kernel).
 */
function scanNumericPlain(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch): void {
  const { rules } = search;
  const l2 = rules.l2;
  const minHess = Math.max(rules.minChildWeight, Number.MIN_VALUE);
  const m = 2 * (base + nValueBins);
  const gm = hist[m];
  const hm = hist[m + 1];
  const hasMissing = hm > 0;
  const G = search.G;
  const H = search.H;
  // Scores here are twice the loss removed, ½ dropped: compare against twice the best gain so far.
  let bestScore = search.found ? 2 * (search.gain - search.parentLoss) : -Infinity;
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
  if (bestBin >= 0) acceptThreshold(hist, base, nValueBins, f, search, bestBin, bestMissingLeft);
}

function scanNumericGeneral(hist: Float64Array, base: number, nValueBins: number, f: number, search: SplitSearch): void {
  const { counts, parentLoss } = search;
  const { l2 } = search.rules;
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
    consider(search, f, b, false, false, l2, parentLoss, gl, hl, cl);
    if (cm > 0 && b < nValueBins - 1) consider(search, f, b, true, false, l2, parentLoss, gl + gm, hl + hm, cl + cm);
  }
}
