// The q-quantile of sorted values with numpy's default ("linear") interpolation, computed as numpy
// computes it so that bin edges and percentile intervals agree with numpy to the last bit.

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  const below = Math.min(Math.max(Math.floor(virtual), 0), n - 1);
  const above = Math.min(below + 1, n - 1);
  const t = virtual - below;
  const a = sorted[below];
  const b = sorted[above];
  const diff = b - a;
  // numpy's _lerp: from the nearer end, so q = 1 returns the maximum exactly.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
