// One k-means iteration in one pass over the data, as chunks of 256 rows: each chunk's rows get
// their nearest centre (Lloyd: blocks of dot products; Elkan: bounds first), and the chunk's own
// weighted sums, weights and member counts per centre are written beside it, with the number of
// rows whose label changed. The caller adds the chunks' sums in chunk order (chunkTotals), so the
// centres do not depend on which thread did which chunk.
//
// Threads claim chunks from a shared counter (atomic add): a thread that starts late, or never,
// only leaves more chunks to the others. `counter` is an i32 the caller sets to 0 before each call.

import { crossDots } from "./products";
import { elkanInitRows, elkanRow, elkanShiftRow } from "./elkan";
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
 * Lloyd's step over the n rows: nearest centre (ties to the lower index) into labels, the number
 * of labels changed per chunk into changed (i32), and per-chunk sums (chunkSums) when sums ≠ 0.
 * `scratch`: 256·k values of this thread's own.
 */
export function lloydChunks(
  x: usize, p: i32, n: i32, centers: usize, centerNorms: usize, k: i32, weights: usize, labels: usize,
  sums: usize, mass: usize, members: usize, changed: usize, counter: usize, scratch: usize,
): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    const end = min(n, start + CHUNK);
    crossDots(x, p, start, end, centers, k, scratch);
    let moved = 0;
    for (let i = start; i < end; i++) {
      const o = scratch + ((<usize>(i - start) * <usize>k) << 3);
      let best = 0;
      let bestScore = load<f64>(centerNorms) - 2 * load<f64>(o);
      for (let j = 1; j < k; j++) {
        const s = load<f64>(centerNorms + (<usize>j << 3)) - 2 * load<f64>(o + (<usize>j << 3));
        if (s < bestScore) {
          bestScore = s;
          best = j;
        }
      }
      const at = labels + (<usize>i << 2);
      if (load<i32>(at) != best) moved++;
      store<i32>(at, best);
    }
    store<i32>(changed + (<usize>c << 2), moved);
    if (sums != 0) chunkSums(x, p, start, end, c, k, weights, labels, sums, mass, members);
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
      if (elkanRow(x, p, i, centers, k, half, nextCenter, labels, upper, lower) != before) moved++;
    }
    store<i32>(changed + (<usize>c << 2), moved);
    if (sums != 0) chunkSums(x, p, start, end, c, k, weights, labels, sums, mass, members);
  }
}

/** Per chunk, Σ wᵢ‖xᵢ − c_{labelᵢ}‖² by the direct formula, into out[chunk]. */
export function inertiaChunks(x: usize, p: i32, n: i32, centers: usize, weights: usize, labels: usize, out: usize, counter: usize): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  const row = <usize>p << 3;
  const even = <usize>(p & ~1) << 3;
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    const end = min(n, start + CHUNK);
    let total = 0.0;
    for (let i = start; i < end; i++) {
      const a = x + <usize>i * row;
      const b = centers + <usize>load<i32>(labels + (<usize>i << 2)) * row;
      let acc = f64x2.splat(0);
      for (let f: usize = 0; f < even; f += 16) {
        const d = f64x2.sub(v128.load(a + f), v128.load(b + f));
        acc = f64x2.add(acc, f64x2.mul(d, d));
      }
      let s = lanes(acc);
      if (p & 1) {
        const d = load<f64>(a + even) - load<f64>(b + even);
        s += d * d;
      }
      total += load<f64>(weights + (<usize>i << 3)) * s;
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

/** elkanInit (elkan.ts) over chunks claimed from `counter`. `scratch`: 256·k values of this thread's own. */
export function elkanInitChunks(
  x: usize, p: i32, n: i32, centers: usize, k: i32, rowNorms: usize, centerNorms: usize,
  labels: usize, upper: usize, lower: usize, counter: usize, scratch: usize,
): void {
  const nChunks = (n + CHUNK - 1) / CHUNK;
  for (let c = claim(counter); c < nChunks; c = claim(counter)) {
    const start = c * CHUNK;
    elkanInitRows(x, p, start, min(n, start + CHUNK), centers, k, rowNorms, centerNorms, labels, upper, lower, scratch);
  }
}
