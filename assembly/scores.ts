// Score updates during training: a freshly grown tree's leaf values added to the scores of rows
// that did not take part in growing it — rows left out by subsampling, and validation rows —
// walked on their bins.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/** Bytes of a node's table: one per bin (at most 256) and one for categories training never saw. */
const TABLE: usize = 257;

// One step of a binned walk: at node j (feature[j], a table at table + TABLE·j saying which bins
// go left) to children[2j] (left) or children[2j + 1]. A row's bin of feature f is at its first
// bin + f × featureStride bytes. Leaves point to themselves on both sides,
// so extra steps stay put and every row can take exactly `depth` steps. Bins are T (u8 for
// training rows, u16 for validation rows, whose unseen categories may need bin 256).
// @ts-ignore: decorator
@inline
function step<T>(node: usize, row: usize, featureStride: usize, feature: usize, table: usize, children: usize): usize {
  const bin = <usize>load<T>(row + <usize>load<i32>(feature + (node << 2)) * featureStride);
  const right = <usize>(1 - <i32>load<u8>(table + node * TABLE + bin));
  return <usize>load<i32>(children + (((node << 1) + right) << 2));
}

/**
 * raw[i] += value[leaf] for each row i = rows[r], r in [start, end), its leaf found from its bins
 * in `depth` steps of step(): row i's bin of feature f is at binned + i × rowStride + f ×
 * featureStride (u8 bins; column-major training bins have rowStride 1, featureStride n). Four rows walk at once in
 * registers: four independent chains of loads for the CPU to overlap, and no branch on which way
 * a row goes or whether it reached a leaf.
 */
export function addBinnedLeaves(
  binned: usize,
  rowStride: i32,
  featureStride: i32,
  rows: usize,
  start: i32,
  end: i32,
  feature: usize,
  table: usize,
  children: usize,
  value: usize,
  depth: i32,
  raw: usize,
): void {
  walk<u8>(binned, rowStride, featureStride, rows, start, end, feature, table, children, value, depth, raw);
}

/** addBinnedLeaves over u16 bins, strides counted in bins. */
export function addBinnedLeaves16(
  binned: usize,
  rowStride: i32,
  featureStride: i32,
  rows: usize,
  start: i32,
  end: i32,
  feature: usize,
  table: usize,
  children: usize,
  value: usize,
  depth: i32,
  raw: usize,
): void {
  walk<u16>(binned, rowStride, featureStride, rows, start, end, feature, table, children, value, depth, raw);
}

// @ts-ignore: decorator
@inline
function walk<T>(
  binned: usize,
  rowStride: i32,
  featureStride: i32,
  rows: usize,
  start: i32,
  end: i32,
  feature: usize,
  table: usize,
  children: usize,
  value: usize,
  depth: i32,
  raw: usize,
): void {
  const rs = <usize>rowStride << alignof<T>();
  const fs = <usize>featureStride << alignof<T>();
  let r = start;
  for (; r + 4 <= end; r += 4) {
    const i0 = <usize>load<i32>(rows + (<usize>r << 2));
    const i1 = <usize>load<i32>(rows + (<usize>(r + 1) << 2));
    const i2 = <usize>load<i32>(rows + (<usize>(r + 2) << 2));
    const i3 = <usize>load<i32>(rows + (<usize>(r + 3) << 2));
    const b0 = binned + i0 * rs;
    const b1 = binned + i1 * rs;
    const b2 = binned + i2 * rs;
    const b3 = binned + i3 * rs;
    let n0: usize = 0;
    let n1: usize = 0;
    let n2: usize = 0;
    let n3: usize = 0;
    for (let s: i32 = 0; s < depth; s++) {
      n0 = step<T>(n0, b0, fs, feature, table, children);
      n1 = step<T>(n1, b1, fs, feature, table, children);
      n2 = step<T>(n2, b2, fs, feature, table, children);
      n3 = step<T>(n3, b3, fs, feature, table, children);
    }
    addLeaf(raw, i0, value, n0);
    addLeaf(raw, i1, value, n1);
    addLeaf(raw, i2, value, n2);
    addLeaf(raw, i3, value, n3);
  }
  for (; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    const b = binned + i * rs;
    let n: usize = 0;
    for (let s: i32 = 0; s < depth; s++) n = step<T>(n, b, fs, feature, table, children);
    addLeaf(raw, i, value, n);
  }
}

// @ts-ignore: decorator
@inline
function addLeaf(raw: usize, i: usize, value: usize, leaf: usize): void {
  const p = raw + (i << 3);
  store<f64>(p, load<f64>(p) + load<f64>(value + (leaf << 3)));
}
