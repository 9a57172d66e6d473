// Prediction: rows walked through a flat forest, several walks at a time.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * Which way value v goes at a node: numeric splits compare with the threshold (NaN compares false
 * and follows missingRight); categorical ones test the category's bit, unseen categories go right.
 */
// @ts-ignore: decorator
@inline
function goesRight(node: usize, v: f64, threshold: usize, missingRight: usize, catOffset: usize, catWords: usize, catBits: usize): i32 {
  const cat = load<i32>(catOffset + (node << 2));
  if (cat < 0) return <i32>(v > load<f64>(threshold + (node << 3))) | (load<i32>(missingRight + (node << 2)) & <i32>(v != v));
  if (v != v) return load<i32>(missingRight + (node << 2));
  const code = <i32>v;
  const word = code >>> 5;
  const inSet = code >= 0 && word < load<i32>(catWords + (node << 2)) && ((load<u32>(catBits + (<usize>(cat + word) << 2)) >>> (<u32>code & 31)) & 1) == 1;
  return inSet ? 0 : 1;
}

/** Rows walked through a tree together: their independent walks overlap in the CPU. */
const BLOCK: i32 = 32;

/**
 * Raw scores of rows [rowStart, rowEnd) through a flat forest (src/models/gbdt/flat-forest.ts):
 * out[k * nRows + i] += leaf values of the trees of output k. A row's walk is a chain of dependent
 * loads (node → feature → value → threshold → child), so rows go through each tree in blocks, one
 * level at a time: the chains of a block are independent and the CPU runs them side by side. The
 * child index is computed, not branched to. NaN compares false and goes right exactly when
 * missingRight is set. `nodes` is scratch for BLOCK i32.
 */
export function predictRows(
  roots: usize,
  nTrees: i32,
  nOutputs: i32,
  feature: usize,
  threshold: usize,
  children: usize,
  missingRight: usize,
  catOffset: usize,
  catWords: usize,
  catBits: usize,
  value: usize,
  rows: usize,
  nFeatures: i32,
  rowStart: i32,
  rowEnd: i32,
  nRows: i32,
  out: usize,
  nodes: usize,
): void {
  const nf = <usize>nFeatures;
  for (let i0 = rowStart; i0 < rowEnd; i0 += BLOCK) {
    const m = min(BLOCK, rowEnd - i0);
    let k: i32 = 0;
    for (let t: i32 = 0; t < nTrees; t++) {
      const root = load<i32>(roots + (<usize>t << 2));
      for (let j: i32 = 0; j < m; j++) store<i32>(nodes + (<usize>j << 2), root);
      let active = true;
      while (active) {
        active = false;
        for (let j: i32 = 0; j < m; j++) {
          const node = <usize>load<i32>(nodes + (<usize>j << 2));
          const f = load<i32>(feature + (node << 2));
          if (f < 0) continue;
          active = true;
          const v = load<f64>(rows + (((<usize>(i0 + j) * nf) + <usize>f) << 3));
          const goRight = goesRight(node, v, threshold, missingRight, catOffset, catWords, catBits);
          store<i32>(nodes + (<usize>j << 2), load<i32>(children + (((node << 1) + <usize>goRight) << 2)));
        }
      }
      for (let j: i32 = 0; j < m; j++) {
        const p = out + ((<usize>k * <usize>nRows + <usize>(i0 + j)) << 3);
        store<f64>(p, load<f64>(p) + load<f64>(value + (<usize>load<i32>(nodes + (<usize>j << 2)) << 3)));
      }
      k++;
      if (k == nOutputs) k = 0;
    }
  }
}

/** Trees walked together for one row: independent walks that the CPU overlaps. */
const TREES: i32 = 16;

/**
 * Raw scores of a single row (nFeatures f64 at `row`) into out[0..nOutputs): as predictRows, but
 * the walks that run side by side are those of several trees, since there is one row. `nodes` is
 * scratch for TREES i32.
 */
