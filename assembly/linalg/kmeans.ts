// One k-means iteration in one pass over the data, as chunks of 256 rows: each chunk's rows get
// their nearest centre (Lloyd: blocks of dot products; Elkan: bounds first), and the chunk keeps
// its own weighted sums, weights and member counts per centre beside it, with the number of rows
// whose label changed. The caller adds the chunks' sums in chunk order (chunkTotals), so the
// centres do not depend on which thread did which chunk.
//
// A chunk's sums are kept from one pass to the next and only the rows whose label changed move
// between them: after the first passes few rows move, so the sums cost O(moved rows × p) instead
// of O(256 p) per chunk. A centre's sums in a chunk are reset to exact zeros when its last row of
// positive weight there leaves, so emptiness is exact and no rounding residue lingers.
//
// Threads claim chunks from a shared counter (atomic add): a thread that starts late, or never,
// only leaves more chunks to the others. `counter` is an i32 the caller sets to 0 before each call.

import { crossDots } from "./products";
import { distance2, elkanInitRows, elkanRow, elkanShiftRow } from "./elkan";
import { lanes } from "./simd";

export const CHUNK = 256;

/** The next unclaimed chunk (≥ nChunks when none is left). */
// @ts-ignore: decorator
@inline function claim(counter: usize): i32 {
  return atomic.add<i32>(counter, 1);
}

/**
 * Chunk c's per-centre sums Σ wᵢxᵢ (k × p), weights Σ wᵢ and counts of rows of positive weight,
 * over its rows [r0, r1) with their labels, written at chunk c's place in sums, mass and members.
 */
// @ts-ignore: decorator
@inline function chunkSums(
  x: usize, p: i32, r0: i32, r1: i32, c: i32, k: i32, weights: usize, labels: usize, sums: usize, mass: usize, members: usize,
): void {
  const row = <usize>p << 3;
  const even = <usize>(p & ~1) << 3;
  const s0 = sums + <usize>c * <usize>k * row;
  const m0 = mass + ((<usize>c * <usize>k) << 3);
  const n0 = members + ((<usize>c * <usize>k) << 2);
  memory.fill(s0, 0, <usize>k * row);
  memory.fill(m0, 0, <usize>k << 3);
  memory.fill(n0, 0, <usize>k << 2);
  for (let i = r0; i < r1; i++) {
    const w = load<f64>(weights + (<usize>i << 3));
    if (w == 0) continue;
    const j = <usize>load<i32>(labels + (<usize>i << 2));
    const s = s0 + j * row;
    const xi = x + <usize>i * row;
    const ws = f64x2.splat(w);
    for (let f: usize = 0; f < even; f += 16) v128.store(s + f, f64x2.add(v128.load(s + f), f64x2.mul(ws, v128.load(xi + f))));
    if (p & 1) store<f64>(s + even, load<f64>(s + even) + w * load<f64>(xi + even));
    store<f64>(m0 + (j << 3), load<f64>(m0 + (j << 3)) + w);
    store<i32>(n0 + (j << 2), load<i32>(n0 + (j << 2)) + 1);
  }
}

/**
 * Moves row i (weight w) of chunk c from centre `from` (−1: none) to centre `to` in the chunk's
 * sums, mass and members.
 */
// @ts-ignore: decorator
@inline function moveRow(
  x: usize, p: i32, i: i32, w: f64, c: i32, k: i32, from: i32, to: i32, sums: usize, mass: usize, members: usize,
): void {
  if (w == 0) return;
  const row = <usize>p << 3;
  const even = <usize>(p & ~1) << 3;
  const xi = x + <usize>i * row;
  const base = <usize>c * <usize>k;
  if (from >= 0) {
    const at = base + <usize>from;
    const left = load<i32>(members + (at << 2)) - 1;
    store<i32>(members + (at << 2), left);
    const s = sums + at * row;
    if (left == 0) {
      memory.fill(s, 0, row);
      store<f64>(mass + (at << 3), 0);
    } else {
      const ws = f64x2.splat(w);
      for (let f: usize = 0; f < even; f += 16) v128.store(s + f, f64x2.sub(v128.load(s + f), f64x2.mul(ws, v128.load(xi + f))));
      if (p & 1) store<f64>(s + even, load<f64>(s + even) - w * load<f64>(xi + even));
      store<f64>(mass + (at << 3), load<f64>(mass + (at << 3)) - w);
    }
  }
  const at = base + <usize>to;
  store<i32>(members + (at << 2), load<i32>(members + (at << 2)) + 1);
  const s = sums + at * row;
  const ws = f64x2.splat(w);
  for (let f: usize = 0; f < even; f += 16) v128.store(s + f, f64x2.add(v128.load(s + f), f64x2.mul(ws, v128.load(xi + f))));
  if (p & 1) store<f64>(s + even, load<f64>(s + even) + w * load<f64>(xi + even));
  store<f64>(mass + (at << 3), load<f64>(mass + (at << 3)) + w);
}

