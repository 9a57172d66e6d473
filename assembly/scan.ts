// Split finding: the best threshold of each plain numeric feature of a node.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * Best threshold of each plain numeric feature (no L1, clamp or monotone bound) of one node, from
 * its histogram of (grad, hess) pairs. For feature f (flags[f] = 1) with bins starting at
 * binStart[f] and nValueBins[f] value bins followed by the missing bin, writes to out[3f ..]:
 * the best score GL²/(HL+λ) + GR²/(HR+λ), the bin after which the threshold falls (-1: none), and
 * 1 when missing values go left. Ties keep the first candidate, as the JavaScript scan does.
 */
export function scanNumeric(
  hist: usize,
  binStart: usize,
  nValueBins: usize,
  flags: usize,
  nFeatures: i32,
  G: f64,
  H: f64,
  l2: f64,
  minHess: f64,
  out: usize,
): void {
  for (let f: i32 = 0; f < nFeatures; f++) {
    const o = out + (<usize>(3 * f) << 3);
    store<f64>(o + 8, -1);
    if (load<i32>(flags + (<usize>f << 2)) == 0) continue;
    const base = <usize>load<i32>(binStart + (<usize>f << 2));
    const nv = load<i32>(nValueBins + (<usize>f << 2));
    const m = hist + ((base + <usize>nv) << 4);
    const gm = load<f64>(m);
    const hm = load<f64>(m + 8);
    const hasMissing = hm > 0;
    const lastBin = hasMissing ? nv - 1 : nv - 2;
    let best: f64 = -Infinity;
    let bestBin: i32 = -1;
    let bestLeft: i32 = 0;
    let gl: f64 = 0;
    let hl: f64 = 0;
    let p = hist + (base << 4);
    for (let b: i32 = 0; b <= lastBin; b++, p += 16) {
      const h = load<f64>(p + 8);
      if (h == 0) continue;
      gl += load<f64>(p);
      hl += h;
      const hr = H - hl;
      if (hl >= minHess && hr >= minHess) {
        const gr = G - gl;
        // Both children's terms in one SIMD division: division is the slow step of this loop.
        const q = f64x2.div(f64x2(gl * gl, gr * gr), f64x2(hl + l2, hr + l2));
        const score = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
        if (score > best) {
          best = score;
          bestBin = b;
          bestLeft = 0;
        }
      }
      if (hasMissing && b < nv - 1) {
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        const hr2 = H - hl2;
        if (hl2 >= minHess && hr2 >= minHess) {
          const gr2 = G - gl2;
          const q = f64x2.div(f64x2(gl2 * gl2, gr2 * gr2), f64x2(hl2 + l2, hr2 + l2));
          const score = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
          if (score > best) {
            best = score;
            bestBin = b;
            bestLeft = 1;
          }
        }
      }
    }
    store<f64>(o, best);
    store<f64>(o + 8, <f64>bestBin);
    store<f64>(o + 16, <f64>bestLeft);
  }
}
