// Score updates during training: a freshly grown tree's leaf values added to the scores of rows
// that did not take part in growing it (rows left out by subsampling), walked on their bins.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * raw[i] += value[leaf] for each row i = rows[r], r in [start, end), where the leaf is found on the
 * row's bins (row-major `binned`, nFeatures bytes a row): at node j with feature f = feature[j] ≥ 0
 * the row goes left when goesLeft[binOffset[j] + bin] is 1 (a table over the feature's bins,
 * missing bin last), to children[2j], else to children[2j + 1].
 */
export function addBinnedLeaves(
  binned: usize,
  nFeatures: i32,
  rows: usize,
  start: i32,
  end: i32,
  feature: usize,
  binOffset: usize,
  goesLeft: usize,
  children: usize,
  value: usize,
  raw: usize,
): void {
  const nf = <usize>nFeatures;
  for (let r = start; r < end; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    const base = binned + i * nf;
    let node: usize = 0;
    let f = load<i32>(feature);
    while (f >= 0) {
      const bin = <usize>load<u8>(base + <usize>f);
      const right: usize = 1 - <usize>load<u8>(goesLeft + <usize>load<i32>(binOffset + (node << 2)) + bin);
      node = <usize>load<i32>(children + (((node << 1) + right) << 2));
      f = load<i32>(feature + (node << 2));
    }
    const p = raw + (i << 3);
    store<f64>(p, load<f64>(p) + load<f64>(value + (node << 3)));
  }
}
