// Hot loops of CART growth (src/models/tree): scoring the cuts of one feature in one node, and
// partitioning a node's rows. The same arithmetic, in the same order, as the TypeScript it
// replaces, so trees are unchanged; compiled ahead of time because a fit runs these loops once
// per process and JavaScript paid more to compile them than to run them (see splitter.ts).
// All arrays live in one grower's linear memory, laid out by src/models/tree/tree-memory.ts,
// which hands their offsets over once (layout) and the tree's settings per tree (configure).

/** The entropy criterion takes logarithms from the host, so that they match Math.log2 to the bit. */
@external("env", "log2")
declare function hostLog2(x: f64): f64;

// Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD).
const FEATURE_THRESHOLD: f64 = 1e-7;
const SQUARED_ERROR: i32 = 0;
const GINI: i32 = 1;
// Small nodes take a quicksort of packed (rank, position) pairs, larger ones an LSD radix sort.
const RADIX_FROM: i32 = 256;
const PACKABLE: i32 = 1 << 23;
const MAX_DIGIT_BITS: i32 = 11;

// Layout: byte offsets of the arrays (see tree-memory.ts for what each holds).
let nRows: i32 = 0;
let ranks: usize = 0;
let columns: usize = 0;
let distinct: usize = 0;
let distinctStart: usize = 0;
let samples: usize = 0;
let sampleY: usize = 0;
let sampleClass: usize = 0;
let sampleW: usize = 0;
let nodeKeys: usize = 0;
let nodePositions: usize = 0;
let sortKeys: usize = 0;
let sortRows: usize = 0;
let sortPacked: usize = 0;
let sortCounts: usize = 0;
let binCount: usize = 0;
let binWeight: usize = 0;
let binStats: usize = 0;
let left: usize = 0;
let bestLeft: usize = 0;
let nodeStats: usize = 0;
let leftChild: usize = 0;
let rightChild: usize = 0;
let best: usize = 0;

// Settings of the tree being grown.
let nClasses: i32 = 0;
let S: i32 = 2;
let code: i32 = 0;
let minSamplesLeaf: i32 = 1;

// The highest rank binByRank met.
let span: i32 = 0;

export function layout(
  n: i32, ranksAt: usize, columnsAt: usize, distinctAt: usize, distinctStartAt: usize,
  samplesAt: usize, sampleYAt: usize, sampleClassAt: usize, sampleWAt: usize,
  nodeKeysAt: usize, nodePositionsAt: usize, sortKeysAt: usize, sortRowsAt: usize, sortPackedAt: usize, sortCountsAt: usize,
  binCountAt: usize, binWeightAt: usize, binStatsAt: usize,
  leftAt: usize, bestLeftAt: usize, nodeStatsAt: usize, leftChildAt: usize, rightChildAt: usize, bestAt: usize,
): void {
  nRows = n;
  ranks = ranksAt;
  columns = columnsAt;
  distinct = distinctAt;
  distinctStart = distinctStartAt;
  samples = samplesAt;
  sampleY = sampleYAt;
  sampleClass = sampleClassAt;
  sampleW = sampleWAt;
  nodeKeys = nodeKeysAt;
  nodePositions = nodePositionsAt;
  sortKeys = sortKeysAt;
  sortRows = sortRowsAt;
  sortPacked = sortPackedAt;
  sortCounts = sortCountsAt;
  binCount = binCountAt;
  binWeight = binWeightAt;
  binStats = binStatsAt;
  left = leftAt;
  bestLeft = bestLeftAt;
  nodeStats = nodeStatsAt;
  leftChild = leftChildAt;
  rightChild = rightChildAt;
  best = bestAt;
}

/** classes: 0 for regression; criterion: 0 squared error, 1 Gini, 2 entropy. */
export function configure(classes: i32, criterion: i32, minLeaf: i32): void {
  nClasses = classes;
  S = classes > 2 ? classes : 2;
  code = criterion;
  minSamplesLeaf = minLeaf;
}

