// The best splitter's scan: every cut of one feature in one node, scored by scikit-learn's proxy
// improvement against the best cut so far, in the same arithmetic and order as scikit-learn.

import {
  geti, seti, getf, setf, addSample, nRows, ranks, distinct, distinctStart, samples, sampleClass, sampleY, sampleW,
  nodeKeys, nodePositions, binCount, binWeight, binStats, left, bestLeft, nodeStats, best, nClasses, S, code, minSamplesLeaf,
} from "./memory";
import { sortByKey } from "./sort";

/** The entropy criterion takes logarithms from the host, so that they match Math.log2 to the bit. */
@external("env", "log2")
declare function hostLog2(x: f64): f64;

// Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD).
const FEATURE_THRESHOLD: f64 = 1e-7;
const SQUARED_ERROR: i32 = 0;
const GINI: i32 = 1;

// The highest rank binByRank met.
let span: i32 = 0;

// The best cut so far, at `best`: proxy, threshold, wLeft as f64, then feature, nLeft, rankCut as i32.
@inline function bestProxy(): f64 {
  return getf(best, 0);
}

function keep(f: i32, proxy: f64, nLeft: i32, wl: f64, threshold: f64, rankCut: i32): void {
  setf(best, 0, proxy);
  setf(best, 1, threshold);
  setf(best, 2, wl);
  seti(best + 24, 0, f);
  seti(best + 24, 1, nLeft);
  seti(best + 24, 2, rankCut);
  for (let k = 0; k < S; k++) setf(bestLeft, k, getf(left, k));
}

/** scikit-learn's proxy improvement of the cut with statistics `left` (weight wl) out of the node's. */
function proxyOf(wl: f64, wr: f64): f64 {
  if (code == SQUARED_ERROR) {
    const l0 = getf(left, 0);
    const sr = getf(nodeStats, 0) - l0;
    return (l0 * l0) / wl + (sr * sr) / wr;
  }
  if (code == GINI) {
    let sl: f64 = 0;
    let sr: f64 = 0;
    for (let k = 0; k < nClasses; k++) {
      const l = getf(left, k);
      const r = getf(nodeStats, k) - l;
      sl += l * l;
      sr += r * r;
    }
    return sl / wl + sr / wr;
  }
  let el: f64 = 0;
  let er: f64 = 0;
  for (let k = 0; k < nClasses; k++) {
    const l = getf(left, k);
    const r = getf(nodeStats, k) - l;
    if (l > 0) el += l * hostLog2(l / wl);
    if (r > 0) er += r * hostLog2(r / wr);
  }
  return el + er;
}

/** scikit-learn's threshold: halfway, or the lower value when halfway rounds up to the upper one. */
function midpoint(a: f64, b: f64): f64 {
  const t = a / 2 + b / 2;
  return t == b || !isFinite<f64>(t) ? a : t;
}

/** Counts the node's rows [start, end) into one bin per rank on feature f; returns the lowest rank (the highest in `span`). */
function binByRank(f: i32, start: i32, end: i32): i32 {
  const base = ranks + ((<usize>f * <usize>nRows) << 2);
  let lo: i32 = 0x7fffffff;
  let hi: i32 = -1;
  if (nClasses > 0) {
    for (let i = start; i < end; i++) {
      const b = geti(base, geti(samples, i));
      if (b < lo) lo = b;
      if (b > hi) hi = b;
      seti(binCount, b, geti(binCount, b) + 1);
      const at = b * S + geti(sampleClass, i);
      setf(binStats, at, getf(binStats, at) + getf(sampleW, i));
    }
  } else {
    for (let i = start; i < end; i++) {
      const b = geti(base, geti(samples, i));
      if (b < lo) lo = b;
      if (b > hi) hi = b;
      const wi = getf(sampleW, i);
      const yi = getf(sampleY, i);
      seti(binCount, b, geti(binCount, b) + 1);
      setf(binWeight, b, getf(binWeight, b) + wi);
      setf(binStats, b * S, getf(binStats, b * S) + wi * yi);
      setf(binStats, b * S + 1, getf(binStats, b * S + 1) + wi * yi * yi);
    }
  }
  span = hi;
  return lo;
}

/** Counts the node's n gathered rows (nodeKeys: rank, bin rank - lo; nodePositions: position - start) into bins. */
function binByKey(start: i32, n: i32, lo: i32): void {
  for (let i = 0; i < n; i++) {
    const b = geti(nodeKeys, i) - lo;
    const at = start + geti(nodePositions, i);
    const wi = getf(sampleW, at);
    seti(binCount, b, geti(binCount, b) + 1);
    if (nClasses == 0) setf(binWeight, b, getf(binWeight, b) + wi);
    addSample(binStats + (<usize>(b * S) << 3), at, wi);
  }
}