/**
 * The best of one group of centre pairs for one row: `s` holds the scores of pairs q0, q0 + 1, …
 * (lane 0 the even centre, lane 1 the odd one); returns the lowest score's index, ties to the
 * lower index, folded into the running best (`best`, `index`) by the caller.
 */
// @ts-ignore: decorator
@inline function lanePick(mv: v128, mi: v128): f64 {
  const s0 = f64x2.extract_lane(mv, 0), s1 = f64x2.extract_lane(mv, 1);
  const i0 = f64x2.extract_lane(mi, 0), i1 = f64x2.extract_lane(mi, 1);
  return s1 < s0 || (s1 == s0 && i1 < i0) ? i1 : i0;
}

// @ts-ignore: decorator
@inline function laneScore(mv: v128, mi: v128): f64 {
  const s0 = f64x2.extract_lane(mv, 0), s1 = f64x2.extract_lane(mv, 1);
  const i0 = f64x2.extract_lane(mi, 0), i1 = f64x2.extract_lane(mi, 1);
  return s1 < s0 || (s1 == s0 && i1 < i0) ? s1 : s0;
}

/** Running (score, index) minimum over pairs of lanes: where `s` is strictly lower, it replaces. */
// @ts-ignore: decorator
@inline function pickLower(mv: v128, s: v128): v128 {
  return v128.bitselect(s, mv, f64x2.lt(s, mv));
}

// @ts-ignore: decorator
@inline function pickIndex(mi: v128, mv: v128, s: v128, si: v128): v128 {
  return v128.bitselect(si, mi, f64x2.lt(s, mv));
}

/**
 * Lloyd's step over the n rows: nearest centre (ties to the lower index) into labels, the number
 * of labels changed per chunk into changed (i32), and the rows that changed label moved in their
 * chunk's sums when sums ≠ 0 (labels −1 and zero sums before a run's first pass).
 * The centres come transposed, ct[f·kk + j] (p × kk, kk = k rounded up to even; a padding centre
 * is zeros with norm +∞): for two rows at a time, each feature's value is broadcast against up to
 * 8 centres held in SIMD lanes, so every score ‖c‖² − 2x·c is formed in registers and the nearest
 * centre picked there, with no per-pair horizontal sums. Each dot product adds the features in
 * order.
 */
