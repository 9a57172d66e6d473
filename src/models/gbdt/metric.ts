// Metrics watched during boosting (early stopping, evaluation logs). Each takes targets and
// predictions in prediction space (probabilities; class-major for several classes).

export interface Metric {
  readonly name: string;
  readonly higherIsBetter: boolean;
  /** `pred` has n * nOutputs values, class-major when nOutputs > 1. */
  evaluate(y: Float64Array, pred: Float64Array, weight: Float64Array | null, nOutputs: number): number;
}