function clearBins(from: i32, to: i32): void {
  for (let b = from; b <= to; b++) {
    seti(binCount, b, 0);
    setf(binWeight, b, 0);
  }
  for (let i = from * S; i < (to + 1) * S; i++) setf(binStats, i, 0);
}

/** Scores the cuts between consecutive non-empty bins of [from, to] (bin b: the value distinct[valueAt + b]), emptying them. */
function cutBins(f: i32, n: i32, from: i32, to: i32, valueAt: i32, wNode: f64): void {
  for (let k = 0; k < S; k++) setf(left, k, 0);
  const featureAt = geti(distinctStart, f);
  let wl: f64 = 0;
  let nl: i32 = 0;
  let previous: i32 = -1;
  let b = from;
  for (; b <= to; b++) {
    const count = geti(binCount, b);
    if (count == 0) continue;
    if (previous >= 0 && getf(distinct, valueAt + b) > getf(distinct, valueAt + previous) + FEATURE_THRESHOLD) {
      if (n - nl < minSamplesLeaf) break;
      if (nl >= minSamplesLeaf) {
        const proxy = proxyOf(wl, wNode - wl);
        if (proxy > bestProxy()) keep(f, proxy, nl, wl, midpoint(getf(distinct, valueAt + previous), getf(distinct, valueAt + b)), valueAt + previous - featureAt);
      }
    }
    if (nClasses > 0) {
      for (let k = 0; k < S; k++) {
        const w = getf(binStats, b * S + k);
        setf(binStats, b * S + k, 0);
        setf(left, k, getf(left, k) + w);
        wl += w;
      }
    } else {
      setf(left, 0, getf(left, 0) + getf(binStats, b * S));
      setf(left, 1, getf(left, 1) + getf(binStats, b * S + 1));
      wl += getf(binWeight, b);
      setf(binStats, b * S, 0);
      setf(binStats, b * S + 1, 0);
      setf(binWeight, b, 0);
    }
    seti(binCount, b, 0);
    nl += count;
    previous = b;
  }
  if (b <= to) clearBins(b, to);
}

/** Feature f's n rows sorted by rank (nodeKeys less the lowest rank, nodePositions), cut between distinct values. */
function scanSorted(f: i32, start: i32, n: i32, valueAt: i32, wNode: f64): void {
  for (let k = 0; k < S; k++) setf(left, k, 0);
  const featureAt = geti(distinctStart, f);
  let wl: f64 = 0;
  for (let i = 0; i < n - 1; i++) {
    const at = start + geti(nodePositions, i);
    const wi = getf(sampleW, at);
    wl += wi;
    addSample(left, at, wi);
    const key = geti(nodeKeys, i);
    const nextKey = geti(nodeKeys, i + 1);
    if (nextKey == key) continue;
    const v = getf(distinct, valueAt + key);
    const next = getf(distinct, valueAt + nextKey);
    if (next <= v + FEATURE_THRESHOLD) continue;
    const nLeft = i + 1;
    if (n - nLeft < minSamplesLeaf) break;
    if (nLeft < minSamplesLeaf) continue;
    const proxy = proxyOf(wl, wNode - wl);
    if (proxy > bestProxy()) keep(f, proxy, nLeft, wl, midpoint(v, next), valueAt + key - featureAt);
  }
}

/**
 * Scores every cut of feature f in the node [start, end) (statistics in nodeStats, weight wNode)
 * against the best so far; returns 0 when f is constant there, 1 otherwise. A node spanning at
 * most two distinct values per row counts its rows into bins (linear, exact); others sort them.
 */
export function tryBest(f: i32, start: i32, end: i32, wNode: f64): i32 {
  const n = end - start;
  const valueAt = geti(distinctStart, f);
  if (geti(distinctStart, f + 1) - valueAt <= 2 * n) {
    const lo = binByRank(f, start, end);
    const hi = span;
    if (getf(distinct, valueAt + hi) <= getf(distinct, valueAt + lo) + FEATURE_THRESHOLD) {
      clearBins(lo, hi);
      return 0;
    }
    cutBins(f, n, lo, hi, valueAt, wNode);
    return 1;
  }
  const base = ranks + ((<usize>f * <usize>nRows) << 2);
  let lo: i32 = 0x7fffffff;
  let hi: i32 = -1;
  for (let i = 0; i < n; i++) {
    const r = geti(base, geti(samples, start + i));
    seti(nodeKeys, i, r);
    seti(nodePositions, i, i);
    if (r < lo) lo = r;
    if (r > hi) hi = r;
  }
  if (getf(distinct, valueAt + hi) <= getf(distinct, valueAt + lo) + FEATURE_THRESHOLD) return 0;
  const range = hi - lo + 1;
  if (range <= 2 * n) {
    binByKey(start, n, lo);
    cutBins(f, n, 0, range - 1, valueAt + lo, wNode);
  } else {
    sortByKey(n, lo, range);
    scanSorted(f, start, n, valueAt + lo, wNode);
  }
  return 1;
}
