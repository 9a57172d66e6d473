// Every metric as data: its name (the `--metric` value), which way is better, the task, what it
// scores (labels, probabilities or values) and a one-line doc, with one uniform `evaluate`. AutoML
// picks a metric by name from here and knows whether to maximise it; reports list the docs.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { accuracyScore } from "./accuracy-score.js";
import { averagePrecisionScore } from "./average-precision-score.js";
import { balancedAccuracyScore } from "./balanced-accuracy-score.js";
import { brierScoreLoss } from "./brier-score-loss.js";
import type { ClassLabel } from "./class-labels.js";
import { explainedVarianceScore } from "./explained-variance-score.js";
import { logLoss } from "./log-loss.js";
import { matthewsCorrcoef } from "./matthews-corrcoef.js";
import { maxError } from "./max-error.js";
import { meanAbsoluteError } from "./mean-absolute-error.js";
import { meanAbsolutePercentageError } from "./mean-absolute-percentage-error.js";
import { meanPinballLoss } from "./mean-pinball-loss.js";
import { meanSquaredError, rootMeanSquaredError } from "./mean-squared-error.js";
import { meanGammaDeviance, meanPoissonDeviance, meanTweedieDeviance } from "./mean-tweedie-deviance.js";
import { medianAbsoluteError } from "./median-absolute-error.js";
import { type Average, f1Score, precisionScore, recallScore } from "./precision-recall-fscore.js";
import { r2Score } from "./r2-score.js";
import { rocAucScore } from "./roc-auc-score.js";
import { topKAccuracyScore } from "./top-k-accuracy-score.js";

export type MetricTask = "classification" | "regression";
/** labels: predicted classes; probabilities: predictProba's matrix (or P(classes[1])); values: numeric predictions. */
export type MetricInput = "labels" | "probabilities" | "values";

export interface MetricContext {
  readonly sampleWeight?: ArrayLike<number>;
  /** The classes in the order of the probability columns (a model's `classes`). */
  readonly classes?: readonly ClassLabel[];
  /** The positive class of a binary metric; by default the larger label (classes[1]). */
  readonly posLabel?: ClassLabel;
}

export type Prediction = ArrayLike<ClassLabel> | ArrayLike<number> | Matrix;

export interface MetricSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly greaterIsBetter: boolean;
  readonly task: MetricTask;
  readonly needs: MetricInput;
  /** Only for two classes. */
  readonly binaryOnly: boolean;
  readonly doc: string;
  readonly evaluate: (yTrue: ArrayLike<ClassLabel>, prediction: Prediction, context?: MetricContext) => number;
}

type Evaluate = MetricSpec["evaluate"];
const labels = (y: Prediction): ArrayLike<ClassLabel> => y as ArrayLike<ClassLabel>;
const values = (y: ArrayLike<ClassLabel>): ArrayLike<number> => y as ArrayLike<number>;
function spec(name: string, fields: Omit<MetricSpec, "name" | "aliases" | "binaryOnly"> & { aliases?: readonly string[]; binaryOnly?: boolean }): MetricSpec {
  return { name, aliases: fields.aliases ?? [], binaryOnly: fields.binaryOnly ?? false, ...fields };
}

/** The positive class of a binary metric: the one named, else the second of the model's classes. */
const positive = (c: MetricContext): ClassLabel | undefined => c.posLabel ?? (c.classes?.length === 2 ? c.classes[1] : undefined);
const fScore = (average: Average): Evaluate => (y, p, c = {}) => f1Score(y, labels(p), { average, sampleWeight: c.sampleWeight, posLabel: average === "binary" ? positive(c) : undefined });
const classification = { task: "classification" } as const;
const regression = { task: "regression", needs: "values", greaterIsBetter: false } as const;
const regressionMetric = (f: (y: ArrayLike<number>, p: ArrayLike<number>, o: { sampleWeight?: ArrayLike<number> }) => number): Evaluate => (y, p, c = {}) => f(values(y), p as ArrayLike<number>, { sampleWeight: c.sampleWeight });

