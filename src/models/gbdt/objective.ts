// The loss a booster minimises. An objective gives the base score, the first and second
// derivatives of the loss with respect to the raw score for each row, and the map from raw score
// to prediction. Multi-output objectives (softmax) lay scores out class-major: row i of output k
// is at index k * n + i, so each class's gradients are one contiguous block.

export type ObjectiveName =
  | "squared-error"
  | "absolute-error"
  | "huber"
  | "quantile"
  | "poisson"
  | "gamma"
  | "tweedie"
  | "binary-logloss"
  | "softmax";

export interface ObjectiveOptions {
  /** Number of classes (softmax). */
  readonly nClasses?: number;
  /** Huber: the residual size where the loss turns from quadratic to linear. */
  readonly huberDelta?: number;
  /** Quantile: the quantile to predict, in (0, 1). */
  readonly alpha?: number;
  /** Tweedie: the variance power, in (1, 2). */
  readonly tweedieVariancePower?: number;
}

export interface Objective {
  readonly name: ObjectiveName;
  /** Raw scores per row: 1, or the number of classes. */
  readonly nOutputs: number;
  /** Quantile objectives: the quantile predicted (leaves are renewed to it). */
  readonly alpha?: number;
  /** The metric early stopping watches unless told otherwise. */
  readonly defaultMetric: string;
  /** Checks the targets and says what is wrong (negative counts for Poisson, …); throws InvalidInput. */
  checkTarget(y: Float64Array): void;
  /** The constant raw score per output that minimises the (weighted) loss. */
  baseScore(y: Float64Array, weight: Float64Array | null): Float64Array;
  /** Fills grad and hess (length n * nOutputs) at the raw scores. */
  gradients(y: Float64Array, raw: Float64Array, weight: Float64Array | null, grad: Float32Array, hess: Float32Array): void;
  /** Raw scores to predictions (probabilities, means), in a new array of the same layout. */
  transform(raw: Float64Array, n: number): Float64Array;
}
