// The three engines of bench/gbdt.ts behind one result shape: Orchard in this process, XGBoost and
// scikit-learn in one /usr/bin/python3 process per dataset (gbdt_reference.py), which reports each
// (library, shape) as it finishes and leaves its test predictions in a file. Metrics for all three
// are computed here, by Orchard's createMetric, so they differ only in the predictions.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { GradientBoostingClassifier, GradientBoostingRegressor, type BoostedModel } from "../src/models/gbdt/gradient-boosting.js";
import { createMetric } from "../src/models/gbdt/metrics.js";
import { isDisturbed, loadWindow } from "./gbdt-load.js";
import { PYTHON, REFERENCE_SCRIPT, gather, gatherRows, readFloat64, writeArray, type BenchData, type Task } from "./gbdt-datasets.js";

export interface Shape {
  readonly name: string;
  readonly maxDepth: number;
  /** null: depth-wise to maxDepth; a number: leaf-wise to that many leaves. */
  readonly maxLeaves: number | null;
}

export const SHAPES: readonly Shape[] = [
  { name: "depth6", maxDepth: 6, maxLeaves: null },
  { name: "depth8", maxDepth: 8, maxLeaves: null },
  { name: "leaves31", maxDepth: 64, maxLeaves: 31 },
  { name: "leaves255", maxDepth: 64, maxLeaves: 255 },
];

export type Library = "orchard" | "xgboost" | "sklearn";

export interface Scores {
  /** AUC (binary), mlogloss (multiclass) or RMSE (regression). */
  readonly primary: number;
  /** logloss (binary) or accuracy (multiclass); NaN for regression. */
  readonly secondary: number;
}

export interface RunResult {
  readonly library: Library;
  readonly shape: string;
  readonly fitSeconds: number;
  readonly predictSeconds: number;
  /** Cores other processes kept busy during the fit (see gbdt-load.ts). */
  readonly othersCores: number;
  /** 2 when the first fit was disturbed by other processes and was run again. */
  readonly attempts: number;
  readonly scores: Scores;
}

export const METRIC_NAMES: Record<Task, readonly [string, string]> = {
  binary: ["auc", "logloss"],
  multiclass: ["mlogloss", "accuracy"],
  regression: ["rmse", ""],
};

/** XGBoost 1.7's base_score is 0.5 in prediction space: raw 0 for logistic, 0.5 for squared error. */
const BASE_SCORE: Record<Task, number | null> = { binary: 0, multiclass: null, regression: 0.5 };

export function orchardParams(task: Task, shape: Shape, nThreads: number): Record<string, unknown> {
  return {
    nEstimators: 100, learningRate: 0.1, maxDepth: shape.maxDepth, maxLeaves: shape.maxLeaves, maxBins: 256,
    l2: 1, l1: 0, minChildWeight: 1, minSamplesLeaf: 1, minSplitGain: 0, baseScore: BASE_SCORE[task], seed: 0, nThreads,
  };
}

export interface Split {
  readonly train: { data: Float64Array; rows: number; cols: number };
  readonly test: { data: Float64Array; rows: number; cols: number };
  readonly yTrain: Float64Array;
  readonly yTest: Float64Array;
}

export function splitOf(data: BenchData): Split {
  const { X, cols, y, train, test } = data;
  return {
    train: { data: gatherRows(X, cols, train), rows: train.length, cols },
    test: { data: gatherRows(X, cols, test), rows: test.length, cols },
    yTrain: gather(y, train),
    yTest: gather(y, test),
  };
}

export interface FittedOrchard {
  readonly model: BoostedModel;
  /** Probability of class 1 (binary), row-major n × K probabilities, or values: as python writes them. */
  predict(X: Split["test"]): Float64Array;
}

export function fitOrchard(data: BenchData, split: Split, params: Record<string, unknown>): FittedOrchard {
  const options = { categoricalFeatures: data.categorical, featureNames: data.names };
  if (data.task === "regression") {
    const model = new GradientBoostingRegressor(params).fit(split.train, split.yTrain, options);
    return { model, predict: (X) => model.predict(X) };
  }
  const model = new GradientBoostingClassifier(params).fit(split.train, split.yTrain, options);
  const predict = (X: Split["test"]): Float64Array => {
    const { data: proba, rows, cols } = model.predictProba(X);
    if (cols !== 2) return proba as Float64Array;
    const p = new Float64Array(rows);
    for (let i = 0; i < rows; i++) p[i] = proba[2 * i + 1];
    return p;
  };
  return { model, predict };
}

