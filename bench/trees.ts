// CART and random forests: Orchard against scikit-learn 1.2.1 (n_jobs=2, bench/trees_reference.py)
// on adult and credit-default (classification: accuracy, AUC) and california-housing (regression:
// RMSE), the same matrices, train/test rows (a fixed 75/25 split) and seeds, in one run; and, for
// the record, the ml.js packages ml-cart and ml-random-forest on a subsample they finish on.
// Run: npx tsx bench/trees.ts   (wall clock and process CPU time, both sides; on a shared machine
//      compare the CPU ratios) --no-mljs skips the ml.js runs (for quick iterations).
// Seed 0 is each process's first fit of the model on the dataset: first fits pay for compiling
// (V8's JIT, and tsx loading the forest workers' TypeScript, which built JavaScript does not).
//
// Adult's categorical columns are their integer codes (missing: -1); california's missing
// total_bedrooms are the column median. Orchard's trees refuse missing values.

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
// @ts-expect-error ml-cart ships no type declarations
import { DecisionTreeClassifier as MlCartClassifier, DecisionTreeRegression as MlCartRegressor } from "ml-cart";
import { RandomForestClassifier as MlForestClassifier, RandomForestRegression as MlForestRegressor } from "ml-random-forest";
import { matrix } from "../src/core/index.js";
import { DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier, RandomForestRegressor } from "../src/models/index.js";
import { CACHE_DIR, PYTHON, gather, gatherRows, realData, writeArray, type BenchData, type RealDataset } from "./gbdt-datasets.js";
import { auc } from "../test/models/forest/real-data.js";

const SEEDS = [0, 1, 2];
const ML_JS_ROWS = 3000;
const ML_JS_TREES = 20;
const DATASETS: readonly RealDataset[] = [
  { name: "adult", file: "adult/adult_data.csv.gz", target: "income", task: "binary" },
  { name: "credit-default", file: "credit-default/UCI_Credit_Card.csv.gz", target: "Y", task: "binary", drop: ["ID"] },
  { name: "california", file: "california-housing/housing.csv.gz", target: "median_house_value", task: "regression" },
];

interface Result { dataset: string; model: string; seed: number; fit: number; fitCpu?: number; predict: number; accuracy?: number; auc?: number; rmse?: number }

/** Missing cells: -1 in categorical (code) columns, the median elsewhere. */
function filled(d: BenchData): void {
  for (let j = 0; j < d.cols; j++) {
    const isCategorical = d.categorical.includes(j);
    const present = Array.from({ length: d.rows }, (_, i) => d.X[i * d.cols + j]).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const fill = isCategorical ? -1 : present[Math.floor(present.length / 2)];
    for (let i = 0; i < d.rows; i++) if (Number.isNaN(d.X[i * d.cols + j])) d.X[i * d.cols + j] = fill;
  }
}

function score(d: BenchData, yTest: Float64Array, prediction: ArrayLike<number>, positive?: ArrayLike<number>): Partial<Result> {
  if (d.task === "regression") return { rmse: Math.sqrt(Array.from(yTest).reduce((s, v, i) => s + (v - prediction[i]) ** 2, 0) / yTest.length) };
  const accuracy = Array.from(yTest).filter((v, i) => v === prediction[i]).length / yTest.length;
  return positive ? { accuracy, auc: auc(positive, yTest) } : { accuracy };
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const out = fn();
  return [out, (performance.now() - start) / 1000];
}

/** The fit's wall clock and the process's CPU time (every thread), in seconds. */
function timedFit<T>(fn: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const [out, wall] = timed(fn);
  const used = process.cpuUsage(cpu);
  return [out, wall, (used.user + used.system) / 1e6];
}

function runOurs(d: BenchData): Result[] {
  const Xtr = matrix(gatherRows(d.X, d.cols, d.train), { rows: d.train.length, cols: d.cols });
  const Xte = matrix(gatherRows(d.X, d.cols, d.test), { rows: d.test.length, cols: d.cols });
  const ytr = gather(d.y, d.train);
  const yte = gather(d.y, d.test);
  const out: Result[] = [];
  for (const model of ["cart", "forest"]) {
    for (const seed of SEEDS) {
      if (d.task === "regression") {
        const [m, fit, fitCpu] = timedFit(() => (model === "cart" ? new DecisionTreeRegressor({ seed }) : new RandomForestRegressor({ nEstimators: 100, seed })).fit(Xtr, ytr));
        const [p, predict] = timed(() => m.predict(Xte));
        out.push({ dataset: d.name, model, seed, fit, fitCpu, predict, ...score(d, yte, p) });
      } else {
        const [m, fit, fitCpu] = timedFit(() => (model === "cart" ? new DecisionTreeClassifier({ seed }) : new RandomForestClassifier({ nEstimators: 100, seed })).fit(Xtr, ytr));
        const [proba, predict] = timed(() => m.predictProba(Xte));
        const labels = Float64Array.from({ length: proba.rows }, (_, i) => (proba.data[2 * i + 1] > proba.data[2 * i] ? 1 : 0));
        out.push({ dataset: d.name, model, seed, fit, fitCpu, predict, ...score(d, yte, labels, Float64Array.from({ length: proba.rows }, (_, i) => proba.data[2 * i + 1])) });
      }
    }
  }
  return out;
}

