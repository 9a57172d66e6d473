// The final word on a trained model: its score on rows it never saw, with a bootstrap confidence
// interval, and a paired bootstrap comparison with the runner-up on the same rows, so the
// leaderboard says which difference is real.

import { InvalidInput, Rng } from "../core/index.js";
import type { Frame } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";
import type { TrainedPredictor } from "./predictor.js";
import type { Scorer } from "./scoring.js";
import { resolveTarget } from "./task.js";

export interface Comparison {
  readonly name: string;
  readonly score: number;
  /** Winner minus runner-up (in the metric's units; positive is better when higher is better). */
  readonly difference: number;
  readonly interval: readonly [number, number];
  /** Two-sided bootstrap p-value of "no difference". */
  readonly pValue: number;
}

export interface TestEvaluation {
  readonly nRows: number;
  /** Test rows left out: missing target, or a class the training rows never had. */
  readonly nSkipped: number;
  readonly score: number;
  readonly interval: readonly [number, number];
  readonly level: number;
  readonly nBootstrap: number;
  readonly runnerUp: Comparison | null;
  /** Test targets (class indices or values) and predictions, for the report's curves. */
  readonly y: Float64Array;
  readonly pred: Float64Array;
}

const N_BOOTSTRAP = 500;
const LEVEL = 0.95;

export function evaluateOnTest(
  predictor: TrainedPredictor,
  test: Frame,
  options: { scorer: Scorer; seed: number; runnerUp: { name: string; predictor: TrainedPredictor } | null },
): TestEvaluation {
  const { scorer } = options;
  const target = resolveTarget(test, predictor.target, predictor.task);
  const K = predictor.task === "classification" ? predictor.classes.length : 1;
  const keep: number[] = [];
  const y: number[] = [];
  if (predictor.task === "classification") {
    const index = new Map<ClassLabel, number>(predictor.classes.map((c, k) => [c, k]));
    (target.labels as readonly ClassLabel[]).forEach((label, j) => {
      const k = index.get(label);
      if (k !== undefined) {
        keep.push(target.rows[j]);
        y.push(k);
      }
    });
  } else {
    target.rows.forEach((r, j) => {
      keep.push(r);
      y.push((target.labels as Float64Array)[j]);
    });
  }
  if (keep.length === 0) throw new InvalidInput(`None of the ${test.nRows} test rows has a target the model can be scored on`);
  const rows = test.take(Int32Array.from(keep));
  const truth = Float64Array.from(y);
  const predict = (p: TrainedPredictor): Float64Array => (p.task === "classification" ? Float64Array.from(p.predictProba(rows).data) : (p.predict(rows) as Float64Array));
  const pred = predict(predictor);
  const score = scorer.score(truth, pred, K);
  const other = options.runnerUp ? predict(options.runnerUp.predictor) : null;
  const boot = bootstrap(truth, [pred, ...(other ? [other] : [])], K, scorer, options.seed);
  const interval = percentiles(boot[0]);
  let runnerUp: Comparison | null = null;
  if (other && options.runnerUp) {
    const otherScore = scorer.score(truth, other, K);
    const differences = boot[0].map((v, b) => v - boot[1][b]);
    const below = differences.filter((d) => d <= 0).length / differences.length;
    const above = differences.filter((d) => d >= 0).length / differences.length;
    runnerUp = {
      name: options.runnerUp.name,
      score: otherScore,
      difference: score - otherScore,
      interval: percentiles(differences),
      pValue: Math.min(1, 2 * Math.min(below, above)),
    };
  }
  return { nRows: keep.length, nSkipped: test.nRows - keep.length, score, interval, level: LEVEL, nBootstrap: N_BOOTSTRAP, runnerUp, y: truth, pred };
}

/** Scores of each prediction set on the same resampled rows. */
function bootstrap(y: Float64Array, preds: readonly Float64Array[], K: number, scorer: Scorer, seed: number): number[][] {
  const n = y.length;
  const rng = new Rng(seed ^ 0xb007);
  const out = preds.map(() => new Array<number>(N_BOOTSTRAP));
  const yb = new Float64Array(n);
  const pb = preds.map(() => new Float64Array(n * K));
  for (let b = 0; b < N_BOOTSTRAP; b++) {
    for (let j = 0; j < n; j++) {
      const i = rng.int(n);
      yb[j] = y[i];
      for (let m = 0; m < preds.length; m++) for (let k = 0; k < K; k++) pb[m][j * K + k] = preds[m][i * K + k];
    }
    for (let m = 0; m < preds.length; m++) out[m][b] = scorer.score(yb, pb[m], K);
  }
  return out;
}

function percentiles(values: readonly number[]): [number, number] {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [NaN, NaN];
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  return [at((1 - LEVEL) / 2), at(1 - (1 - LEVEL) / 2)];
}
