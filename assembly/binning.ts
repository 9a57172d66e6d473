// Binning of dense matrices, copied block by block into linear memory.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * Bins rows [start, end) of a block of a dense row-major matrix (`cols` f64 per row) whose first
 * row is row `rowOffset` of the data: each of the first p columns by a branch-free search of its
 * cut points (cuts + f·width, padded with +∞ to `width`, a power of two); NaN goes to bin
 * missing[f]. Writes bins column by column: feature f of row i at columns + f·n + i.
 */
export function binBlock(
  data: usize,
  cols: i32,
  p: i32,
  cuts: usize,
  width: i32,
  missing: usize,
  columns: usize,
  n: i32,
  rowOffset: i32,
  start: i32,
  end: i32,
): void {
  for (let r = start; r < end; r++) {
    const row = data + ((<usize>r * <usize>cols) << 3);
    const i = <usize>(rowOffset + r);
    for (let f: i32 = 0; f < p; f++) {
      const v = load<f64>(row + (<usize>f << 3));
      let bin: i32;
      if (v != v) bin = load<i32>(missing + (<usize>f << 2));
      else {
        const c0 = cuts + ((<usize>f * <usize>width) << 3);
        let pos: i32 = 0;
        for (let step = width >> 1; step > 0; step >>= 1) pos += select<i32>(step, 0, v > load<f64>(c0 + (<usize>(pos + step - 1) << 3)));
        bin = pos + <i32>(v > load<f64>(c0 + (<usize>pos << 3)));
      }
      store<u8>(columns + <usize>f * <usize>n + i, <u8>bin);
    }
  }
}
