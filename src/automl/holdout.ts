// The final word on a trained model: its score on rows it never saw, with a bootstrap confidence
// interval, and a paired bootstrap comparison with the runner-up on the same rows, so the
// leaderboard says which difference is real.

import { InvalidInput, type Matrix } from "../core/index.js";
import type { Frame } from "../data/index.js";
import { bootstrapCi, pairedBootstrap } from "../evaluate/index.js";
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

const N_BOOTSTRAP = 200;
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
  // Probabilities go in as rows × classes so that resampling keeps each row's together.
  const asRows = (p: Float64Array): Matrix => ({ data: p, rows: truth.length, cols: K });
  const metric = (yb: Float64Array, pb: Matrix): number => scorer.score(yb, pb.data as Float64Array, K);
  const bootstrapOptions = { nBootstrap: N_BOOTSTRAP, confidence: LEVEL, method: "percentile" as const, seed: options.seed, stratify: predictor.task === "classification" };
  const ci = bootstrapCi(truth, asRows(pred), metric, bootstrapOptions);
  const interval: [number, number] = [ci.low, ci.high];
  let runnerUp: Comparison | null = null;
  if (other && options.runnerUp) {
    const paired = pairedBootstrap(truth, { a: asRows(pred), b: asRows(other) }, metric, bootstrapOptions);
    runnerUp = {
      name: options.runnerUp.name,
      score: scorer.score(truth, other, K),
      difference: paired.estimate,
      interval: [paired.low, paired.high],
      pValue: paired.pValue,
    };
  }
  return { nRows: keep.length, nSkipped: test.nRows - keep.length, score, interval, level: LEVEL, nBootstrap: N_BOOTSTRAP, runnerUp, y: truth, pred };
}
