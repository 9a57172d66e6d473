// The grower's linear memory as the CART kernels see it: the byte offsets of its arrays, handed
// over once by src/models/tree/tree-memory.ts (layout), the settings of the tree being grown
// (configure), and typed access to both.

// Layout: byte offsets of the arrays (see tree-memory.ts for what each holds).
export let nRows: i32 = 0;
export let ranks: usize = 0;
export let columns: usize = 0;
export let distinct: usize = 0;
export let distinctStart: usize = 0;
export let samples: usize = 0;
export let sampleY: usize = 0;
export let sampleClass: usize = 0;
export let sampleW: usize = 0;
export let nodeKeys: usize = 0;
export let nodePositions: usize = 0;
export let sortKeys: usize = 0;
export let sortRows: usize = 0;
export let sortPacked: usize = 0;
export let sortCounts: usize = 0;
export let binCount: usize = 0;
export let binWeight: usize = 0;
export let binStats: usize = 0;
export let left: usize = 0;
export let bestLeft: usize = 0;
export let nodeStats: usize = 0;
export let leftChild: usize = 0;
export let rightChild: usize = 0;
export let best: usize = 0;

// Settings of the tree being grown.
export let nClasses: i32 = 0;
export let S: i32 = 2;
export let code: i32 = 0;
export let minSamplesLeaf: i32 = 1;

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

@inline export function geti(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}
@inline export function seti(base: usize, i: i32, v: i32): void {
  store<i32>(base + (<usize>i << 2), v);
}
@inline export function getf(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline export function setf(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

/** Adds sample i, of weight wi, to the statistics at `stats`: its class's weight, or Σwy and Σwy² (S values). */
@inline export function addSample(stats: usize, i: i32, wi: f64): void {
  if (nClasses > 0) {
    const c = geti(sampleClass, i);
    setf(stats, c, getf(stats, c) + wi);
  } else {
    const yi = getf(sampleY, i);
    setf(stats, 0, getf(stats, 0) + wi * yi);
    setf(stats, 1, getf(stats, 1) + wi * yi * yi);
  }
}
