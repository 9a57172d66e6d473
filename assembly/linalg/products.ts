// Blocks of dot products between the rows of two row-major matrices: the matrix × matrix-transpose
// that distances to centres, class scores and projections are made of.

import { lanes } from "./simd";

/**
 * out[(i − i0)·k + j] = A_i · B_j for rows [i0, i1) of A (p columns) and the k rows of B. Tiles of
 * 2 rows × 4 rows of B (then 2 × 2, 2 × 1 at the edge), two features per SIMD lane pair: 6 loads
 * feed 8 multiply-adds. Each dot
 * product sums even and odd features in separate lanes, then adds them and the odd last feature.
 */
export function crossDots(a: usize, p: i32, i0: i32, i1: i32, b: usize, k: i32, out: usize): void {
  const row = <usize>p << 3;
  const even = <usize>(p & ~1) << 3;
  const odd = (p & 1) != 0;
  const kk = <usize>k << 3;
  for (let i = i0; i < i1; i += 2) {
    const ra = a + <usize>i * row;
    const two = i + 1 < i1;
    // An odd last row is paired with itself; its second result is not stored.
    const rb = two ? ra + row : ra;
    const oa = out + <usize>(i - i0) * kk;
    const ob = oa + kk;
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      const c0 = b + <usize>j * row, c1 = c0 + row, c2 = c1 + row, c3 = c2 + row;
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
      for (let f: usize = 0; f < even; f += 16) {
        const xa = v128.load(ra + f), xb = v128.load(rb + f);
        const v0 = v128.load(c0 + f), v1 = v128.load(c1 + f), v2 = v128.load(c2 + f), v3 = v128.load(c3 + f);
        a0 = f64x2.add(a0, f64x2.mul(xa, v0));
        a1 = f64x2.add(a1, f64x2.mul(xa, v1));
        a2 = f64x2.add(a2, f64x2.mul(xa, v2));
        a3 = f64x2.add(a3, f64x2.mul(xa, v3));
        b0 = f64x2.add(b0, f64x2.mul(xb, v0));
        b1 = f64x2.add(b1, f64x2.mul(xb, v1));
        b2 = f64x2.add(b2, f64x2.mul(xb, v2));
        b3 = f64x2.add(b3, f64x2.mul(xb, v3));
      }
      let sa0 = lanes(a0), sa1 = lanes(a1), sa2 = lanes(a2), sa3 = lanes(a3);
      let sb0 = lanes(b0), sb1 = lanes(b1), sb2 = lanes(b2), sb3 = lanes(b3);
      if (odd) {
        const xa = load<f64>(ra + even), xb = load<f64>(rb + even);
        const v0 = load<f64>(c0 + even), v1 = load<f64>(c1 + even), v2 = load<f64>(c2 + even), v3 = load<f64>(c3 + even);
        sa0 += xa * v0; sa1 += xa * v1; sa2 += xa * v2; sa3 += xa * v3;
        sb0 += xb * v0; sb1 += xb * v1; sb2 += xb * v2; sb3 += xb * v3;
      }
      const o = <usize>j << 3;
      store<f64>(oa + o, sa0); store<f64>(oa + o + 8, sa1); store<f64>(oa + o + 16, sa2); store<f64>(oa + o + 24, sa3);
      if (two) {
        store<f64>(ob + o, sb0); store<f64>(ob + o + 8, sb1); store<f64>(ob + o + 16, sb2); store<f64>(ob + o + 24, sb3);
      }
    }
    if (j + 2 <= k) {
      const c0 = b + <usize>j * row, c1 = c0 + row;
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), b0 = f64x2.splat(0), b1 = f64x2.splat(0);
      for (let f: usize = 0; f < even; f += 16) {
        const xa = v128.load(ra + f), xb = v128.load(rb + f);
        const v0 = v128.load(c0 + f), v1 = v128.load(c1 + f);
        a0 = f64x2.add(a0, f64x2.mul(xa, v0));
        a1 = f64x2.add(a1, f64x2.mul(xa, v1));
        b0 = f64x2.add(b0, f64x2.mul(xb, v0));
        b1 = f64x2.add(b1, f64x2.mul(xb, v1));
      }
      let sa0 = lanes(a0), sa1 = lanes(a1), sb0 = lanes(b0), sb1 = lanes(b1);
      if (odd) {
        const xa = load<f64>(ra + even), xb = load<f64>(rb + even);
        const v0 = load<f64>(c0 + even), v1 = load<f64>(c1 + even);
        sa0 += xa * v0; sa1 += xa * v1;
        sb0 += xb * v0; sb1 += xb * v1;
      }
      const o = <usize>j << 3;
      store<f64>(oa + o, sa0); store<f64>(oa + o + 8, sa1);
      if (two) {
        store<f64>(ob + o, sb0); store<f64>(ob + o + 8, sb1);
      }
      j += 2;
    }
    for (; j < k; j++) {
      const c0 = b + <usize>j * row;
      let a0 = f64x2.splat(0), b0 = f64x2.splat(0);
      for (let f: usize = 0; f < even; f += 16) {
        const v0 = v128.load(c0 + f);
        a0 = f64x2.add(a0, f64x2.mul(v128.load(ra + f), v0));
        b0 = f64x2.add(b0, f64x2.mul(v128.load(rb + f), v0));
      }
      let sa = lanes(a0), sb = lanes(b0);
      if (odd) {
        const v0 = load<f64>(c0 + even);
        sa += load<f64>(ra + even) * v0;
        sb += load<f64>(rb + even) * v0;
      }
      store<f64>(oa + (<usize>j << 3), sa);
      if (two) store<f64>(ob + (<usize>j << 3), sb);
    }
  }
}

