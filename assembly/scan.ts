// Split finding: the best threshold of each plain numeric feature of a node.
// All arrays live in linear memory laid out by src/models/gbdt/arena.ts; nothing here allocates.

/**
 * Best threshold of each plain numeric feature (no L1, clamp or monotone bound) of one node, from
 * its histogram of (grad, hess) pairs. For feature f (flags[f] = 1) with bins starting at
 * binStart[f] and nValueBins[f] value bins followed by the missing bin, writes to out[3f ..]:
 * the best score GL²/(HL+λ) + GR²/(HR+λ), the bin after which the threshold falls (-1: none), and
 * 1 when missing values go left. Ties keep the first candidate, as the JavaScript scan does.
 * `words` is scratch for 4 u64: a bitmap of the feature's non-empty bins.
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
  words: usize,
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
    const first = hist + (base << 4);
    // Only non-empty bins are candidates, and an empty bin adds nothing (its gradient may hold a
    // subtraction's residue), exactly as the JavaScript scan skips it. They are found first, as a
    // bitmap, and visited by their set bits: in a small node bins are empty at random, and a
    // branch on it in the loop would be mispredicted at every other bin.
    const nWords = nonEmptyBins(first, lastBin, words);
    if (!hasMissing) {
      // Without missing values, one candidate per bin: the loop without the missing-left branch.
      const l2x2 = f64x2.splat(l2);
      for (let w: i32 = 0; w < nWords; w++) {
        for (let word = load<u64>(words + (<usize>w << 3)); word != 0; word &= word - 1) {
          const b = (w << 6) + <i32>ctz(word);
          const p = first + (<usize>b << 4);
          gl += load<f64>(p);
          hl += load<f64>(p + 8);
          const hr = H - hl;
          if (hl >= minHess && hr >= minHess) {
            const gr = G - gl;
            const q = f64x2.div(f64x2(gl * gl, gr * gr), f64x2.add(f64x2(hl, hr), l2x2));
            const score = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
            if (score > best) {
              best = score;
              bestBin = b;
            }
          }
        }
      }
      store<f64>(o, best);
      store<f64>(o + 8, <f64>bestBin);
      store<f64>(o + 16, 0);
      continue;
    }
    for (let w: i32 = 0; w < nWords; w++) {
      for (let word = load<u64>(words + (<usize>w << 3)); word != 0; word &= word - 1) {
        const b = (w << 6) + <i32>ctz(word);
        const p = first + (<usize>b << 4);
        gl += load<f64>(p);
        hl += load<f64>(p + 8);
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
        if (b < nv - 1) {
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
    }
    store<f64>(o, best);
    store<f64>(o + 8, <f64>bestBin);
    store<f64>(o + 16, <f64>bestLeft);
  }
}

/**
 * Writes to `words` a bitmap of the bins 0..lastBin (of the pairs at `first`) whose hessian is not
 * 0, bin b at bit b % 64 of word b / 64; returns the number of words. Two bins a SIMD compare.
 */
// @ts-ignore: decorator
@inline
function nonEmptyBins(first: usize, lastBin: i32, words: usize): i32 {
  const nWords = (lastBin + 64) >> 6;
  const zero = f64x2.splat(0);
  for (let w: i32 = 0; w < nWords; w++) {
    const b0 = w << 6;
    const b1 = min(b0 + 64, lastBin + 1);
    let word: u64 = 0;
    let b = b0;
    for (; b + 2 <= b1; b += 2) {
      const p = first + (<usize>b << 4);
      const hessians = v128.shuffle<f64>(v128.load(p), v128.load(p + 16), 1, 3);
      word |= <u64>i64x2.bitmask(f64x2.ne(hessians, zero)) << <u64>(b - b0);
    }
    if (b < b1) word |= <u64>(load<f64>(first + (<usize>b << 4) + 8) != 0) << <u64>(b - b0);
    store<u64>(words + (<usize>w << 3), word);
  }
  return nWords;
}

// The leaf value and loss exactly as src/models/gbdt/split.ts computes them (same operations in
// the same order; WebAssembly's min/max order -0 below +0 and propagate NaN as Math.min/max do).
// @ts-ignore: decorator
@inline
function leafValue(g: f64, h: f64, l1: f64, l2: f64, maxDeltaStep: f64, lower: f64, upper: f64): f64 {
  const t = g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;
  let w = -t / (h + l2);
  if (maxDeltaStep > 0) w = max<f64>(-maxDeltaStep, min<f64>(maxDeltaStep, w));
  return max<f64>(lower, min<f64>(upper, w));
}

