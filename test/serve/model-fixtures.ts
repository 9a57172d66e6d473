// Small model bundles for the serving tests and benchmark, made in well under a second: synthetic
// rows with numeric, integer, categorical and boolean columns (some missing), a boosting model
// alone or blended with a logistic regression behind the linear feature pipeline.

import { TrainedPredictor, encodeBundle, type Bundle, type PredictorMember, type SignatureColumn } from "../../src/automl/index.js";
import { Rng } from "../../src/core/index.js";
import { Frame, type Column } from "../../src/data/index.js";
import { FeaturePipeline, linearPreset } from "../../src/features/index.js";
import { GradientBoostingClassifier, GradientBoostingRegressor, LogisticRegression, Ridge, type ClassLabel } from "../../src/models/index.js";

export const COLORS = ["red", "green", "blue", "violet"];

export interface FixtureOptions {
  readonly task?: "classification" | "regression";
  readonly nRows?: number;
  readonly nEstimators?: number;
  /** Blend the boosting model with a linear model behind a feature pipeline. */
  readonly ensemble?: boolean;
  /** Three classes instead of two. */
  readonly multiclass?: boolean;
  readonly seed?: number;
  /** Binary tasks: a decision threshold other than argmax. */
  readonly threshold?: number | null;
}

export function syntheticFrame(nRows: number, seed = 1): { frame: Frame; y: ClassLabel[]; yMulti: ClassLabel[]; yValue: Float64Array } {
  const rng = new Rng(seed);
  const x1 = new Float64Array(nRows);
  const x2 = new Float64Array(nRows);
  const count = new Float64Array(nRows);
  const color = new Int32Array(nRows);
  const flag = new Int8Array(nRows);
  const y: ClassLabel[] = [];
  const yMulti: ClassLabel[] = [];
  const yValue = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    x1[i] = rng.normal() * 2 + 1;
    x2[i] = rng.next() < 0.1 ? NaN : rng.next() * 10;
    count[i] = rng.int(8);
    color[i] = rng.next() < 0.05 ? -1 : rng.int(COLORS.length);
    flag[i] = rng.int(2);
    const signal = x1[i] + (Number.isNaN(x2[i]) ? 2 : 0.3 * x2[i]) + (color[i] === 1 ? 2 : color[i] === 2 ? -1.5 : 0) + flag[i] - 0.2 * count[i] + rng.normal();
    y.push(signal > 2.5 ? "yes" : "no");
    yMulti.push(signal > 4 ? "high" : signal > 1 ? "mid" : "low");
    yValue[i] = signal * 10;
  }
  const frame = Frame.fromColumns({
    x1: { kind: "numeric", values: x1 },
    x2: { kind: "numeric", values: x2 },
    count: { kind: "integer", values: count },
    color: { kind: "categorical", codes: color, categories: COLORS },
    flag: { kind: "boolean", values: flag },
  });
  return { frame, y, yMulti, yValue };
}

export function fixtureBundle(options: FixtureOptions = {}): Bundle {
  const task = options.task ?? "classification";
  const { frame, y, yMulti, yValue } = syntheticFrame(options.nRows ?? 600, options.seed ?? 1);
  const labels = options.multiclass ? yMulti : y;
  const classes = task === "classification" ? [...new Set(labels)].sort() : [];
  const gbdtParams = { nEstimators: options.nEstimators ?? 20, maxLeaves: 15, seed: options.seed ?? 1, nThreads: 1 };
  const members: PredictorMember[] = [];
  const boosted = task === "classification" ? new GradientBoostingClassifier(gbdtParams).fit(frame, labels) : new GradientBoostingRegressor(gbdtParams).fit(frame, yValue);
  members.push({ family: "gradient-boosting", weight: options.ensemble ? 0.6 : 1, model: boosted, pipeline: null, config: {}, iterations: null });
  if (options.ensemble) {
    const { pipeline, X } = new FeaturePipeline(linearPreset()).fitTransform(frame);
    const linear = task === "classification" ? new LogisticRegression({}).fit(X, labels) : new Ridge({ alpha: 1 }).fit(X, yValue);
    members.push({ family: "linear", weight: 0.4, model: linear as unknown as PredictorMember["model"], pipeline, config: {}, iterations: null });
  }
  const inputs = frame.names.map((name) => ({ name, kind: frame.column(name).kind }));
  const predictor = new TrainedPredictor({ task, target: "y", classes, inputs, members, threshold: options.threshold ?? null });
  return {
    predictor,
    signature: frame.names.map((name) => signatureOf(name, frame.column(name))),
    metrics: { name: task === "classification" ? "auc" : "rmse", higherIsBetter: task === "classification", validation: 0.9, test: 0.9, testInterval: [0.85, 0.95], level: 0.95, nTestRows: 100, runnerUp: null },
    reference: [],
    lineage: { dataFingerprint: "x", schemaFingerprint: "y", nTrainRows: frame.nRows, source: null, params: {}, seed: options.seed ?? 1, packageVersion: "0.1.0", gitCommit: null, createdAt: "2026-01-01T00:00:00.000Z" },
    leaderboard: [],
  };
}

/** A boosting model on any frame's columns (a benchmark's real data), as a bundle. */
export function boostedBundle(frame: Frame, y: readonly ClassLabel[], options: { nEstimators: number; seed?: number; maxLeaves?: number }): Bundle {
  const model = new GradientBoostingClassifier({ nEstimators: options.nEstimators, maxLeaves: options.maxLeaves ?? 31, seed: options.seed ?? 1 }).fit(frame, y);
  const inputs = frame.names.map((name) => ({ name, kind: frame.column(name).kind }));
  const predictor = new TrainedPredictor({ task: "classification", target: "y", classes: model.classes, inputs, members: [{ family: "gradient-boosting", weight: 1, model, pipeline: null, config: {}, iterations: null }], threshold: null });
  const base = fixtureBundle({ nRows: 50, nEstimators: 1 });
  return { ...base, predictor, signature: frame.names.map((name) => signatureOf(name, frame.column(name))) };
}

export function fixtureBytes(options: FixtureOptions = {}): Uint8Array {
  return encodeBundle(fixtureBundle(options));
}

function signatureOf(name: string, column: Column): SignatureColumn {
  if (column.kind === "categorical") return { name, kind: column.kind, nullable: column.codes.includes(-1), categories: [...column.categories] };
  if (column.kind === "boolean") return { name, kind: column.kind, nullable: column.values.includes(-1) };
  if (column.kind === "text") return { name, kind: column.kind, nullable: column.values.includes(null) };
  const finite = [...column.values].filter((v) => !Number.isNaN(v));
  return { name, kind: column.kind, nullable: finite.length < column.values.length, range: [Math.min(...finite), Math.max(...finite)] };
}
