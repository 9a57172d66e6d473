// Gradient histograms: for every feature and bin, the sums of gradients and hessians and the row
// count of the rows in a node. Split finding reads only these, never the rows.
//
// Layout: one Float64Array of totalBins × 3 — [grad, hess, count] per bin, features one after the
// other at their offsets. Sums are in float64 although gradients are float32: a million small
// float32 additions would lose the digits that decide close splits.

/** Fills `hist` (zeroed first) from the rows rows[start..end) of a row-major binned matrix. */
export function buildHistogram(
  binned: Uint8Array,
  nFeatures: number,
  offsets3: Int32Array,
  rows: Int32Array,
  start: number,
  end: number,
  grad: Float32Array,
  hess: Float32Array,
  hist: Float64Array,
): void {
  hist.fill(0);
  // The hot loop of training: one pass over the node's rows, every feature of a row at once, so
  // each row's bins and gradients are read from memory a single time.
  for (let r = start; r < end; r++) {
    const i = rows[r];
    const g = grad[i];
    const h = hess[i];
    const base = i * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const k = offsets3[f] + 3 * binned[base + f];
      hist[k] += g;
      hist[k + 1] += h;
      hist[k + 2] += 1;
    }
  }
}

/** The sibling's histogram by subtraction: target = parent − child, in place over the parent. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let k = 0; k < parent.length; k++) parent[k] -= child[k];
}