export function predictRow(
  roots: usize,
  nTrees: i32,
  nOutputs: i32,
  feature: usize,
  threshold: usize,
  children: usize,
  missingRight: usize,
  catOffset: usize,
  catWords: usize,
  catBits: usize,
  value: usize,
  row: usize,
  out: usize,
  nodes: usize,
): void {
  for (let t0: i32 = 0; t0 < nTrees; t0 += TREES) {
    const m = min(TREES, nTrees - t0);
    for (let j: i32 = 0; j < m; j++) store<i32>(nodes + (<usize>j << 2), load<i32>(roots + (<usize>(t0 + j) << 2)));
    let active = true;
    while (active) {
      active = false;
      for (let j: i32 = 0; j < m; j++) {
        const node = <usize>load<i32>(nodes + (<usize>j << 2));
        const f = load<i32>(feature + (node << 2));
        if (f < 0) continue;
        active = true;
        const v = load<f64>(row + (<usize>f << 3));
        const goRight = goesRight(node, v, threshold, missingRight, catOffset, catWords, catBits);
        store<i32>(nodes + (<usize>j << 2), load<i32>(children + (((node << 1) + <usize>goRight) << 2)));
      }
    }
    for (let j: i32 = 0; j < m; j++) {
      const p = out + (<usize>((t0 + j) % nOutputs) << 3);
      store<f64>(p, load<f64>(p) + load<f64>(value + (<usize>load<i32>(nodes + (<usize>j << 2)) << 3)));
    }
  }
}

// One step of a numeric walk through compact nodes of 16 bytes: threshold (f64), then feature
// with the missing-goes-right flag in bit 31 (i32), then the left child (i32; the right child is
// the next node). A step touches one cache line. Leaves of a "walk" forest have threshold +∞ and
// a left child pointing to themselves, so extra steps stay put.
// @ts-ignore: decorator
@inline
function stepNumeric(node: usize, row: usize, nodes: usize): usize {
  const p = nodes + (node << 4);
  const flagged = load<u32>(p + 8);
  const v = load<f64>(row + (<usize>(flagged & 0x7fffffff) << 3));
  const goRight = <u32>(v > load<f64>(p)) | ((flagged >>> 31) & <u32>(v != v));
  return <usize>(load<u32>(p + 12) + goRight);
}

/**
 * predictRows for forests without categorical splits, in "walk" form (see stepNumeric): every row
 * takes exactly depth[t] steps through tree t, with no test for having reached a leaf, and eight
 * rows walk at once in registers — eight independent chains of loads for the CPU to overlap.
 */
export function predictRowsNumeric(
  roots: usize,
  depths: usize,
  nTrees: i32,
  nOutputs: i32,
  nodes: usize,
  value: usize,
  rows: usize,
  nFeatures: i32,
  rowStart: i32,
  rowEnd: i32,
  nRows: i32,
  out: usize,
): void {
  const stride = <usize>nFeatures << 3;
  let i = rowStart;
  for (; i + 8 <= rowEnd; i += 8) {
    const r0 = rows + <usize>i * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    const r4 = r3 + stride;
    const r5 = r4 + stride;
    const r6 = r5 + stride;
    const r7 = r6 + stride;
    let k: i32 = 0;
    for (let t: i32 = 0; t < nTrees; t++) {
      const root = <usize>load<i32>(roots + (<usize>t << 2));
      const depth = load<i32>(depths + (<usize>t << 2));
      let a = root;
      let b = root;
      let c = root;
      let d = root;
      let e = root;
      let f = root;
      let g = root;
      let h = root;
      for (let s: i32 = 0; s < depth; s++) {
        a = stepNumeric(a, r0, nodes);
        b = stepNumeric(b, r1, nodes);
        c = stepNumeric(c, r2, nodes);
        d = stepNumeric(d, r3, nodes);
        e = stepNumeric(e, r4, nodes);
        f = stepNumeric(f, r5, nodes);
        g = stepNumeric(g, r6, nodes);
        h = stepNumeric(h, r7, nodes);
      }
      const o = out + ((<usize>k * <usize>nRows + <usize>i) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(value + (a << 3)));
      store<f64>(o + 8, load<f64>(o + 8) + load<f64>(value + (b << 3)));
      store<f64>(o + 16, load<f64>(o + 16) + load<f64>(value + (c << 3)));
      store<f64>(o + 24, load<f64>(o + 24) + load<f64>(value + (d << 3)));
      store<f64>(o + 32, load<f64>(o + 32) + load<f64>(value + (e << 3)));
      store<f64>(o + 40, load<f64>(o + 40) + load<f64>(value + (f << 3)));
      store<f64>(o + 48, load<f64>(o + 48) + load<f64>(value + (g << 3)));
      store<f64>(o + 56, load<f64>(o + 56) + load<f64>(value + (h << 3)));
      k++;
      if (k == nOutputs) k = 0;
    }
  }
  for (; i < rowEnd; i++) {
    const r = rows + <usize>i * stride;
    let k: i32 = 0;
    for (let t: i32 = 0; t < nTrees; t++) {
      let a = <usize>load<i32>(roots + (<usize>t << 2));
      const depth = load<i32>(depths + (<usize>t << 2));
      for (let s: i32 = 0; s < depth; s++) a = stepNumeric(a, r, nodes);
      const o = out + ((<usize>k * <usize>nRows + <usize>i) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(value + (a << 3)));
      k++;
      if (k == nOutputs) k = 0;
    }
  }
}