export function runOrchard(data: BenchData, split: Split, shape: Shape, nThreads: number): { result: RunResult; model: BoostedModel } {
  let fitted: FittedOrchard | undefined;
  let fitSeconds = 0;
  let othersCores = 0;
  let attempts = 0;
  // A fit disturbed by other processes on the machine is run once more (as gbdt_reference.py does).
  while (attempts === 0 || (attempts < 2 && isDisturbed({ fitSeconds, othersCores }))) {
    const others = loadWindow();
    const start = performance.now();
    fitted = fitOrchard(data, split, orchardParams(data.task, shape, nThreads));
    fitSeconds = (performance.now() - start) / 1000;
    othersCores = others();
    attempts++;
  }
  const { model, predict } = fitted!;
  const start = performance.now();
  const pred = predict(split.test);
  const predictSeconds = (performance.now() - start) / 1000;
  const scores = scoresOf(data.task, split.yTest, pred, data.nClasses);
  return { result: { library: "orchard", shape: shape.name, fitSeconds, predictSeconds, othersCores, attempts, scores }, model };
}

/** Predictions: probability of class 1 (binary), row-major n × K probabilities, or values. */
export function scoresOf(task: Task, y: Float64Array, pred: Float64Array, K: number): Scores {
  if (pred.length !== y.length * (task === "multiclass" ? K : 1)) {
    throw new RangeError(`${pred.length} predictions for ${y.length} test rows`);
  }
  if (task === "regression") return { primary: createMetric("rmse").evaluate(y, pred, null, 1), secondary: NaN };
  if (task === "binary") {
    return { primary: createMetric("auc").evaluate(y, pred, null, 1), secondary: createMetric("logloss").evaluate(y, pred, null, 1) };
  }
  const n = y.length;
  const classMajor = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) classMajor[k * n + i] = pred[i * K + k];
  return {
    primary: createMetric("mlogloss").evaluate(y, classMajor, null, K),
    secondary: 1 - createMetric("merror").evaluate(y, classMajor, null, K),
  };
}

export interface ReferenceEvents {
  onLibrary(library: Library, version: string, note: string): void;
  onRun(result: RunResult): void;
}

/** Writes the python spec (data files, split, shapes) into `directory`. */
export function referenceSpec(data: BenchData, shapes: readonly Shape[], threads: number, directory: string): string {
  const train = join(directory, `${data.name}-train.i32`);
  const test = join(directory, `${data.name}-test.i32`);
  writeArray(train, data.train);
  writeArray(test, data.test);
  const spec = {
    x: data.xPath, y: data.yPath, rows: data.rows, cols: data.cols, train, test, task: data.task,
    names: data.names, categorical: data.categorical, levels: data.levels, threads,
    shapes, libraries: ["xgboost", "sklearn"], out: directory,
  };
  const path = join(directory, `${data.name}-spec.json`);
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

/**
 * Runs gbdt_reference.py with `command` on a spec, passing each JSON line to `onLine` as it comes.
 * The environment goes through unchanged. Resolves with python's failure, if any, as one line.
 */
export function runPython(command: "run" | "small", specPath: string, onLine: (record: Record<string, unknown>) => void): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [REFERENCE_SCRIPT, command, specPath], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
    createInterface({ input: child.stdout }).on("line", (line) => onLine(JSON.parse(line) as Record<string, unknown>));
    child.on("error", (error) => resolve(`${PYTHON} did not start: ${error.message}`));
    child.on("close", (code) => resolve(code === 0 ? null : `python exited with ${code}: ${stderr.trim().split("\n").pop() ?? ""}`));
  });
}

export async function runReferences(data: BenchData, split: Split, specPath: string, events: ReferenceEvents): Promise<string | null> {
  return runPython("run", specPath, (record) => {
    if (record.kind === "library") events.onLibrary(record.library as Library, String(record.version), String(record.note));
    if (record.kind !== "run") return;
    const pred = readFloat64(String(record.predictions));
    events.onRun({
      library: record.library as Library,
      shape: String(record.shape),
      fitSeconds: Number(record.fitSeconds),
      predictSeconds: Number(record.predictSeconds),
      othersCores: Number(record.othersCores),
      attempts: Number(record.attempts),
      scores: scoresOf(data.task, split.yTest, pred, data.nClasses),
    });
  });
}