/** ml.js on the first ML_JS_ROWS training rows (its trees take minutes on the full sets). */
function runMlJs(d: BenchData): Result[] {
  const rows = d.train.slice(0, ML_JS_ROWS);
  const toRows = (index: Int32Array) => Array.from(index, (i) => Array.from(d.X.subarray(i * d.cols, (i + 1) * d.cols)));
  const Xtr = toRows(rows);
  const Xte = toRows(d.test);
  const ytr = Array.from(rows, (i) => d.y[i]);
  const yte = gather(d.y, d.test);
  const isClass = d.task !== "regression";
  const out: Result[] = [];
  const cart = isClass ? new MlCartClassifier({}) : new MlCartRegressor({});
  const [, fitCart] = timed(() => cart.train(Xtr, ytr));
  const [pCart, predictCart] = timed(() => cart.predict(Xte) as number[]);
  out.push({ dataset: d.name, model: `ml-cart (${ML_JS_ROWS} rows)`, seed: 0, fit: fitCart, predict: predictCart, ...score(d, yte, pCart) });
  const forest = isClass ? new MlForestClassifier({ nEstimators: ML_JS_TREES, seed: 0 }) : new MlForestRegressor({ nEstimators: ML_JS_TREES, seed: 0 });
  const [, fitForest] = timed(() => forest.train(Xtr, ytr));
  const [pForest, predictForest] = timed(() => forest.predict(Xte) as number[]);
  out.push({ dataset: d.name, model: `ml-random-forest (${ML_JS_ROWS} rows, ${ML_JS_TREES} trees)`, seed: 0, fit: fitForest, predict: predictForest, ...score(d, yte, pForest) });
  return out;
}

const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const sd = (values: number[]): number => (values.length < 2 ? 0 : Math.sqrt(values.reduce((s, v) => s + (v - mean(values)) ** 2, 0) / (values.length - 1)));
const metric = (rs: Result[], key: "accuracy" | "auc" | "rmse"): string => (rs[0][key] === undefined ? "" : `${mean(rs.map((r) => r[key]!)).toFixed(4)}±${sd(rs.map((r) => r[key]!)).toFixed(4)}`);

async function main(): Promise<void> {
  const directory = join(CACHE_DIR, "..", "trees");
  mkdirSync(directory, { recursive: true });
  const data: BenchData[] = [];
  for (const dataset of DATASETS) {
    const d = await realData(dataset, directory);
    filled(d);
    writeArray(d.xPath, d.X);
    writeArray(join(directory, `${d.name}-train.i32`), d.train);
    writeArray(join(directory, `${d.name}-test.i32`), d.test);
    data.push(d);
  }
  // Dataset by dataset, scikit-learn then Orchard: on a shared machine the load drifts, and
  // interleaving keeps each pair of timings close in time.
  const theirs: Result[] = [];
  const ours: Result[] = [];
  for (const d of data) {
    const spec = { seeds: SEEDS, datasets: [{ name: d.name, cols: d.cols, task: d.task === "regression" ? "regression" : "classification", xPath: d.xPath, yPath: d.yPath, trainPath: join(directory, `${d.name}-train.i32`), testPath: join(directory, `${d.name}-test.i32`) }] };
    const python = execFileSync(PYTHON, [new URL("./trees_reference.py", import.meta.url).pathname, JSON.stringify(spec)], { encoding: "utf8", maxBuffer: 1 << 24 });
    theirs.push(...python.trim().split("\n").map((line) => JSON.parse(line) as Result));
    ours.push(...runOurs(d));
  }
  const mljs = process.argv.includes("--no-mljs") ? [] : data.flatMap(runMlJs);
  console.log(`| dataset (train × cols) | model | engine | accuracy | AUC | RMSE | fit s | fit CPU s | first fit CPU s | predict s | fit ratio (ours/sk) | CPU ratio | first-fit CPU ratio | predict ratio |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  const cpu = (rs: Result[]): number => mean(rs.map((r) => r.fitCpu!));
  const firstCpu = (rs: Result[]): number => rs.find((r) => r.seed === SEEDS[0])!.fitCpu!;
  for (const d of data) {
    for (const model of ["cart", "forest"]) {
      const a = ours.filter((r) => r.dataset === d.name && r.model === model);
      const b = theirs.filter((r) => r.dataset === d.name && r.model === model);
      const label = model === "cart" ? "CART" : "forest, 100 trees";
      for (const [engine, rs] of [["Orchard", a], ["scikit-learn", b]] as const) {
        const ratios = engine === "Orchard"
          ? [mean(a.map((r) => r.fit)) / mean(b.map((r) => r.fit)), cpu(a) / cpu(b), firstCpu(a) / firstCpu(b), mean(a.map((r) => r.predict)) / mean(b.map((r) => r.predict))].map((x) => x.toFixed(2))
          : ["", "", "", ""];
        console.log(`| ${d.name} (${d.train.length} × ${d.cols}) | ${label} | ${engine} | ${metric(rs, "accuracy")} | ${metric(rs, "auc")} | ${metric(rs, "rmse")} | ${mean(rs.map((r) => r.fit)).toFixed(3)} | ${cpu(rs).toFixed(3)} | ${firstCpu(rs).toFixed(3)} | ${mean(rs.map((r) => r.predict)).toFixed(3)} | ${ratios[0]} | ${ratios[1]} | ${ratios[2]} | ${ratios[3]} |`);
      }
    }
    for (const r of mljs.filter((r) => r.dataset === d.name)) {
      console.log(`| ${d.name} | ${r.model} | ml.js | ${r.accuracy?.toFixed(4) ?? ""} |  | ${r.rmse?.toFixed(4) ?? ""} | ${r.fit.toFixed(3)} |  |  | ${r.predict.toFixed(3)} |  |  |  |  |`);
    }
  }
  console.log(`\nSeeds ${SEEDS.join(", ")} (mean ± sd over seeds; "first fit" is seed ${SEEDS[0]}); scikit-learn forests with n_jobs=2, Orchard's with nThreads = all cores.`);
}

await main();
