// Small-data boosting speed: warm fit times and trees per second on adult (26k rows, 8 categorical
// columns, missing values) and on a 20k × 28 synthetic dense set, where per-node JavaScript work
// (split finding, allocation) rather than the histogram kernels decides the time. Each model's
// bytes (encodeModel) are hashed and printed, so a change to the engine can be checked to grow the
// same trees node for node: run before and after and compare the hashes.
//
//   npx tsx bench/gbdt-small.ts            timings (warm: one untimed fit first, then the median of 3;
//                                          "first" is that first fit, JIT and WebAssembly tier-up included)
//   npx tsx bench/gbdt-small.ts --check    hashes only, over more configurations (fewer trees)
//
// Adult / Census Income: UCI Machine Learning Repository (Becker & Kohavi, 1996), CC BY 4.0;
// see data/SOURCE.md. Timings are wall clock on whatever machine runs this: noisy when shared.

import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import {
  GradientBoostingClassifier,
  GradientBoostingRegressor,
  Rng,
  encodeModel,
  read,
  type Frame,
  type Matrix,
} from "../src/index.js";

interface Data {
  readonly X: Frame | Matrix;
  readonly y: ArrayLike<number | string | null>;
  readonly evalX: Frame | Matrix;
  readonly evalY: ArrayLike<number | string | null>;
}

interface Config {
  readonly name: string;
  readonly data: Data;
  readonly kind: "classifier" | "regressor";
  readonly params: Record<string, unknown>;
}

const ISSUE_PARAMS = { learningRate: 0.05, maxLeaves: 63, maxDepth: 10, minChildWeight: 0.5, l2: 3, subsample: 0.8, colsample: 0.8, nEstimators: 2000, earlyStoppingRounds: 40 };

async function adult(target: string): Promise<Data> {
  const frame = await read(new URL("../data/adult.csv.gz", import.meta.url).pathname);
  const { train, test } = frame.split({ test: 0.2, seed: 0 });
  const features = frame.names.filter((n) => n !== target);
  const labels = (f: Frame): ArrayLike<number | string | null> => {
    const column = f.column(target);
    if (column.kind === "categorical") return Array.from(column.codes, (c) => (c < 0 ? null : column.categories[c]));
    if (column.kind === "numeric" || column.kind === "integer") return Float64Array.from(column.values);
    throw new Error(`${target} is neither categorical nor numeric`);
  };
  return { X: train.select(features), y: labels(train), evalX: test.select(features), evalY: labels(test) };
}

/** n × p standard normals with a nonlinear signal; `missing` of the cells NaN; classes 0..K-1 or a value. */
function synthetic(n: number, p: number, options: { seed: number; missing?: number; classes?: number }): { X: Matrix; y: Float64Array } {
  const rng = new Rng(options.seed);
  const data = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) data[i * p + j] = rng.normal();
    const r = data.subarray(i * p, i * p + p);
    const s = r[0] + 0.5 * r[1] * r[2] - Math.abs(r[3]) + Math.sin(2 * r[4]) + 0.3 * r[5] * r[5] + 0.5 * rng.normal();
    const K = options.classes ?? 0;
    y[i] = K === 0 ? s : K === 2 ? (s > 0 ? 1 : 0) : Math.min(K - 1, Math.max(0, Math.floor((s + 1.5) / (3 / K))));
  }
  if (options.missing) for (let k = 0; k < n * p; k++) if (rng.next() < options.missing) data[k] = NaN;
  return { X: { data, rows: n, cols: p }, y };
}

function syntheticData(n: number, p: number, options: { seed: number; missing?: number; classes?: number }): Data {
  const all = synthetic(n + n / 4, p, options);
  const rows = (s: number, e: number): Matrix => ({ data: all.X.data.slice(s * p, e * p), rows: e - s, cols: p });
  return { X: rows(0, n), y: all.y.slice(0, n), evalX: rows(n, n + n / 4), evalY: all.y.slice(n) };
}

