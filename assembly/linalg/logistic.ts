// The logistic regression loss and its gradient over a range of rows: class scores X Wᵀ + b by
// blocks of dot products, residuals ∂loss/∂z in place of the scores, then the gradient Rᵀ X.
// Binary: one score per row, half binomial loss log(1 + eᶻ) − yz. Multinomial: K scores,
// logsumexp(z) − z_y. Parameters θ: K·p coefficients (class-major), then K intercepts.

import { crossDots } from "./products";

const BLOCK = 128;

/**
 * Rows are cut into nChunks fixed chunks (chunk c: rows [⌊c·n/nChunks⌋, ⌊(c+1)·n/nChunks⌋)); this
 * thread does chunks first, first + step, … and writes chunk c's gradient (K·p + K values, the
 * intercepts' part left 0 when not fitted) to partials + c·(K·(p + 1))·8 and its loss to
 * losses + c·8. The caller sums the chunks in order, so the result does not depend on the
 * number of threads. codes: class index per row (i32); w: weights or 0 for all ones;
 * scratch: 128·K values.
 */
export function logisticChunks(
  x: usize, n: i32, p: i32, codes: usize, w: usize, theta: usize, K: i32, fitIntercept: i32,
  nChunks: i32, first: i32, step: i32, partials: usize, losses: usize, scratch: usize,
): void {
  const d = <usize>K * <usize>(p + 1);
  for (let c = first; c < nChunks; c += step) {
    const s = <i32>((<i64>c * <i64>n) / <i64>nChunks);
    const e = <i32>((<i64>(c + 1) * <i64>n) / <i64>nChunks);
    const grad = partials + ((<usize>c * d) << 3);
    memory.fill(grad, 0, d << 3);
    let loss = 0.0;
    for (let start = s; start < e; start += BLOCK) {
      const end = min(e, start + BLOCK);
      crossDots(x, p, start, end, theta, K, scratch);
      loss += residuals(codes, w, theta, p, K, fitIntercept, start, end, scratch);
      accumulate(x, p, start, end, K, scratch, grad);
    }
    store<f64>(losses + (<usize>c << 3), loss);
  }
}

/** Scores (plus intercepts) → weighted residuals in place; returns the block's weighted loss. */
function residuals(codes: usize, w: usize, theta: usize, p: i32, K: i32, fitIntercept: i32, start: i32, end: i32, Z: usize): f64 {
  const intercepts = theta + ((<usize>K * <usize>p) << 3);
  let loss = 0.0;
  for (let i = start; i < end; i++) {
    const row = Z + ((<usize>(i - start) * <usize>K) << 3);
    const wi = w == 0 ? 1.0 : load<f64>(w + (<usize>i << 3));
    const yi = load<i32>(codes + (<usize>i << 2));
    if (fitIntercept) for (let k = 0; k < K; k++) store<f64>(row + (<usize>k << 3), load<f64>(row + (<usize>k << 3)) + load<f64>(intercepts + (<usize>k << 3)));
    if (wi == 0) {
      memory.fill(row, 0, <usize>K << 3);
    } else if (K == 1) {
      const z = load<f64>(row);
      // log(1 + eᶻ) and σ(z) from one exponential, e^−|z|, without overflow on either side.
      const ez = Math.exp(-Math.abs(z));
      loss += wi * ((z > 0 ? z : 0) + Math.log1p(ez) - <f64>yi * z);
      store<f64>(row, wi * ((z >= 0 ? 1 / (1 + ez) : ez / (1 + ez)) - <f64>yi));
    } else {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, load<f64>(row + (<usize>k << 3)));
      const own = load<f64>(row + (<usize>yi << 3));
      let sum = 0.0;
      for (let k = 0; k < K; k++) {
        const ez = Math.exp(load<f64>(row + (<usize>k << 3)) - max);
        store<f64>(row + (<usize>k << 3), ez);
        sum += ez;
      }
      loss += wi * (max + Math.log(sum) - own);
      const scale = wi / sum;
      for (let k = 0; k < K; k++) store<f64>(row + (<usize>k << 3), load<f64>(row + (<usize>k << 3)) * scale);
      const at = row + (<usize>yi << 3);
      store<f64>(at, load<f64>(at) - wi);
    }
  }
  return loss;
}

/** grad[k][j] += Σ_i R[i][k]·x_ij and grad[K·p + k] += Σ_i R[i][k], eight features per step in registers. */
function accumulate(x: usize, p: i32, start: i32, end: i32, K: i32, R: usize, grad: usize): void {
  const row = <usize>p << 3;
  const eights = <usize>(p & ~7) << 3;
  const kk = <usize>K << 3;
  for (let k = 0; k < K; k++) {
    const g = grad + ((<usize>k * <usize>p) << 3);
    const rk = R + (<usize>k << 3);
    let f: usize = 0;
    for (; f < eights; f += 64) {
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
      let xi = x + <usize>start * row + f;
      let ri = rk;
      for (let i = start; i < end; i++, xi += row, ri += kk) {
        const r = f64x2.splat(load<f64>(ri));
        s0 = f64x2.add(s0, f64x2.mul(r, v128.load(xi)));
        s1 = f64x2.add(s1, f64x2.mul(r, v128.load(xi + 16)));
        s2 = f64x2.add(s2, f64x2.mul(r, v128.load(xi + 32)));
        s3 = f64x2.add(s3, f64x2.mul(r, v128.load(xi + 48)));
      }
      v128.store(g + f, f64x2.add(v128.load(g + f), s0));
      v128.store(g + f + 16, f64x2.add(v128.load(g + f + 16), s1));
      v128.store(g + f + 32, f64x2.add(v128.load(g + f + 32), s2));
      v128.store(g + f + 48, f64x2.add(v128.load(g + f + 48), s3));
    }
    for (; f < row; f += 8) {
      let s = 0.0;
      let xi = x + <usize>start * row + f;
      let ri = rk;
      for (let i = start; i < end; i++, xi += row, ri += kk) s += load<f64>(ri) * load<f64>(xi);
      store<f64>(g + f, load<f64>(g + f) + s);
    }
    let sum = 0.0;
    for (let i = start, ri = rk; i < end; i++, ri += kk) sum += load<f64>(ri);
    const gi = grad + ((<usize>K * <usize>p + <usize>k) << 3);
    store<f64>(gi, load<f64>(gi) + sum);
  }
}
