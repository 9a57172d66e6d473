// Hot loops of the boosting engine, compiled to WebAssembly with SIMD (AssemblyScript).
// All arrays live in this module's linear memory, laid out by the JavaScript side
// (src/models/gbdt/arena.ts), which passes byte offsets. Nothing here allocates.

/**
 * Builds the histogram of features [f0, f1) over rows[start..end): zeroes those features' bins
 * [bin0, bin1), then adds each row's (grad, hess) into its bin, one SIMD add per feature. Threads
 * take disjoint feature ranges, so each bin is summed by one thread in row order: the result does
 * not depend on how many threads share the work.
 */
export function histogram(
  binned: usize,
  nFeatures: i32,
  offsets: usize,
  rows: usize,
  start: i32,
  end: i32,
  grad: usize,
  hess: usize,
  hist: usize,
  f0: i32,
  f1: i32,
  bin0: i32,
  bin1: i32,
): void {
  memory.fill(hist + (<usize>bin0 << 4), 0, <usize>(bin1 - bin0) << 4);
  const nf = <usize>nFeatures;
  const first = <usize>f0;
  const last = <usize>f1;
  for (let r = start; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    const gh = f64x2(<f64>load<f32>(grad + (i << 2)), <f64>load<f32>(hess + (i << 2)));
    const base = binned + i * nf;
    let f: usize = first;
    // Four features per step: independent adds keep the load/store units busy.
    for (; f + 4 <= last; f += 4) {
      const p0 = hist + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 4);
      v128.store(p0, f64x2.add(v128.load(p0), gh));
      const p1 = hist + (<usize>(load<i32>(offsets + ((f + 1) << 2)) + <i32>load<u8>(base + f + 1)) << 4);
      v128.store(p1, f64x2.add(v128.load(p1), gh));
      const p2 = hist + (<usize>(load<i32>(offsets + ((f + 2) << 2)) + <i32>load<u8>(base + f + 2)) << 4);
      v128.store(p2, f64x2.add(v128.load(p2), gh));
      const p3 = hist + (<usize>(load<i32>(offsets + ((f + 3) << 2)) + <i32>load<u8>(base + f + 3)) << 4);
      v128.store(p3, f64x2.add(v128.load(p3), gh));
    }
    for (; f < last; f++) {
      const p = hist + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 4);
      v128.store(p, f64x2.add(v128.load(p), gh));
    }
  }
}

/** Row counts per bin (u32), for minSamplesLeaf: only built when that limit is above 1. */
export function counts(binned: usize, nFeatures: i32, offsets: usize, rows: usize, start: i32, end: i32, out: usize): void {
  const nf = <usize>nFeatures;
  for (let r = start; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    const base = binned + i * nf;
    for (let f: usize = 0; f < nf; f++) {
      const p = out + (<usize>(load<i32>(offsets + (f << 2)) + <i32>load<u8>(base + f)) << 2);
      store<u32>(p, load<u32>(p) + 1);
    }
  }
}

/** dst -= src over n f64 values (n even): the larger child's histogram from its parent's. */
export function subtract(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 3;
  for (let k: usize = 0; k < bytes; k += 16) v128.store(dst + k, f64x2.sub(v128.load(dst + k), v128.load(src + k)));
}

/** dst += src over n f64 values (n even). */
export function add(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 3;
  for (let k: usize = 0; k < bytes; k += 16) v128.store(dst + k, f64x2.add(v128.load(dst + k), v128.load(src + k)));
}

/**
 * One chunk of a stable partition of rows by the bin of one feature: of rows[start..end), those
 * whose bin is marked in goesLeft (one byte per bin) move to the front of the chunk, in place (a
 * left row is never written past the row being read), and the others are copied to `right`, both
 * in row order; the number that went left is stored at `result`. Chunks can run on different
 * threads; a stable partition is unique, so the result never depends on the chunking.
 */
