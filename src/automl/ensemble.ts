// Greedy ensemble selection (Caruana et al., 2004): starting from nothing, repeatedly add — with
// replacement — the candidate whose out-of-fold predictions most improve the averaged prediction's
// score. Weights are how often each was picked. It is kept only when it beats the best single model
// on the same out-of-fold rows.

import type { Scorer } from "./scoring.js";

export interface EnsembleMember {
  readonly trialId: number;
  readonly weight: number;
}

export interface EnsembleSelection {
  readonly members: readonly EnsembleMember[];
  /** Out-of-fold score of the weighted average. */
  readonly score: number;
  /** Score after each greedy step, for the report. */
  readonly path: readonly number[];
}

export interface EnsembleOptions {
  readonly rounds?: number;
  /** Only rows that a fold validated take part. */
  readonly mask?: Uint8Array;
}

/**
 * `candidates`: trial ids and their out-of-fold predictions (n × K each). `y` is what the scorer
 * reads as truth. Ties keep the earlier candidate, so the result depends only on the inputs.
 */
export function selectEnsemble(
  candidates: readonly { readonly trialId: number; readonly oof: Float64Array }[],
  y: Float64Array,
  K: number,
  scorer: Scorer,
  options: EnsembleOptions = {},
): EnsembleSelection {
  const { rounds = 25, mask } = options;
  const rows = mask ? Int32Array.from(Array.from(mask).flatMap((m, i) => (m ? [i] : []))) : Int32Array.from({ length: y.length }, (_, i) => i);
  const truth = Float64Array.from(rows, (i) => y[i]);
  const preds = candidates.map((c) => {
    const out = new Float64Array(rows.length * K);
    rows.forEach((i, j) => {
      for (let k = 0; k < K; k++) out[j * K + k] = c.oof[i * K + k];
    });
    return out;
  });
  const sum = new Float64Array(rows.length * K);
  const trial = new Float64Array(rows.length * K);
  const counts = new Array<number>(candidates.length).fill(0);
  const path: number[] = [];
  let best = NaN;
  for (let round = 0; round < rounds; round++) {
    const size = round + 1;
    let pick = -1;
    let pickScore = NaN;
    for (let c = 0; c < candidates.length; c++) {
      const p = preds[c];
      for (let j = 0; j < trial.length; j++) trial[j] = (sum[j] + p[j]) / size;
      const score = scorer.score(truth, trial, K);
      if (pick < 0 || (scorer.higherIsBetter ? score > pickScore : score < pickScore)) {
        pick = c;
        pickScore = score;
      }
    }
    // Stop when no addition improves the score.
    if (round > 0 && !(scorer.higherIsBetter ? pickScore > best : pickScore < best)) break;
    counts[pick]++;
    const p = preds[pick];
    for (let j = 0; j < sum.length; j++) sum[j] += p[j];
    best = pickScore;
    path.push(pickScore);
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const members = candidates.flatMap((c, i) => (counts[i] > 0 ? [{ trialId: c.trialId, weight: counts[i] / total }] : []));
  return { members, score: best, path };
}