export const METRICS: readonly MetricSpec[] = [
  spec("accuracy", {
    ...classification, needs: "labels", greaterIsBetter: true,
    doc: "Share of rows whose predicted class is right.",
    evaluate: (y, p, c = {}) => accuracyScore(y, labels(p), c),
  }),
  spec("balanced-accuracy", {
    ...classification, needs: "labels", greaterIsBetter: true,
    doc: "Mean recall over the classes present: accuracy that a majority class cannot inflate.",
    evaluate: (y, p, c = {}) => balancedAccuracyScore(y, labels(p), c),
  }),
  spec("f1", {
    ...classification, needs: "labels", greaterIsBetter: true, binaryOnly: true,
    doc: "F1 of the positive class: harmonic mean of its precision and recall.",
    evaluate: fScore("binary"),
  }),
  spec("f1-macro", {
    ...classification, needs: "labels", greaterIsBetter: true,
    doc: "Unweighted mean of the per-class F1 scores.",
    evaluate: fScore("macro"),
  }),
  spec("f1-micro", {
    ...classification, needs: "labels", greaterIsBetter: true,
    doc: "F1 of the pooled counts (equal to accuracy for single-label data).",
    evaluate: fScore("micro"),
  }),
  spec("f1-weighted", {
    ...classification, needs: "labels", greaterIsBetter: true,
    doc: "Per-class F1 scores weighted by each class's true count.",
    evaluate: fScore("weighted"),
  }),
  spec("precision", {
    ...classification, needs: "labels", greaterIsBetter: true, binaryOnly: true,
    doc: "Share of rows predicted positive that are positive.",
    evaluate: (y, p, c = {}) => precisionScore(y, labels(p), { sampleWeight: c.sampleWeight, posLabel: positive(c) }),
  }),
  spec("recall", {
    ...classification, needs: "labels", greaterIsBetter: true, binaryOnly: true,
    doc: "Share of positive rows predicted positive.",
    evaluate: (y, p, c = {}) => recallScore(y, labels(p), { sampleWeight: c.sampleWeight, posLabel: positive(c) }),
  }),
  spec("mcc", {
    ...classification, needs: "labels", greaterIsBetter: true, aliases: ["matthews"],
    doc: "Matthews correlation between true and predicted classes, in [−1, 1]; robust to imbalance.",
    evaluate: (y, p, c = {}) => matthewsCorrcoef(y, labels(p), c),
  }),
  spec("auc", {
    ...classification, needs: "probabilities", greaterIsBetter: true, aliases: ["roc-auc"],
    doc: "Area under the ROC curve: the chance a positive outranks a negative (multiclass: one-vs-rest, macro).",
    evaluate: (y, p, c = {}) => rocAucScore(y, p as Matrix, { sampleWeight: c.sampleWeight, classes: c.classes }),
  }),
  spec("auc-weighted", {
    ...classification, needs: "probabilities", greaterIsBetter: true,
    doc: "One-vs-rest ROC AUC averaged with weights by class prevalence.",
    evaluate: (y, p, c = {}) => rocAucScore(y, p as Matrix, { sampleWeight: c.sampleWeight, classes: c.classes, average: "weighted" }),
  }),
  spec("auc-ovo", {
    ...classification, needs: "probabilities", greaterIsBetter: true,
    doc: "One-vs-one ROC AUC (Hand & Till), insensitive to class imbalance; no sample weights.",
    evaluate: (y, p, c = {}) => rocAucScore(y, p as Matrix, { classes: c.classes, multiClass: "ovo" }),
  }),
  spec("average-precision", {
    ...classification, needs: "probabilities", greaterIsBetter: true, aliases: ["pr-auc"],
    doc: "Average precision over the precision-recall curve (step-wise); suits rare positives (multiclass: one-vs-rest, macro).",
    evaluate: (y, p, c = {}) => averagePrecisionScore(y, p as Matrix, { sampleWeight: c.sampleWeight, classes: c.classes, posLabel: positive(c) }),
  }),
  spec("logloss", {
    ...classification, needs: "probabilities", greaterIsBetter: false, aliases: ["log-loss", "cross-entropy"],
    doc: "Mean negative log-likelihood of the true class: rewards calibrated probabilities.",
    evaluate: (y, p, c = {}) => logLoss(y, p as Matrix, { sampleWeight: c.sampleWeight, classes: c.classes }),
  }),
  spec("brier", {
    ...classification, needs: "probabilities", greaterIsBetter: false, binaryOnly: true,
    doc: "Mean squared error of the positive class's probability.",
    evaluate: (y, p, c = {}) => brierScoreLoss(y, p as Matrix, { ...c, posLabel: positive(c) }),
  }),
  spec("top-2-accuracy", {
    ...classification, needs: "probabilities", greaterIsBetter: true,
    doc: "Share of rows whose true class is among the two most probable (for three or more classes).",
    evaluate: (y, p, c = {}) => topKAccuracyScore(y, p as Matrix, { k: 2, sampleWeight: c.sampleWeight, classes: c.classes }),
  }),
  spec("rmse", {
    ...regression,
    doc: "Root mean squared error, in the target's unit.",
    evaluate: regressionMetric(rootMeanSquaredError),
  }),
  spec("mse", {
    ...regression,
    doc: "Mean squared error.",
    evaluate: regressionMetric(meanSquaredError),
  }),
  spec("mae", {
    ...regression,
    doc: "Mean absolute error, in the target's unit; less swayed by outliers than RMSE.",
    evaluate: regressionMetric(meanAbsoluteError),
  }),
  spec("mape", {
    ...regression,
    doc: "Mean absolute percentage error, as a fraction; unstable when targets near 0.",
    evaluate: regressionMetric(meanAbsolutePercentageError),
  }),
  spec("medae", {
    ...regression, aliases: ["median-absolute-error"],
    doc: "Median absolute error: the typical error, ignoring outliers.",
    evaluate: regressionMetric(medianAbsoluteError),
  }),
  spec("max-error", {
    ...regression,
    doc: "Largest absolute error: the worst case.",
    evaluate: (y, p) => maxError(values(y), p as ArrayLike<number>),
  }),
  spec("r2", {
    ...regression, greaterIsBetter: true,
    doc: "Coefficient of determination: share of the target's variance explained (1 is perfect, 0 the mean).",
    evaluate: regressionMetric(r2Score),
  }),
  spec("explained-variance", {
    ...regression, greaterIsBetter: true,
    doc: "1 − Var(residual)/Var(target): like R² but blind to a constant bias.",
    evaluate: regressionMetric(explainedVarianceScore),
  }),
  spec("poisson-deviance", {
    ...regression,
    doc: "Mean Poisson deviance, for counts (targets ≥ 0, predictions > 0).",
    evaluate: regressionMetric(meanPoissonDeviance),
  }),
  spec("gamma-deviance", {
    ...regression,
    doc: "Mean Gamma deviance, for positive skewed amounts; scale-free.",
    evaluate: regressionMetric(meanGammaDeviance),
  }),
  spec("tweedie-deviance", {
    ...regression,
    doc: "Mean Tweedie deviance with power 1.5, for amounts with many exact zeros.",
    evaluate: regressionMetric((y, p, o) => meanTweedieDeviance(y, p, { ...o, power: 1.5 })),
  }),
  spec("pinball", {
    ...regression, aliases: ["quantile"],
    doc: "Mean pinball loss at alpha 0.5 (half the MAE); use meanPinballLoss for other quantiles.",
    evaluate: regressionMetric(meanPinballLoss),
  }),
];

const BY_NAME = new Map<string, MetricSpec>(METRICS.flatMap((m) => [m.name, ...m.aliases].map((key) => [key, m] as const)));

/** The metric called `name` (or one of its aliases), or an InvalidInput listing the names there are. */
export function getMetric(name: string, task?: MetricTask): MetricSpec {
  const metric = BY_NAME.get(String(name).toLowerCase());
  const known = METRICS.filter((m) => task === undefined || m.task === task).map((m) => m.name);
  if (metric === undefined) throw new InvalidInput(`Unknown metric "${name}": metrics are ${known.join(", ")}`);
  if (task !== undefined && metric.task !== task) throw new InvalidInput(`Metric "${name}" is for ${metric.task}, not ${task}: ${task} metrics are ${known.join(", ")}`);
  return metric;
}

/** Whether score `a` is strictly better than `b` under the metric; NaN is never better. */
export function isBetter(metric: MetricSpec, a: number, b: number): boolean {
  if (Number.isNaN(a)) return false;
  if (Number.isNaN(b)) return true;
  return metric.greaterIsBetter ? a > b : a < b;
}
