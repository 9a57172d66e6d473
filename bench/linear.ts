// Orchard's linear models side by side with scikit-learn's on the same data and the same 2 cores:
// fit time (fastest of 3, after warm-up fits on a sample), the ratio, and the relative difference of the objective each reached
// (scikit-learn's definitions; positive means Orchard's is higher, i.e. worse).
//
//   npx tsx bench/linear.ts
//
// Data: california-housing (Pace & Barry 1997; total_bedrooms imputed with its mean,
// ocean_proximity dropped), a synthetic 200,000 × 50 regression, adult (Becker & Kohavi 1996; its
// 6 numeric columns, income > 50K) and dry-bean (Koklu & Ozkan 2020; 16 features, 7 classes), from
// /work/shared/datasets. Features are standardised here, the same bytes go to both libraries.

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { matrix, read, Rng, type Matrix } from "../src/index.js";
import { ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge } from "../src/models/index.js";

const DATASETS = "/work/shared/datasets";
const DIR = join(tmpdir(), "orchard-bench", "linear");
const PYTHON = "/usr/bin/python3";
const REFERENCE = new URL("./linear_reference.py", import.meta.url).pathname;

interface Data {
  readonly name: string;
  readonly X: Matrix;
  readonly y: Float64Array;
}

interface Run {
  readonly name: string;
  readonly data: Data;
  readonly model: "LinearRegression" | "Ridge" | "Lasso" | "ElasticNet" | "LogisticRegression";
  readonly params: Record<string, number | string>;
  readonly sklearn: Record<string, number | string>;
}

/** Columns to mean-imputed, standardised float64; the target as numbers (class codes for labels). */
async function realData(name: string, file: string, target: string, keep: (column: string) => boolean, label?: (value: string) => number): Promise<Data> {
  const frame = await read(join(DATASETS, file));
  const names = frame.names.filter((c) => c !== target && keep(c) && frame.column(c).kind !== "categorical" && frame.column(c).kind !== "text");
  const { data, rows, cols } = frame.toMatrix(names);
  const X = standardised(Float64Array.from(data), rows, cols);
  const column = frame.column(target);
  let y: Float64Array;
  if (label && column.kind === "categorical") {
    const codes = frame.toMatrix([target]).data;
    y = Float64Array.from(codes, (code) => label(column.categories[code]));
  } else y = Float64Array.from(frame.toMatrix([target]).data);
  return { name, X: matrix(X, { rows, cols }), y };
}

/** Mean imputation, then zero mean and unit variance per column. */
function standardised(data: Float64Array, rows: number, cols: number): Float64Array {
  for (let j = 0; j < cols; j++) {
    let sum = 0, count = 0;
    for (let i = 0; i < rows; i++) if (!Number.isNaN(data[i * cols + j])) { sum += data[i * cols + j]; count++; }
    const mean = sum / count;
    let ss = 0;
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      if (Number.isNaN(data[k])) data[k] = mean;
      ss += (data[k] - mean) ** 2;
    }
    const sd = Math.sqrt(ss / rows) || 1;
    for (let i = 0; i < rows; i++) data[i * cols + j] = (data[i * cols + j] - mean) / sd;
  }
  return data;
}

function synthetic(rows: number, cols: number): Data {
  const rng = new Rng(2024);
  const X = Float64Array.from({ length: rows * cols }, () => rng.normal());
  const beta = Float64Array.from({ length: cols }, (_, j) => (j % 3 === 0 ? 0 : rng.normal()));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0.5;
    for (let j = 0; j < cols; j++) s += X[i * cols + j] * beta[j];
    y[i] = s + rng.normal();
  }
  return { name: `synthetic-${rows / 1000}k×${cols}`, X: matrix(X, { rows, cols }), y };
}

function fit(run: Run, X: Matrix, y: Float64Array): { info: { objective: number; nIterations: number } } {
  switch (run.model) {
    case "LinearRegression": return new LinearRegression(run.params).fit(X, y);
    case "Ridge": return new Ridge(run.params).fit(X, y);
    case "Lasso": return new Lasso(run.params).fit(X, y);
    case "ElasticNet": return new ElasticNet(run.params).fit(X, y);
    default: return new LogisticRegression(run.params).fit(X, Array.from(y));
  }
}

/**
 * A few fits on 2,000 rows spread over the data (dry-bean is sorted by class) first, so that the
 * timings are of JIT-compiled code, as scikit-learn's are of compiled code (its reference also
 * fits once before timing).
 */
function warmUp(run: Run): void {
  const { X, y } = run.data;
  const rows = Math.min(2000, X.rows);
  const step = Math.floor(X.rows / rows);
  const data = new Float64Array(rows * X.cols);
  for (let i = 0; i < rows; i++) data.set(X.data.subarray(i * step * X.cols, (i * step + 1) * X.cols), i * X.cols);
  const sample = matrix(data, { rows, cols: X.cols });
  for (let r = 0; r < 3; r++) fit(run, sample, Float64Array.from({ length: rows }, (_, i) => y[i * step]));
}