export function partitionChunk(column: usize, stride: i32, goesLeft: usize, rows: usize, start: i32, end: i32, right: usize, result: usize): void {
  // `column` is the feature's first bin in the row-major matrix; a row's bin is `stride` further.
  let nLeft: i32 = 0;
  let nRight: i32 = 0;
  for (let r = start; r < end; r++) {
    const i = load<i32>(rows + (<usize>r << 2));
    if (load<u8>(goesLeft + <usize>load<u8>(column + <usize>i * <usize>stride))) {
      store<i32>(rows + (<usize>(start + nLeft) << 2), i);
      nLeft++;
    } else {
      store<i32>(right + (<usize>nRight << 2), i);
      nRight++;
    }
  }
  store<i32>(result, nLeft);
}

/** Copies n i32 from src to dst; overlapping regions are fine (memmove). */
export function copy32(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 2);
}

/** rows[r] = r for r in [0, n). */
export function iota(rows: usize, n: i32): void {
  for (let r = 0; r < n; r++) store<i32>(rows + (<usize>r << 2), r);
}

/** raw[rows[r]] += value for r in [start, end): a leaf's output added to its rows' scores. */
export function addToRows(rows: usize, start: i32, end: i32, raw: usize, value: f64): void {
  for (let r = start; r < end; r++) {
    const p = raw + (<usize>load<i32>(rows + (<usize>r << 2)) << 3);
    store<f64>(p, load<f64>(p) + value);
  }
}

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

/**
 * Best threshold of each plain numeric feature (no L1, clamp or monotone bound) of one node, from
 * its histogram of (grad, hess) pairs. For feature f (flags[f] = 1) with bins starting at
 * binStart[f] and nValueBins[f] value bins followed by the missing bin, writes to out[3f ..]:
 * the best score GL²/(HL+λ) + GR²/(HR+λ), the bin after which the threshold falls (-1: none), and
 * 1 when missing values go left. Ties keep the first candidate, as the JavaScript scan does.
 */
export function scanNumeric(
  hist: usize,
  binStart: usize,
  nValueBins: usize,
  flags: usize,
  nFeatures: i32,
  G: f64,
  H: f64,
  l2: f64,
  minHess: f64,
  out: usize,
): void {
  for (let f: i32 = 0; f < nFeatures; f++) {
    const o = out + (<usize>(3 * f) << 3);
    store<f64>(o + 8, -1);
    if (load<i32>(flags + (<usize>f << 2)) == 0) continue;
    const base = <usize>load<i32>(binStart + (<usize>f << 2));
    const nv = load<i32>(nValueBins + (<usize>f << 2));
    const m = hist + ((base + <usize>nv) << 4);
    const gm = load<f64>(m);
    const hm = load<f64>(m + 8);
    const hasMissing = hm > 0;
    const lastBin = hasMissing ? nv - 1 : nv - 2;
    let best: f64 = -Infinity;
    let bestBin: i32 = -1;
    let bestLeft: i32 = 0;
    let gl: f64 = 0;
    let hl: f64 = 0;
    let p = hist + (base << 4);
    for (let b: i32 = 0; b <= lastBin; b++, p += 16) {
      const h = load<f64>(p + 8);
      if (h == 0) continue;
      gl += load<f64>(p);
      hl += h;
      const hr = H - hl;
      if (hl >= minHess && hr >= minHess) {
        const gr = G - gl;
        // Both children's terms in one SIMD division: division is the slow step of this loop.
        const q = f64x2.div(f64x2(gl * gl, gr * gr), f64x2(hl + l2, hr + l2));
        const score = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
        if (score > best) {
          best = score;
          bestBin = b;
          bestLeft = 0;
        }
      }
      if (hasMissing && b < nv - 1) {
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        const hr2 = H - hl2;
        if (hl2 >= minHess && hr2 >= minHess) {
          const gr2 = G - gl2;
          const q = f64x2.div(f64x2(gl2 * gl2, gr2 * gr2), f64x2(hl2 + l2, hr2 + l2));
          const score = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
          if (score > best) {
            best = score;
            bestBin = b;
            bestLeft = 1;
          }
        }
      }
    }
    store<f64>(o, best);
    store<f64>(o + 8, <f64>bestBin);
    store<f64>(o + 16, <f64>bestLeft);
  }
}

