// The confusion matrix: rows are true labels, columns predicted labels, in `labels` order.

import { InvalidInput, type Matrix } from "../../core/index.js";
import type { ClassLabel } from "./class-labels.js";
import { type LabelPairOptions, confusionCounts, labelPair } from "./label-pair.js";

export interface ConfusionMatrixOptions extends LabelPairOptions {
  /** Divide by row sums ("true"), column sums ("pred") or the total ("all"); an empty row or column stays 0. */
  readonly normalize?: "true" | "pred" | "all";
}

export interface ConfusionMatrix {
  readonly labels: ClassLabel[];
  /** labels × labels; entry (t, p) is the (weighted) count of rows of true label t predicted p. */
  readonly matrix: Matrix;
}

export function confusionMatrix(yTrue: ArrayLike<ClassLabel>, yPred: ArrayLike<ClassLabel>, options: ConfusionMatrixOptions = {}): ConfusionMatrix {
  const metric = "confusionMatrix";
  const pair = labelPair(yTrue, yPred, options, metric);
  if (options.labels !== undefined && !pair.trueCodes.some((c) => c >= 0)) {
    throw new InvalidInput(`None of labels ${JSON.stringify(options.labels)} occurs in yTrue (${metric}): list at least one class present`);
  }
  const K = pair.labels.length;
  const counts = confusionCounts(pair);
  if (options.normalize !== undefined) normalizeCounts(counts, K, options.normalize, metric);
  return { labels: pair.labels, matrix: { data: counts, rows: K, cols: K } };
}

function normalizeCounts(counts: Float64Array, K: number, by: "true" | "pred" | "all", metric: string): void {
  if (by !== "true" && by !== "pred" && by !== "all") throw new InvalidInput(`normalize must be "true", "pred" or "all": received ${JSON.stringify(by)} (${metric})`);
  const totals = new Float64Array(K);
  let all = 0;
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const c = counts[t * K + p];
      totals[by === "true" ? t : p] += c;
      all += c;
    }
  }
  for (let t = 0; t < K; t++) {
    for (let p = 0; p < K; p++) {
      const d = by === "all" ? all : totals[by === "true" ? t : p];
      counts[t * K + p] = d === 0 ? 0 : counts[t * K + p] / d;
    }
  }
}