export function lloydChunks(
  x: usize, p: i32, n: i32, ct: usize, normsPad: usize, k: i32, weights: usize, labels: usize,
  sums: usize, mass: usize, members: usize, changed: usize, counter: usize,
): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  const row = <usize>p << 3;
  const pairs = (k + 1) >> 1;
  const stride = <usize>pairs << 4;
  const two = f64x2.splat(2);
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    const end = min(n, start + CHUNK);
    let moved = 0;
    for (let i = start; i < end; i += 2) {
      const ra = x + <usize>i * row;
      const pair = i + 1 < end;
      const rb = pair ? ra + row : ra;
      let bestA = Infinity, bestB = Infinity, idxA = 0.0, idxB = 0.0;
      let q = 0;
      for (; q + 4 <= pairs; q += 4) {
        let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
        let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
        let cf = ct + (<usize>q << 4);
        for (let f: usize = 0; f < row; f += 8, cf += stride) {
          const xa = v128.load64_splat(ra + f), xb = v128.load64_splat(rb + f);
          const v0 = v128.load(cf), v1 = v128.load(cf, 16), v2 = v128.load(cf, 32), v3 = v128.load(cf, 48);
          a0 = f64x2.add(a0, f64x2.mul(xa, v0));
          a1 = f64x2.add(a1, f64x2.mul(xa, v1));
          a2 = f64x2.add(a2, f64x2.mul(xa, v2));
          a3 = f64x2.add(a3, f64x2.mul(xa, v3));
          b0 = f64x2.add(b0, f64x2.mul(xb, v0));
          b1 = f64x2.add(b1, f64x2.mul(xb, v1));
          b2 = f64x2.add(b2, f64x2.mul(xb, v2));
          b3 = f64x2.add(b3, f64x2.mul(xb, v3));
        }
        const nq = normsPad + (<usize>q << 4);
        const n0 = v128.load(nq), n1 = v128.load(nq, 16), n2 = v128.load(nq, 32), n3 = v128.load(nq, 48);
        const base = <f64>(2 * q);
        const ib0 = f64x2.splat(base);
        const i0 = f64x2.add(ib0, f64x2(0, 1)), i1 = f64x2.add(ib0, f64x2(2, 3)), i2 = f64x2.add(ib0, f64x2(4, 5)), i3 = f64x2.add(ib0, f64x2(6, 7));
        a0 = f64x2.sub(n0, f64x2.mul(two, a0)); a1 = f64x2.sub(n1, f64x2.mul(two, a1));
        a2 = f64x2.sub(n2, f64x2.mul(two, a2)); a3 = f64x2.sub(n3, f64x2.mul(two, a3));
        b0 = f64x2.sub(n0, f64x2.mul(two, b0)); b1 = f64x2.sub(n1, f64x2.mul(two, b1));
        b2 = f64x2.sub(n2, f64x2.mul(two, b2)); b3 = f64x2.sub(n3, f64x2.mul(two, b3));
        let ma = a0, ia = i0, mb = b0, ib = i0;
        ia = pickIndex(ia, ma, a1, i1); ma = pickLower(ma, a1);
        ia = pickIndex(ia, ma, a2, i2); ma = pickLower(ma, a2);
        ia = pickIndex(ia, ma, a3, i3); ma = pickLower(ma, a3);
        ib = pickIndex(ib, mb, b1, i1); mb = pickLower(mb, b1);
        ib = pickIndex(ib, mb, b2, i2); mb = pickLower(mb, b2);
        ib = pickIndex(ib, mb, b3, i3); mb = pickLower(mb, b3);
        const sa = laneScore(ma, ia), sb = laneScore(mb, ib);
        if (sa < bestA) { bestA = sa; idxA = lanePick(ma, ia); }
        if (sb < bestB) { bestB = sb; idxB = lanePick(mb, ib); }
      }
      for (; q < pairs; q++) {
        let a0 = f64x2.splat(0), b0 = f64x2.splat(0);
        let cf = ct + (<usize>q << 4);
        for (let f: usize = 0; f < row; f += 8, cf += stride) {
          const v0 = v128.load(cf);
          a0 = f64x2.add(a0, f64x2.mul(v128.load64_splat(ra + f), v0));
          b0 = f64x2.add(b0, f64x2.mul(v128.load64_splat(rb + f), v0));
        }
        const n0 = v128.load(normsPad + (<usize>q << 4));
        const i0 = f64x2.add(f64x2.splat(<f64>(2 * q)), f64x2(0, 1));
        a0 = f64x2.sub(n0, f64x2.mul(two, a0));
        b0 = f64x2.sub(n0, f64x2.mul(two, b0));
        const sa = laneScore(a0, i0), sb = laneScore(b0, i0);
        if (sa < bestA) { bestA = sa; idxA = lanePick(a0, i0); }
        if (sb < bestB) { bestB = sb; idxB = lanePick(b0, i0); }
      }
      const at = labels + (<usize>i << 2);
      const la = <i32>idxA;
      const was = load<i32>(at);
      if (was != la) {
        moved++;
        store<i32>(at, la);
        if (sums != 0) moveRow(x, p, i, load<f64>(weights + (<usize>i << 3)), c, k, was, la, sums, mass, members);
      }
      if (pair) {
        const lb = <i32>idxB;
        const wasB = load<i32>(at, 4);
        if (wasB != lb) {
          moved++;
          store<i32>(at, lb, 4);
          if (sums != 0) moveRow(x, p, i + 1, load<f64>(weights + (<usize>(i + 1) << 3)), c, k, wasB, lb, sums, mass, members);
        }
      }
    }
    store<i32>(changed + (<usize>c << 2), moved);
  }
}