/**
 * Histograms of row chunks: chunk c of nChunks covers rows [start + ⌊c·n/nChunks⌋, start +
 * ⌊(c+1)·n/nChunks⌋) and goes to out(c) = first ? … : partials + (c − 1) × 16 × totalBins (chunk
 * 0 goes to `hist` itself). This thread does chunks first, first + step, … Chunking depends only
 * on the row count, and chunks are later summed in order, so the result does not depend on how
 * many threads share them.
 */
export function histogramChunks(
  binned: usize,
  nFeatures: i32,
  offsets: usize,
  rows: usize,
  start: i32,
  end: i32,
  grad: usize,
  hess: usize,
  hist: usize,
  partials: usize,
  totalBins: i32,
  nChunks: i32,
  first: i32,
  step: i32,
): void {
  const n = <i64>(end - start);
  for (let c = first; c < nChunks; c += step) {
    const s = start + <i32>((<i64>c * n) / <i64>nChunks);
    const e = start + <i32>((<i64>(c + 1) * n) / <i64>nChunks);
    const out = c == 0 ? hist : partials + <usize>(c - 1) * (<usize>totalBins << 4);
    histogram(binned, nFeatures, offsets, rows, s, e, grad, hess, out, 0, nFeatures, 0, totalBins);
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

/**
 * Binary log-loss gradients of rows [start, end): p = sigmoid(raw), grad = w(p − y),
 * hess = w·max(p(1 − p), 1e-16), as objectives.ts defines them; `weight` 0 means all weights 1.
 */
export function logisticGradients(y: usize, raw: usize, weight: usize, grad: usize, hess: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const r = load<f64>(raw + (<usize>i << 3));
    let p: f64;
    if (r >= 0) p = 1 / (1 + Math.exp(-r));
    else {
      const e = Math.exp(r);
      p = e / (1 + e);
    }
    const w = weight == 0 ? 1.0 : load<f64>(weight + (<usize>i << 3));
    store<f32>(grad + (<usize>i << 2), <f32>(w * (p - load<f64>(y + (<usize>i << 3)))));
    store<f32>(hess + (<usize>i << 2), <f32>(w * max(p * (1 - p), 1e-16)));
  }
}

/** Squared-error gradients of rows [start, end): grad = w(raw − y), hess = w. */
export function squaredGradients(y: usize, raw: usize, weight: usize, grad: usize, hess: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const w = weight == 0 ? 1.0 : load<f64>(weight + (<usize>i << 3));
    store<f32>(grad + (<usize>i << 2), <f32>(w * (load<f64>(raw + (<usize>i << 3)) - load<f64>(y + (<usize>i << 3)))));
    store<f32>(hess + (<usize>i << 2), <f32>w);
  }
}

/**
 * Bins rows [start, end) of a block of a dense row-major matrix (`cols` f64 per row) whose first
 * row is row `rowOffset` of the data: each of the first p columns by a branch-free search of its
 * cut points (cuts + f·width, padded with +∞ to `width`, a power of two); NaN goes to bin
 * missing[f]. Writes row-major bins (p bytes a row).
 */
export function binBlock(
  data: usize,
  cols: i32,
  p: i32,
  cuts: usize,
  width: i32,
  missing: usize,
  rowMajor: usize,
  rowOffset: i32,
  start: i32,
  end: i32,
): void {
  for (let r = start; r < end; r++) {
    const row = data + ((<usize>r * <usize>cols) << 3);
    const i = <usize>(rowOffset + r);
    for (let f: i32 = 0; f < p; f++) {
      const v = load<f64>(row + (<usize>f << 3));
      let bin: i32;
      if (v != v) bin = load<i32>(missing + (<usize>f << 2));
      else {
        const c0 = cuts + ((<usize>f * <usize>width) << 3);
        let pos: i32 = 0;
        for (let step = width >> 1; step > 0; step >>= 1) pos += select<i32>(step, 0, v > load<f64>(c0 + (<usize>(pos + step - 1) << 3)));
        bin = pos + <i32>(v > load<f64>(c0 + (<usize>pos << 3)));
      }
      store<u8>(rowMajor + i * <usize>p + <usize>f, <u8>bin);
    }
  }
}
