// A scorer is a metric plus what it needs to know to be used in model selection: which response of
// the model it scores (labels or values, the probability matrix, or the positive-class probability)
// and whether larger is better. The metric itself is any function (yTrue, prediction, weight?).

import { InvalidInput, type Matrix } from "../../core/index.js";
import type { MetricFunction } from "../stats/bootstrap.js";

export type Response = "predict" | "proba" | "positive-proba";

export interface Scorer {
  readonly name: string;
  /** metric(yTrue, prediction, weight?): the prediction is what `response` names. */
  readonly metric: MetricFunction;
  readonly greaterIsBetter: boolean;
  /** "predict" (default): labels or values; "proba": rows × classes; "positive-proba": P(last class), binary only. */
  readonly response?: Response;
}

export type Scoring = Scorer | readonly Scorer[];

/** The scorers as a list; none when only out-of-fold predictions are wanted. */
export function scorersOf(scoring: Scoring | undefined): readonly Scorer[] {
  if (scoring === undefined) return [];
  const list = Array.isArray(scoring) ? (scoring as readonly Scorer[]) : [scoring as Scorer];
  const names = new Set<string>();
  for (const s of list) {
    if (!s || typeof s.metric !== "function" || typeof s.name !== "string") {
      throw new InvalidInput("A scorer is { name, metric: (yTrue, prediction, weight?) => number, greaterIsBetter, response? }");
    }
    if (names.has(s.name)) throw new InvalidInput(`Two scorers are named "${s.name}": give each a distinct name`);
    names.add(s.name);
  }
  return list;
}

/** The column of the positive (last) class of a two-column probability matrix. */
export function positiveColumn(proba: Matrix): Float64Array {
  if (proba.cols !== 2) throw new InvalidInput(`A "positive-proba" scorer needs a binary classifier: the model has ${proba.cols} classes`, { hint: 'use response "proba"' });
  const out = new Float64Array(proba.rows);
  for (let i = 0; i < proba.rows; i++) out[i] = proba.data[2 * i + 1];
  return out;
}