/**
 * One row through a numeric forest in walk form (see predictRowsNumeric): eight trees at a time in
 * registers, each group walking as deep as its deepest tree (shallower ones wait at their leaf).
 * Scores are added in tree order, as every other path adds them.
 */
export function predictRowNumeric(roots: usize, depths: usize, nTrees: i32, nOutputs: i32, nodes: usize, value: usize, row: usize, out: usize): void {
  let t: i32 = 0;
  for (; t + 8 <= nTrees; t += 8) {
    const at = roots + (<usize>t << 2);
    let a = <usize>load<i32>(at);
    let b = <usize>load<i32>(at + 4);
    let c = <usize>load<i32>(at + 8);
    let d = <usize>load<i32>(at + 12);
    let e = <usize>load<i32>(at + 16);
    let f = <usize>load<i32>(at + 20);
    let g = <usize>load<i32>(at + 24);
    let h = <usize>load<i32>(at + 28);
    let depth: i32 = 0;
    for (let j: i32 = 0; j < 8; j++) depth = max(depth, load<i32>(depths + (<usize>(t + j) << 2)));
    for (let s: i32 = 0; s < depth; s++) {
      a = stepNumeric(a, row, nodes);
      b = stepNumeric(b, row, nodes);
      c = stepNumeric(c, row, nodes);
      d = stepNumeric(d, row, nodes);
      e = stepNumeric(e, row, nodes);
      f = stepNumeric(f, row, nodes);
      g = stepNumeric(g, row, nodes);
      h = stepNumeric(h, row, nodes);
    }
    addLeaf(out, t, nOutputs, value, a);
    addLeaf(out, t + 1, nOutputs, value, b);
    addLeaf(out, t + 2, nOutputs, value, c);
    addLeaf(out, t + 3, nOutputs, value, d);
    addLeaf(out, t + 4, nOutputs, value, e);
    addLeaf(out, t + 5, nOutputs, value, f);
    addLeaf(out, t + 6, nOutputs, value, g);
    addLeaf(out, t + 7, nOutputs, value, h);
  }
  for (; t < nTrees; t++) {
    let a = <usize>load<i32>(roots + (<usize>t << 2));
    const depth = load<i32>(depths + (<usize>t << 2));
    for (let s: i32 = 0; s < depth; s++) a = stepNumeric(a, row, nodes);
    addLeaf(out, t, nOutputs, value, a);
  }
}

// @ts-ignore: decorator
@inline
function addLeaf(out: usize, tree: i32, nOutputs: i32, value: usize, leaf: usize): void {
  const p = out + (<usize>(tree % nOutputs) << 3);
  store<f64>(p, load<f64>(p) + load<f64>(value + (leaf << 3)));
}
