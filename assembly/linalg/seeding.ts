// The inner loop of greedy k-means++ seeding: every row's squared distance to each candidate
// centre (blocks of dot products), capped by its distance to the nearest centre so far, and each
// candidate's potential Σ wᵢ·dᵢ (summed per block of 256 rows, the blocks in order).

import { crossDots } from "./products";

const BLOCK = 256;

/**
 * Rows [0, n) of x against the nTrials candidate rows `cand` (norms candNorms): writes
 * trial[t·n + i] = min(max(‖x_i − c_t‖², 0), closest[i]) and pots[t] = Σᵢ wᵢ·trial[t·n + i].
 * `scratch`: 256·nTrials values.
 */
export function seedingTrials(
  x: usize, p: i32, n: i32, cand: usize, nTrials: i32, rowNorms: usize, candNorms: usize,
  closest: usize, weights: usize, trial: usize, pots: usize, scratch: usize,
): void {
  memory.fill(pots, 0, <usize>nTrials << 3);
  for (let start = 0; start < n; start += BLOCK) {
    const end = min(n, start + BLOCK);
    crossDots(x, p, start, end, cand, nTrials, scratch);
    for (let t = 0; t < nTrials; t++) {
      const cn = load<f64>(candNorms + (<usize>t << 3));
      const row = trial + ((<usize>t * <usize>n) << 3);
      let pot = 0.0;
      for (let i = start; i < end; i++) {
        let d = load<f64>(rowNorms + (<usize>i << 3)) + cn - 2 * load<f64>(scratch + ((<usize>(i - start) * <usize>nTrials + <usize>t) << 3));
        if (d < 0) d = 0;
        const c = load<f64>(closest + (<usize>i << 3));
        if (d > c) d = c;
        store<f64>(row + (<usize>i << 3), d);
        pot += load<f64>(weights + (<usize>i << 3)) * d;
      }
      const at = pots + (<usize>t << 3);
      store<f64>(at, load<f64>(at) + pot);
    }
  }
}
