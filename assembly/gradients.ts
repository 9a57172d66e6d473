// Gradients of the commonest objectives, computed where the scores live.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * Binary log-loss gradients of rows [start, end): p = sigmoid(raw), grad = w(p − y),
 * hess = w·max(p(1 − p), 1e-16), as objectives.ts defines them, as (grad, hess) f32 pairs at gh;
 * targets are bytes (0 or 1); `weight` 0 means all weights 1.
 */
export function logisticGradients(y: usize, raw: usize, weight: usize, gh: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const r = load<f64>(raw + (<usize>i << 3));
    let p: f64;
    if (r >= 0) p = 1 / (1 + Math.exp(-r));
    else {
      const e = Math.exp(r);
      p = e / (1 + e);
    }
    const w = weight == 0 ? 1.0 : load<f64>(weight + (<usize>i << 3));
    store<f32>(gh + (<usize>i << 3), <f32>(w * (p - <f64>load<u8>(y + <usize>i))));
    store<f32>(gh + (<usize>i << 3) + 4, <f32>(w * max(p * (1 - p), 1e-16)));
  }
}

/** Squared-error gradients of rows [start, end): grad = w(raw − y), hess = w, as pairs at gh. */
export function squaredGradients(y: usize, raw: usize, weight: usize, gh: usize, start: i32, end: i32): void {
  for (let i = start; i < end; i++) {
    const w = weight == 0 ? 1.0 : load<f64>(weight + (<usize>i << 3));
    store<f32>(gh + (<usize>i << 3), <f32>(w * (load<f64>(raw + (<usize>i << 3)) - load<f64>(y + (<usize>i << 3)))));
    store<f32>(gh + (<usize>i << 3) + 4, <f32>w);
  }
}

