// Order statistics over the non-missing values of a column, with numpy's default ("linear")
// interpolation, so medians, IQRs and quantile bin edges agree with scikit-learn.

/** The finite-or-infinite (non-NaN) values, sorted ascending. */
export function sortedPresent(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** The q-th percentile (q in [0, 100]) of sorted values: numpy.percentile(method="linear"). */
export function percentileOfSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (q / 100) * (n - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, n - 1);
  const fraction = position - below;
  // numpy's _lerp: a + (b - a) * t, switching form near t = 1 for monotonicity.
  const a = sorted[below];
  const b = sorted[above];
  const diff = b - a;
  return fraction >= 0.5 ? b - diff * (1 - fraction) : a + diff * fraction;
}

/** The median of sorted values as numpy.median computes it: the mean of the two middle ones. */
export function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
