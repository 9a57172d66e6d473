// Axis ticks at round numbers (1, 2, 5 × 10^k), the way a reader would label an axis by hand.

/**
 * About `count` round tick values inside [lo, hi]. A degenerate or non-finite domain gets the
 * single value it has (or none), so a chart of a constant column still has one labelled tick.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  // The tolerance keeps an end that is a multiple of the step (0.3 / 0.1 = 2.9999…) on the axis.
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  // Multiply instead of accumulating so 0.1 + 0.2 style error does not creep into the labels.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** The smallest round number ≥ `max`, for the top of a count axis (at least 1). */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const ticks = niceTicks(0, max, 4);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : max;
  return Math.ceil(max / step - 1e-9) * step;
}
