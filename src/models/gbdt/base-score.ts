// Constant scores that minimise a weighted loss: the starting point of boosting (base scores) and,
// for absolute and quantile losses, the value a leaf is renewed to.

import { InvalidInput } from "../../core/index.js";

/** Sum of weights, after checking there is one per row, each finite and ≥ 0, and the sum is > 0. */
export function totalWeight(name: string, y: Float64Array, weight: Float64Array | null): number {
  if (weight === null) {
    if (y.length === 0) throw new InvalidInput(`${name} needs at least one target for a base score: y is empty`);
    return y.length;
  }
  if (weight.length !== y.length) throw new InvalidInput(`${name} needs one weight per row (${y.length}): received ${weight.length}`);
  let total = 0;
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i];
    if (!(w >= 0 && w < Infinity)) throw new InvalidInput(`${name} needs finite weights ≥ 0: row ${i} has weight ${w}`, { where: `row ${i}` });
    total += w;
  }
  if (!(total > 0)) throw new InvalidInput(`${name} needs weights with a positive sum: all ${weight.length} are 0`);
  return total;
}

export function weightedMean(y: Float64Array, weight: Float64Array | null): number {
  const total = totalWeight("base score", y, weight);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (weight === null ? 1 : weight[i]) * y[i];
  return sum / total;
}

export function logMean(name: string, y: Float64Array, weight: Float64Array | null): number {
  const mean = weightedMean(y, weight);
  if (!(mean > 0)) throw new InvalidInput(`${name} needs a positive weighted mean target for its base score: received ${mean}`);
  return Math.log(mean);
}

/**
 * The smallest y whose cumulative weight reaches alpha of the total: a minimiser of the weighted
 * pinball loss. When the cumulative weight lands exactly on alpha·total, every value up to the next
 * one minimises it, and we take the midpoint (the textbook median of an even count).
 */
export function weightedQuantile(y: Float64Array, weight: Float64Array | null, alpha: number): number {
  const total = totalWeight("base score", y, weight);
  const order = Uint32Array.from(y.keys()).sort((a, b) => y[a] - y[b]);
  const target = alpha * total;
  let cumulative = 0;
  for (let j = 0; j < order.length; j++) {
    cumulative += weight === null ? 1 : weight[order[j]];
    if (cumulative < target) continue;
    if (cumulative === target) {
      for (let k = j + 1; k < order.length; k++) {
        if (weight === null || weight[order[k]] > 0) return (y[order[j]] + y[order[k]]) / 2;
      }
    }
    return y[order[j]];
  }
  return y[order[order.length - 1]];
}

/**
 * The constant minimising the weighted Huber loss: the root of ψ(c) = Σ w·clip(c − y, ±delta),
 * which is nondecreasing and piecewise linear. It lies between median and mean, so neither would
 * do. Newton from the median, kept inside a shrinking bracket, lands on the root's linear piece in
 * a few passes; bisection takes over whenever Newton would leave the bracket.
 */
export function huberLocation(y: Float64Array, weight: Float64Array | null, delta: number): number {
  let c = weightedQuantile(y, weight, 0.5);
  let lo = -Infinity;
  let hi = Infinity;
  for (let iteration = 0; iteration < 200; iteration++) {
    let psi = 0;
    let slope = 0;
    for (let i = 0; i < y.length; i++) {
      const w = weight === null ? 1 : weight[i];
      const r = c - y[i];
      if (r > delta) psi += w * delta;
      else if (r < -delta) psi -= w * delta;
      else {
        psi += w * r;
        slope += w;
      }
    }
    if (psi === 0) return c;
    if (psi > 0) hi = c;
    else lo = c;
    let next = slope > 0 ? c - psi / slope : NaN;
    if (!(next > lo && next < hi)) next = Number.isFinite(lo) && Number.isFinite(hi) ? (lo + hi) / 2 : c - Math.sign(psi) * delta;
    if (next === c || next === lo || next === hi) return c;
    c = next;
  }
  return c;
}
