// MLflow's scoring protocol, as `mlflow models serve` speaks it: POST a JSON body with one of
// `dataframe_split`, `dataframe_records`, `instances` or `inputs` (or a CSV body with a header),
// get back {"predictions": [...]}. Orchard adds for classifiers the probability of each class,
// row by row in the order of "classes", and "warnings" when it handled something for the client:
//
//   {"predictions": ["no", "yes"], "probabilities": [[0.9, 0.1], [0.2, 0.8]], "classes": ["no", "yes"]}
//   {"predictions": [12.5, 3.1]}                                         (regression)

import { tableFromCsv } from "./csv-body.js";
import { tableFromInvocation, type RequestTable } from "./request-table.js";
import type { Prediction, ServedModel } from "./served-model.js";

export interface InvocationAnswer {
  readonly predictions: unknown[];
  readonly probabilities?: number[][];
  readonly classes?: readonly unknown[];
  readonly warnings?: readonly string[];
}

export function invocationTable(body: unknown, model: ServedModel): RequestTable {
  return typeof body === "string" ? tableFromCsv(body) : tableFromInvocation(body, model.encoder.names);
}

export function invocationAnswer(prediction: Prediction): InvocationAnswer {
  const { nRows, probabilities, classes, warnings } = prediction;
  const predictions = Array.from(prediction.predictions as ArrayLike<unknown>);
  const extra = warnings.length > 0 ? { warnings } : {};
  if (probabilities === null || classes === null) return { predictions, ...extra };
  const K = classes.length;
  const rows: number[][] = new Array(nRows);
  for (let i = 0; i < nRows; i++) rows[i] = Array.from(probabilities.subarray(i * K, (i + 1) * K));
  return { predictions, probabilities: rows, classes, ...extra };
}