/** A_i · v for rows [i0, i1) of A (p columns), plus c, into out[i − i0]. */
export function matVec(a: usize, p: i32, i0: i32, i1: i32, v: usize, c: f64, out: usize): void {
  crossDots(a, p, i0, i1, v, 1, out);
  for (let i = i0; i < i1; i++) {
    const o = out + (<usize>(i - i0) << 3);
    store<f64>(o, load<f64>(o) + c);
  }
}

/**
 * Σ wᵢ(yᵢ − A_i·v − c)² over rows [0, n), in row order (w = 0: all weights 1). `scratch` holds
 * 256 values.
 */
export function weightedRss(a: usize, n: i32, p: i32, v: usize, c: f64, y: usize, w: usize, scratch: usize): f64 {
  let total = 0.0;
  for (let s = 0; s < n; s += 256) {
    const e = min(n, s + 256);
    matVec(a, p, s, e, v, c, scratch);
    for (let i = s; i < e; i++) {
      const r = load<f64>(y + (<usize>i << 3)) - load<f64>(scratch + (<usize>(i - s) << 3));
      total += (w == 0 ? 1.0 : load<f64>(w + (<usize>i << 3))) * r * r;
    }
  }
  return total;
}

/** out[j] = Σᵢ wᵢ·A_ij over rows [0, n), each column summed in row order (w = 0: all weights 1). */
export function columnSums(a: usize, n: i32, p: i32, w: usize, out: usize): void {
  const row = <usize>p << 3;
  const even = <usize>(p & ~1) << 3;
  memory.fill(out, 0, row);
  for (let i = 0; i < n; i++) {
    const ra = a + <usize>i * row;
    const wi = w == 0 ? 1.0 : load<f64>(w + (<usize>i << 3));
    const ws = f64x2.splat(wi);
    for (let f: usize = 0; f < even; f += 16) v128.store(out + f, f64x2.add(v128.load(out + f), f64x2.mul(ws, v128.load(ra + f))));
    if (p & 1) store<f64>(out + even, load<f64>(out + even) + wi * load<f64>(ra + even));
  }
}

/**
 * For each of the k rows of B, the product A_i · B_j of largest magnitude over rows [0, n) of A
 * (the first such row on ties) into best[j]; PCA's sign convention. `scratch`: 256·k values.
 */
export function extremeProducts(a: usize, n: i32, p: i32, b: usize, k: i32, best: usize, scratch: usize): void {
  const top = scratch + ((<usize>256 * <usize>k) << 3);
  for (let j = 0; j < k; j++) {
    store<f64>(best + (<usize>j << 3), 0);
    store<f64>(top + (<usize>j << 3), -1);
  }
  for (let start = 0; start < n; start += 256) {
    const end = min(n, start + 256);
    crossDots(a, p, start, end, b, k, scratch);
    for (let i = 0; i < end - start; i++) {
      const row = scratch + ((<usize>i * <usize>k) << 3);
      for (let j = 0; j < k; j++) {
        const s = load<f64>(row + (<usize>j << 3));
        const t = top + (<usize>j << 3);
        if (Math.abs(s) > load<f64>(t)) {
          store<f64>(t, Math.abs(s));
          store<f64>(best + (<usize>j << 3), s);
        }
      }
    }
  }
}