// @ts-ignore: decorator
@inline
function leafLoss(g: f64, h: f64, w: f64, l1: f64, l2: f64): f64 {
  return g * w + 0.5 * (h + l2) * w * w + l1 * abs<f64>(w);
}

/**
 * One numeric feature's thresholds judged one by one as split.ts's consider() judges them — row
 * counts, minSamplesLeaf, L1, maxDeltaStep, monotone direction and value bounds — continuing a
 * search whose best gain so far is `bestGain` (`found` 0 when there is none: then the first valid
 * candidate is taken whatever its gain). `counts` is the u32 row count per bin, or 0 for none (a
 * bin is then non-empty when its hessian is). `rules` holds f64: l1, l2, maxDeltaStep, lower,
 * upper, minChildWeight, minSamplesLeaf, G, H, N, parentLoss, monotone. Writes the winner to
 * out[0..3): gain, bin, missingLeft; bin -1 when nothing beat the best so far.
 */
export function scanNumericGeneral(hist: usize, counts: usize, base: i32, nValueBins: i32, rules: usize, found: i32, bestGain: f64, out: usize): void {
  const l1 = load<f64>(rules);
  const l2 = load<f64>(rules, 8);
  const maxDeltaStep = load<f64>(rules, 16);
  const lower = load<f64>(rules, 24);
  const upper = load<f64>(rules, 32);
  const minChildWeight = load<f64>(rules, 40);
  const minSamplesLeaf = load<f64>(rules, 48);
  const G = load<f64>(rules, 56);
  const H = load<f64>(rules, 64);
  const N = load<f64>(rules, 72);
  const parentLoss = load<f64>(rules, 80);
  const monotone = load<f64>(rules, 88);
  const m = <usize>(base + nValueBins);
  const gm = load<f64>(hist + (m << 4));
  const hm = load<f64>(hist + (m << 4) + 8);
  const cm: f64 = counts ? <f64>load<u32>(counts + (m << 2)) : hm > 0 ? 1 : 0;
  let has = found != 0;
  let best = bestGain;
  let bestBin: i32 = -1;
  let bestLeft: i32 = 0;
  let gl: f64 = 0;
  let hl: f64 = 0;
  let cl: f64 = 0;
  const lastBin = cm > 0 ? nValueBins - 1 : nValueBins - 2;
  for (let b: i32 = 0; b <= lastBin; b++) {
    const j = <usize>(base + b);
    const h = load<f64>(hist + (j << 4) + 8);
    const c: f64 = counts ? <f64>load<u32>(counts + (j << 2)) : h > 0 ? 1 : 0;
    gl += load<f64>(hist + (j << 4));
    hl += h;
    cl += c;
    if (c == 0 && b < lastBin) continue;
    for (let variant = 0; variant < 2; variant++) {
      let g = gl;
      let hh = hl;
      let cc = cl;
      if (variant == 1) {
        if (!(cm > 0 && b < nValueBins - 1)) break;
        g = gl + gm;
        hh = hl + hm;
        cc = cl + cm;
      }
      const gr = G - g;
      const hr = H - hh;
      const cr = N - cc;
      if (cc < minSamplesLeaf || cr < minSamplesLeaf || hh < minChildWeight || hr < minChildWeight) continue;
      if (counts ? cc < 1 || cr < 1 : hh <= 0 || hr <= 0) continue;
      const wl = leafValue(g, hh, l1, l2, maxDeltaStep, lower, upper);
      const wr = leafValue(gr, hr, l1, l2, maxDeltaStep, lower, upper);
      if ((monotone > 0 && wl > wr) || (monotone < 0 && wl < wr)) continue;
      const gain = parentLoss - leafLoss(g, hh, wl, l1, l2) - leafLoss(gr, hr, wr, l1, l2);
      if (has && !(gain > best)) continue;
      has = true;
      best = gain;
      bestBin = b;
      bestLeft = variant;
    }
  }
  store<f64>(out, best);
  store<f64>(out, <f64>bestBin, 8);
  store<f64>(out, <f64>bestLeft, 16);
}