function fitOurs(run: Run): { seconds: number; objective: number; nIterations: number } {
  const { X, y } = run.data;
  warmUp(run);
  let best = Infinity;
  let info = { objective: NaN, nIterations: 0 };
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    const model = fit(run, X, y);
    best = Math.min(best, (performance.now() - start) / 1000);
    info = model.info;
  }
  return { seconds: best, objective: info.objective, nIterations: info.nIterations };
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const california = await realData("california", "california-housing/housing.csv.gz", "median_house_value", () => true);
  const californiaY = { ...california, y: california.y.map((v) => v / 1e5) };
  const big = synthetic(200_000, 50);
  const adult = await realData("adult", "adult/adult_data.csv.gz", "income", () => true, (v) => (v.includes(">50K") ? 1 : 0));
  const bean = await realData("dry-bean", "dry-bean/Dry_Bean_Dataset.csv.gz", "Class", () => true, (v) => ["BARBUNYA", "BOMBAY", "CALI", "DERMASON", "HOROZ", "SEKER", "SIRA"].indexOf(v));
  const runs: Run[] = [];
  for (const data of [californiaY, big]) {
    runs.push({ name: `LinearRegression ${data.name}`, data, model: "LinearRegression", params: {}, sklearn: {} });
    runs.push({ name: `Ridge(1) ${data.name}`, data, model: "Ridge", params: { alpha: 1 }, sklearn: { alpha: 1 } });
    runs.push({ name: `Lasso(0.01) ${data.name}`, data, model: "Lasso", params: { alpha: 0.01 }, sklearn: { alpha: 0.01 } });
    runs.push({ name: `ElasticNet(0.01, 0.5) ${data.name}`, data, model: "ElasticNet", params: { alpha: 0.01, l1Ratio: 0.5 }, sklearn: { alpha: 0.01, l1_ratio: 0.5 } });
  }
  runs.push({ name: `LogisticRegression l2 ${adult.name}`, data: adult, model: "LogisticRegression", params: {}, sklearn: {} });
  runs.push({ name: `LogisticRegression l2 multinomial ${bean.name}`, data: bean, model: "LogisticRegression", params: {}, sklearn: {} });
  // The same with room to converge: at the default 100 iterations both solvers stop short on this
  // ill-conditioned problem, where their objectives agree only to about 1e-5.
  runs.push({ name: `  … maxIter 2000, tol 1e-8`, data: bean, model: "LogisticRegression", params: { maxIter: 2000, tol: 1e-8 }, sklearn: { max_iter: 2000, tol: 1e-8 } });

  const spec = runs.map((run) => {
    const x = join(DIR, `${run.data.name}-X.f64`);
    const y = join(DIR, `${run.data.name}-y.f64`);
    writeFileSync(x, new Uint8Array(run.data.X.data.buffer, run.data.X.data.byteOffset, run.data.X.data.byteLength));
    writeFileSync(y, new Uint8Array(run.data.y.buffer, run.data.y.byteOffset, run.data.y.byteLength));
    return { name: run.name, model: run.model, params: run.sklearn, x, y, rows: run.data.X.rows, cols: run.data.X.cols };
  });
  const specPath = join(DIR, "spec.json");
  writeFileSync(specPath, JSON.stringify(spec));
  const env = { ...process.env, OMP_NUM_THREADS: "2", OPENBLAS_NUM_THREADS: "2", MKL_NUM_THREADS: "2" };
  const reference = new Map<string, { seconds: number; objective: number; nIterations: number }>();
  for (const line of execFileSync(PYTHON, [REFERENCE, specPath], { env, encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n")) {
    const row = JSON.parse(line);
    reference.set(row.name, row);
  }
  const header = ["model / data", "rows×cols", "orchard s", "sklearn s", "ratio", "iters o/s", "objective rel. diff"];
  const lines = [header];
  for (const run of runs) {
    const ours = fitOurs(run);
    const theirs = reference.get(run.name)!;
    const rel = (ours.objective - theirs.objective) / Math.abs(theirs.objective);
    lines.push([run.name, `${run.data.X.rows}×${run.data.X.cols}`, ours.seconds.toFixed(4), theirs.seconds.toFixed(4), (ours.seconds / theirs.seconds).toFixed(2), `${ours.nIterations}/${theirs.nIterations}`, rel.toExponential(2)]);
  }
  const widths = header.map((_, j) => Math.max(...lines.map((l) => l[j].length)));
  for (const l of lines) console.log(l.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("  "));
}

await main();