/**
 * Elkan's step over the n rows: when `shift` ≠ 0 the bounds first move by the centres' last
 * shifts, then each row's label is settled with the bounds (elkan.ts); labels changed per chunk
 * into changed, and per-chunk sums as in lloydChunks.
 */
export function elkanChunks(
  x: usize, p: i32, n: i32, centers: usize, k: i32, half: usize, nextCenter: usize, shift: usize,
  labels: usize, upper: usize, lower: usize, weights: usize, sums: usize, mass: usize, members: usize, changed: usize, counter: usize,
): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    const end = min(n, start + CHUNK);
    let moved = 0;
    for (let i = start; i < end; i++) {
      const before = load<i32>(labels + (<usize>i << 2));
      if (shift != 0) elkanShiftRow(i, k, labels, shift, upper, lower);
      const label = elkanRow(x, p, i, centers, k, half, nextCenter, labels, upper, lower);
      if (label != before) {
        moved++;
        if (sums != 0) moveRow(x, p, i, load<f64>(weights + (<usize>i << 3)), c, k, before, label, sums, mass, members);
      }
    }
    store<i32>(changed + (<usize>c << 2), moved);
  }
}

/** Per chunk, Σ wᵢ‖xᵢ − c_{labelᵢ}‖² by the direct formula, into out[chunk]. */
export function inertiaChunks(x: usize, p: i32, n: i32, centers: usize, weights: usize, labels: usize, out: usize, counter: usize): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    const end = min(n, start + CHUNK);
    let total = 0.0;
    for (let i = start; i < end; i++) {
      total += load<f64>(weights + (<usize>i << 3)) * distance2(x, i, centers, load<i32>(labels + (<usize>i << 2)), p);
    }
    store<f64>(out + (<usize>c << 3), total);
  }
}

/**
 * The chunks' sums, weights and member counts added in chunk order: total sums (k·p), mass (k)
 * and members (k, i32). Returns the number of labels changed over all chunks.
 */
export function chunkTotals(
  nChunks: i32, k: i32, p: i32, sums: usize, mass: usize, members: usize, changed: usize, totalSums: usize, totalMass: usize, totalMembers: usize,
): i32 {
  const kp = <usize>k * <usize>p;
  const bytes = kp << 3;
  memory.copy(totalSums, sums, bytes);
  memory.copy(totalMass, mass, <usize>k << 3);
  memory.copy(totalMembers, members, <usize>k << 2);
  const pairs = (kp & ~1) << 3;
  for (let c = 1; c < nChunks; c++) {
    const s = sums + <usize>c * bytes;
    for (let f: usize = 0; f < pairs; f += 16) v128.store(totalSums + f, f64x2.add(v128.load(totalSums + f), v128.load(s + f)));
    if (kp & 1) store<f64>(totalSums + pairs, load<f64>(totalSums + pairs) + load<f64>(s + pairs));
    const m = mass + ((<usize>c * <usize>k) << 3);
    const e = members + ((<usize>c * <usize>k) << 2);
    for (let j: usize = 0; j < <usize>k; j++) {
      store<f64>(totalMass + (j << 3), load<f64>(totalMass + (j << 3)) + load<f64>(m + (j << 3)));
      store<i32>(totalMembers + (j << 2), load<i32>(totalMembers + (j << 2)) + load<i32>(e + (j << 2)));
    }
  }
  let moved = 0;
  for (let c = 0; c < nChunks; c++) moved += load<i32>(changed + (<usize>c << 2));
  return moved;
}

/**
 * Elkan's first labels and bounds (elkan.ts) over chunks claimed from `counter`, and each chunk's
 * sums from them. `scratch`: 256·k values of this thread's own.
 */
export function elkanInitChunks(
  x: usize, p: i32, n: i32, centers: usize, k: i32, rowNorms: usize, centerNorms: usize,
  labels: usize, upper: usize, lower: usize, weights: usize, sums: usize, mass: usize, members: usize, counter: usize, scratch: usize,
): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    const end = min(n, start + CHUNK);
    elkanInitRows(x, p, start, end, centers, k, rowNorms, centerNorms, labels, upper, lower, scratch);
    chunkSums(x, p, start, end, c, k, weights, labels, sums, mass, members);
  }
}
