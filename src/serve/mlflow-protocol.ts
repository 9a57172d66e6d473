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

/**
 * The answer (an InvocationAnswer) as JSON text, written directly: what JSON.stringify would give
 * for the object, without building the per-row arrays first. A single-row answer is
 * the server's most common reply, and this is most of its cost outside the model.
 */
export function invocationJson(prediction: Prediction): string {
  const { nRows, probabilities, classes, warnings } = prediction;
  let text = `{"predictions":${listJson(prediction.predictions, 0, nRows)}`;
  if (probabilities !== null && classes !== null) {
    const K = classes.length;
    text += ',"probabilities":[';
    for (let i = 0; i < nRows; i++) text += (i === 0 ? "" : ",") + listJson(probabilities, i * K, (i + 1) * K);
    text += `],"classes":${JSON.stringify(classes)}`;
  }
  if (warnings.length > 0) text += `,"warnings":${JSON.stringify(warnings)}`;
  return `${text}}`;
}

/** values[start..end) as a JSON array; a number as JSON.stringify writes it (null when not finite). */
function listJson(values: ArrayLike<unknown>, start: number, end: number): string {
  let text = "[";
  for (let i = start; i < end; i++) {
    const v = values[i];
    const item = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "null") : (JSON.stringify(v) ?? "null");
    text += i === start ? item : `,${item}`;
  }
  return `${text}]`;
}