function fit(config: Config): { seconds: number; cpu: number; trees: number; hash: string } {
  const { data } = config;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const options = { evalSet: { X: data.evalX, y: data.evalY } };
  const model =
    config.kind === "classifier"
      ? new GradientBoostingClassifier(config.params).fit(data.X, data.y as ArrayLike<string | number | null>, options as never)
      : new GradientBoostingRegressor(config.params).fit(data.X, data.y as ArrayLike<number>, options as never);
  const seconds = (performance.now() - start) / 1000;
  // CPU time of the process (training runs on the calling thread at these sizes): steadier than
  // wall time on a shared machine.
  const cpu = process.cpuUsage(cpuStart).user / 1e6;
  const hash = createHash("sha256").update(encodeModel(model)).digest("hex").slice(0, 16);
  // Trees grown, early-stopped ones included: the work the time paid for.
  return { seconds, cpu, trees: model.info.validScores.length * model.forest.nOutputs, hash };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timingConfigs(): Promise<Config[]> {
  const adultData = await adult("income");
  const dense = syntheticData(20_000, 28, { seed: 1, classes: 2 });
  const denseReg = syntheticData(20_000, 28, { seed: 2 });
  return [
    { name: "adult, issue params", data: adultData, kind: "classifier", params: ISSUE_PARAMS },
    { name: "adult, minSamplesLeaf 20", data: adultData, kind: "classifier", params: { ...ISSUE_PARAMS, minSamplesLeaf: 20 } },
    { name: "adult, depthwise (maxDepth 6)", data: adultData, kind: "classifier", params: { ...ISSUE_PARAMS, maxLeaves: null, maxDepth: 6 } },
    { name: "dense 20k×28, binary", data: dense, kind: "classifier", params: ISSUE_PARAMS },
    { name: "dense 20k×28, squared error", data: denseReg, kind: "regressor", params: ISSUE_PARAMS },
  ];
}

async function checkConfigs(): Promise<Config[]> {
  const base = { ...ISSUE_PARAMS, nEstimators: 30, earlyStoppingRounds: null };
  const adultData = await adult("income");
  const adultHours = await adult("hours-per-week");
  const missing = syntheticData(4000, 12, { seed: 3, missing: 0.1, classes: 2 });
  const multi = syntheticData(4000, 12, { seed: 4, missing: 0.05, classes: 3 });
  const reg = syntheticData(4000, 12, { seed: 5, missing: 0.05 });
  const monotone = [1, 0, 0, -1, 0, 1, 0, 0, 0, 0, 0, 0];
  return [
    { name: "adult binary", data: adultData, kind: "classifier", params: base },
    { name: "adult binary, minSamplesLeaf 15", data: adultData, kind: "classifier", params: { ...base, minSamplesLeaf: 15 } },
    { name: "adult binary, one-hot cats ≤ 20, l1", data: adultData, kind: "classifier", params: { ...base, maxCatToOnehot: 20, l1: 0.5 } },
    { name: "adult binary, catL2 0, catSmooth 0", data: adultData, kind: "classifier", params: { ...base, catL2: 0, catSmooth: 0, maxBins: 32 } },
    { name: "adult hours, huber, maxDeltaStep", data: adultHours, kind: "regressor", params: { ...base, objective: "huber", huberDelta: 5, maxDeltaStep: 2 } },
    { name: "adult hours, absolute error", data: adultHours, kind: "regressor", params: { ...base, objective: "absolute-error", minSamplesLeaf: 5 } },
    { name: "adult hours, poisson, monotone", data: adultHours, kind: "regressor", params: { ...base, objective: "poisson", monotone: [1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, 0] } },
    { name: "missing binary", data: missing, kind: "classifier", params: base },
    { name: "missing binary, monotone", data: missing, kind: "classifier", params: { ...base, monotone } },
    { name: "missing binary, monotone, minSamplesLeaf 7, l1", data: missing, kind: "classifier", params: { ...base, monotone, minSamplesLeaf: 7, l1: 0.2 } },
    { name: "multiclass", data: multi, kind: "classifier", params: base },
    { name: "multiclass, depthwise, minSplitGain", data: multi, kind: "classifier", params: { ...base, maxLeaves: null, maxDepth: 5, minSplitGain: 0.5 } },
    { name: "squared error", data: reg, kind: "regressor", params: base },
    { name: "quantile 0.8, monotone", data: reg, kind: "regressor", params: { ...base, objective: "quantile", alpha: 0.8, monotone } },
    { name: "tweedie, 2 threads", data: { ...reg, y: Float64Array.from(reg.y as Float64Array, Math.exp), evalY: Float64Array.from(reg.evalY as Float64Array, Math.exp) }, kind: "regressor", params: { ...base, objective: "tweedie", nThreads: 2 } },
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes("--check")) {
    for (const config of await checkConfigs()) {
      const { trees, hash } = fit(config);
      console.log(`${config.name.padEnd(48)} ${String(trees).padStart(4)} trees  ${hash}`);
    }
    return;
  }
  const configs = await timingConfigs();
  console.log(`${"config".padEnd(32)} ${"trees".padStart(6)} ${"first s".padStart(8)} ${"warm s".padStart(8)} ${"cpu s".padStart(8)} ${"ms/tree".padStart(8)} ${"trees/s".padStart(8)}  model hash`);
  for (const config of configs) {
    const first = fit(config);
    const runs = [fit(config), fit(config), fit(config)];
    const seconds = median(runs.map((r) => r.seconds));
    const cpu = median(runs.map((r) => r.cpu));
    const { trees, hash } = runs[0];
    if (runs.some((r) => r.hash !== hash) || first.hash !== hash) throw new Error(`${config.name}: refits gave different models`);
    const row = [String(trees).padStart(6), first.seconds.toFixed(2).padStart(8), seconds.toFixed(2).padStart(8), cpu.toFixed(2).padStart(8), ((1000 * seconds) / trees).toFixed(2).padStart(8), (trees / seconds).toFixed(0).padStart(8)];
    console.log(`${config.name.padEnd(32)} ${row.join(" ")}  ${hash}`);
  }
}

await main();