@inline function geti(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline function seti(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline function getf(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setf(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

// The best cut so far, at `best`: proxy, threshold, wLeft as f64, then feature, nLeft, rankCut as i32.
/** Adds sample i, of weight wi, to the statistics at `stats`: its class's weight, or Σwy and Σwy² (S values). */
@inline function addSample(stats: usize, i: i32, wi: f64): void {
  if (nClasses > 0) {
    const c = geti(sampleClass, i);
    setf(stats, c, getf(stats, c) + wi);
  } else {
    const yi = getf(sampleY, i);
    setf(stats, 0, getf(stats, 0) + wi * yi);
    setf(stats, 1, getf(stats, 1) + wi * yi * yi);
  }
}

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

/** Sorts the n ranks in nodeKeys (in [lo, lo + range)) with their nodePositions; the keys come out less lo. */
export function sortByKey(n: i32, lo: i32, range: i32): void {
  if (n < RADIX_FROM && range <= PACKABLE) {
    for (let i = 0; i < n; i++) {
      seti(sortPacked, i, ((geti(nodeKeys, i) - lo) << 8) | i);
      seti(sortRows, i, geti(nodePositions, i));
    }
    quicksort(sortPacked, 0, n);
    for (let i = 0; i < n; i++) {
      const key = geti(sortPacked, i);
      seti(nodeKeys, i, key >> 8);
      seti(nodePositions, i, geti(sortRows, key & 255));
    }
  } else {
    for (let i = 0; i < n; i++) seti(nodeKeys, i, geti(nodeKeys, i) - lo);
    radixSort(n, range);
  }
}

/** Sorts a[lo, hi) of distinct numbers: median-of-three quicksort, insertion sort below 16. */
function quicksort(a: usize, lo: i32, hi: i32): void {
  while (hi - lo > 16) {
    const x = geti(a, lo);
    const y = geti(a, (lo + hi) >> 1);
    const z = geti(a, hi - 1);
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (geti(a, i) < pivot) i++;
      while (geti(a, j) > pivot) j--;
      if (i <= j) {
        const t = geti(a, i);
        seti(a, i++, geti(a, j));
        seti(a, j--, t);
      }
    }
    // Recurse into the smaller part, loop on the larger: the stack stays logarithmic.
    if (j + 1 - lo < hi - i) {
      quicksort(a, lo, j + 1);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = geti(a, i);
    let j = i - 1;
    while (j >= lo && geti(a, j) > v) {
      seti(a, j + 1, geti(a, j));
      j--;
    }
    seti(a, j + 1, v);
  }
}

function radixSort(n: i32, range: i32): void {
  const bits = 32 - <i32>clz<u32>(<u32>max(1, range - 1));
  const passes = (bits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
  const digitBits = (bits + passes - 1) / passes;
  const mask = (1 << digitBits) - 1;
  let fromKeys = nodeKeys;
  let fromRows = nodePositions;
  let toKeys = sortKeys;
  let toRows = sortRows;
  for (let pass = 0, shift = 0; pass < passes; pass++, shift += digitBits) {
    memory.fill(sortCounts, 0, <usize>(mask + 2) << 2);
    for (let i = 0; i < n; i++) {
      const d = ((geti(fromKeys, i) >> shift) & mask) + 1;
      seti(sortCounts, d, geti(sortCounts, d) + 1);
    }
    for (let d = 1; d <= mask; d++) seti(sortCounts, d, geti(sortCounts, d) + geti(sortCounts, d - 1));
    for (let i = 0; i < n; i++) {
      const key = geti(fromKeys, i);
      const d = (key >> shift) & mask;
      const at = geti(sortCounts, d);
      seti(sortCounts, d, at + 1);
      seti(toKeys, at, key);
      seti(toRows, at, geti(fromRows, i));
    }
    const k = fromKeys;
    fromKeys = toKeys;
    toKeys = k;
    const r = fromRows;
    fromRows = toRows;
    toRows = r;
  }
  if (fromKeys != nodeKeys) {
    memory.copy(nodeKeys, fromKeys, <usize>n << 2);
    memory.copy(nodePositions, fromRows, <usize>n << 2);
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

/**
 * Partitions the node's rows [start, end) in place, left rows first (rank ≤ rankCut, or value ≤
 * threshold when rankCut is -1), moving their targets and weights along and summing each side's
 * statistics and weight (slot S) into leftChild and rightChild. Returns where the right rows start.
 */
export function partitionRows(start: i32, end: i32, feature: i32, rankCut: i32, threshold: f64): i32 {
  for (let k = 0; k <= S; k++) {
    setf(leftChild, k, 0);
    setf(rightChild, k, 0);
  }
  const rankBase = ranks + ((<usize>feature * <usize>nRows) << 2);
  const valueBase = columns + ((<usize>feature * <usize>nRows) << 3);
  let i = start;
  let j = end - 1;
  // Each turn settles the row at i: it stays (left) or swaps with the row at j (right).
  while (i <= j) {
    const row = geti(samples, i);
    const goesLeft = rankCut >= 0 ? geti(rankBase, row) <= rankCut : getf(valueBase, row) <= threshold;
    const wi = getf(sampleW, i);
    if (goesLeft) {
      setf(leftChild, S, getf(leftChild, S) + wi);
      addSample(leftChild, i, wi);
      i++;
      continue;
    }
    setf(rightChild, S, getf(rightChild, S) + wi);
    seti(samples, i, geti(samples, j));
    seti(samples, j, row);
    setf(sampleW, i, getf(sampleW, j));
    setf(sampleW, j, wi);
    if (nClasses > 0) {
      const c = geti(sampleClass, i);
      setf(rightChild, c, getf(rightChild, c) + wi);
      seti(sampleClass, i, geti(sampleClass, j));
      seti(sampleClass, j, c);
    } else {
      const yi = getf(sampleY, i);
      setf(rightChild, 0, getf(rightChild, 0) + wi * yi);
      setf(rightChild, 1, getf(rightChild, 1) + wi * yi * yi);
      setf(sampleY, i, getf(sampleY, j));
      setf(sampleY, j, yi);
    }
    j--;
  }
  return i;
}

// Ranking a training column (src/models/tree/training-set.ts): each value's rank among the
// column's distinct values. Integer columns over a short span are ranked by counting, others by
// an LSD radix sort of their bits; both linear.

/** Integer columns spanning fewer values than this per row (plus the allowance) are counted. */
const COUNT_SPAN_PER_ROW: f64 = 4;
const COUNT_SPAN_ALLOWANCE: f64 = 131072;
const DIGIT_BITS: i32 = 11;
const DIGIT_MASK: i32 = (1 << DIGIT_BITS) - 1;

/**
 * Ranks values[0, n) (finite): each value's rank to ranksOut, the distinct values, increasing,
 * to distinctOut; returns how many there are. `scratch` holds 16n + 2^19 + 8 bytes (-0 and 0 are one value).
 */
export function rankColumn(values: usize, n: i32, ranksOut: usize, distinctOut: usize, scratch: usize): i32 {
  const d = rankIntegers(values, n, ranksOut, distinctOut, scratch);
  return d >= 0 ? d : rankBySorting(values, n, ranksOut, distinctOut, scratch);
}

/** Counting through a table of the values present, or -1 when the column is not short-span integers. */
function rankIntegers(values: usize, n: i32, ranksOut: usize, distinctOut: usize, table: usize): i32 {
  let lo: f64 = Infinity;
  let hi: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = getf(values, i);
    if (Math.floor(v) != v) return -1;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo >= COUNT_SPAN_PER_ROW * <f64>n + COUNT_SPAN_ALLOWANCE) return -1;
  const size = <i32>(hi - lo) + 1;
  memory.fill(table, 0, <usize>size << 2);
  for (let i = 0; i < n; i++) seti(table, <i32>(getf(values, i) - lo), 1);
  let d: i32 = 0;
  for (let v = 0; v < size; v++) {
    if (geti(table, v) == 1) {
      d++;
      seti(table, v, d);
      setf(distinctOut, d - 1, lo + <f64>v);
    }
  }
  for (let i = 0; i < n; i++) seti(ranksOut, i, geti(table, <i32>(getf(values, i) - lo)) - 1);
  return d;
}

/** Orders the rows by their values' bits (mapped so that unsigned order is numeric order), then counts distinct values in order. */
function rankBySorting(values: usize, n: i32, ranksOut: usize, distinctOut: usize, scratch: usize): i32 {
  const keys = scratch;
  let order = keys + (<usize>n << 3);
  let spare = order + (<usize>n << 2);
  const counts = spare + (<usize>n << 2);
  for (let i = 0; i < n; i++) {
    const bits = reinterpret<u64>(getf(values, i) + 0);
    // Negative values: flip every bit (larger magnitude first); positive: set the sign bit.
    store<u64>(keys + (<usize>i << 3), (bits >> 63) != 0 ? ~bits : bits | 0x8000000000000000);
    seti(order, i, i);
  }
  for (let shift: i32 = 0; shift < 64; shift += DIGIT_BITS) {
    memory.fill(counts, 0, <usize>(DIGIT_MASK + 2) << 2);
    for (let i = 0; i < n; i++) {
      const digit = <i32>((load<u64>(keys + (<usize>i << 3)) >> <u64>shift) & <u64>DIGIT_MASK) + 1;
      seti(counts, digit, geti(counts, digit) + 1);
    }
    // A pass where every row has the same digit moves nothing.
    let isSingleDigit = false;
    for (let d = 1; d <= DIGIT_MASK + 1; d++) if (geti(counts, d) == n) isSingleDigit = true;
    if (isSingleDigit) continue;
    for (let d = 1; d <= DIGIT_MASK; d++) seti(counts, d, geti(counts, d) + geti(counts, d - 1));
    for (let i = 0; i < n; i++) {
      const row = geti(order, i);
      const digit = <i32>((load<u64>(keys + (<usize>row << 3)) >> <u64>shift) & <u64>DIGIT_MASK);
      const at = geti(counts, digit);
      seti(counts, digit, at + 1);
      seti(spare, at, row);
    }
    const t = order;
    order = spare;
    spare = t;
  }
  let d: i32 = 0;
  for (let i = 0; i < n; i++) {
    const row = geti(order, i);
    const v = getf(values, row) + 0;
    if (d == 0 || v != getf(distinctOut, d - 1)) {
      setf(distinctOut, d, v);
      d++;
    }
    seti(ranksOut, row, d - 1);
  }
  return d;
}
