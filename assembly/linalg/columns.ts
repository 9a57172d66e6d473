// Preparing data in the workspace: the check that every value is finite, centring on the column
// means, and gathering rows (mini-batches, subsamples). Each column is summed in row order, as a
// scalar loop would, so the results do not depend on the SIMD width.

/** The index of the first NaN or infinite value among the len values at a, or −1. */
export function firstNonFinite(a: usize, len: i32): i32 {
  const zero = f64x2.splat(0);
  const pairs = <usize>(len & ~1) << 3;
  for (let o: usize = 0; o < pairs; o += 16) {
    const v = v128.load(a + o);
    // x − x is 0 for a finite x and NaN for ±∞ and NaN.
    if (v128.any_true(f64x2.ne(f64x2.sub(v, v), zero))) {
      const i = <i32>(o >> 3);
      const x = load<f64>(a + o);
      return x - x == 0 ? i + 1 : i;
    }
  }
  if (len & 1) {
    const x = load<f64>(a + pairs);
    if (x - x != 0) return len - 1;
  }
  return -1;
}

/**
 * x (n × p) minus its column means, in place: the means into mean (p values) and each centred
 * column's sum of squares into squares (p values).
 */
export function centreColumns(x: usize, n: i32, p: i32, mean: usize, squares: usize): void {
  const row = <usize>p << 3;
  const even = <usize>(p & ~1) << 3;
  const odd = (p & 1) != 0;
  memory.fill(mean, 0, row);
  memory.fill(squares, 0, row);
  for (let i = 0; i < n; i++) {
    const r = x + <usize>i * row;
    for (let f: usize = 0; f < even; f += 16) v128.store(mean + f, f64x2.add(v128.load(mean + f), v128.load(r + f)));
    if (odd) store<f64>(mean + even, load<f64>(mean + even) + load<f64>(r + even));
  }
  const rows = <f64>n;
  for (let f: usize = 0; f < row; f += 8) store<f64>(mean + f, load<f64>(mean + f) / rows);
  for (let i = 0; i < n; i++) {
    const r = x + <usize>i * row;
    for (let f: usize = 0; f < even; f += 16) {
      const d = f64x2.sub(v128.load(r + f), v128.load(mean + f));
      v128.store(r + f, d);
      v128.store(squares + f, f64x2.add(v128.load(squares + f), f64x2.mul(d, d)));
    }
    if (odd) {
      const d = load<f64>(r + even) - load<f64>(mean + even);
      store<f64>(r + even, d);
      store<f64>(squares + even, load<f64>(squares + even) + d * d);
    }
  }
}

/** out[r] = x[rows[r]] for r in [0, count): whole rows of p values (rows: i32 indices). */
export function gatherRows(x: usize, p: i32, rows: usize, count: i32, out: usize): void {
  const row = <usize>p << 3;
  for (let r = 0; r < count; r++) {
    const i = <usize>load<i32>(rows + (<usize>r << 2));
    memory.copy(out + <usize>r * row, x + i * row, row);
  }
}
