// The datasets of bench/gbdt.ts, as dense row-major float64 matrices that Orchard, XGBoost and
// scikit-learn all read byte for byte: generated sets are made once by gbdt_reference.py and kept
// in os.tmpdir()/orchard-bench/; the real ones are read with Orchard's read() and exported, with
// categorical columns as their codes. Every dataset carries its fixed 75/25 train/test split.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Rng, read, type Column } from "../src/index.js";

export type Task = "binary" | "multiclass" | "regression";

export interface BenchData {
  readonly name: string;
  readonly task: Task;
  readonly nClasses: number;
  /** Row-major, at least rows × cols values (a prefix of a bigger file for the subsampled sets). */
  readonly X: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** Class index 0..K-1 for classification, the value for regression. */
  readonly y: Float64Array;
  readonly names: readonly string[];
  readonly categorical: readonly number[];
  /** Number of categories of each categorical column, in the order of `categorical`. */
  readonly levels: readonly number[];
  /** Files holding X and y: python reads their first rows × cols values. */
  readonly xPath: string;
  readonly yPath: string;
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export const PYTHON = "/usr/bin/python3";
export const REFERENCE_SCRIPT = new URL("./gbdt_reference.py", import.meta.url).pathname;
/** Bump when a generator's recipe changes, so files made by the old recipe are not reused. */
const RECIPE = 1;
export const CACHE_DIR = join(tmpdir(), "orchard-bench", `gbdt-r${RECIPE}`);
const SPLIT_SEED = 42;
const DATASETS_DIR = "/work/shared/datasets";

export interface RealDataset {
  readonly name: string;
  readonly file: string;
  readonly target: string;
  readonly task: Task;
  readonly drop?: readonly string[];
}

export const REAL_DATASETS: readonly RealDataset[] = [
  // adult_data.csv only: the separate test file spells its labels differently (">50K.").
  { name: "adult", file: "adult/adult_data.csv.gz", target: "income", task: "binary" },
  { name: "higgs", file: "higgs-sample/higgs.csv.gz", target: "label", task: "binary" },
  { name: "covertype", file: "covertype-20k/covtype.20k.data.gz", target: "c54", task: "multiclass" },
  { name: "california", file: "california-housing/housing.csv.gz", target: "median_house_value", task: "regression" },
  { name: "bike", file: "bike-sharing/hour.csv.gz", target: "cnt", task: "regression", drop: ["casual", "registered", "instant", "dteday"] },
];

/** The fixed split: a seeded permutation, its first quarter for testing; both parts in row order. */
export function splitRows(n: number): { train: Int32Array; test: Int32Array } {
  const order = new Rng(SPLIT_SEED).permutation(n);
  const nTest = Math.round(n / 4);
  return { train: order.slice(nTest).sort(), test: order.slice(0, nTest).sort() };
}

async function generated(kind: "synthetic" | "categorical"): Promise<{ X: Float64Array; y: Float64Array; xPath: string; yPath: string }> {
  const xPath = join(CACHE_DIR, `${kind}-X.f64`);
  const yPath = join(CACHE_DIR, `${kind}-y.f64`);
  if (!existsSync(xPath) || !existsSync(yPath)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    await promisify(execFile)(PYTHON, [REFERENCE_SCRIPT, `make-${kind}`, CACHE_DIR], { env: process.env });
  }
  return { X: readFloat64(xPath), y: readFloat64(yPath), xPath, yPath };
}

export function readFloat64(path: string): Float64Array {
  const bytes = readFileSync(path);
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  return new Float64Array(new Uint8Array(bytes).buffer);
}

export function writeArray(path: string, array: Float64Array | Int32Array): void {
  writeFileSync(path, new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
}

/** make_classification, 1M × 28 (see gbdt_reference.py), as its first `rows` rows. */
export async function syntheticData(rows: number, label: string): Promise<BenchData> {
  const cols = 28;
  const { X, y, xPath, yPath } = await generated("synthetic");
  if (rows * cols > X.length) throw new RangeError(`The synthetic set has ${X.length / cols} rows: asked for ${rows}`);
  const names = Array.from({ length: cols }, (_, j) => `x${j}`);
  return { name: `synthetic-${label}`, task: "binary", nClasses: 2, X, rows, cols, y, names, categorical: [], levels: [], xPath, yPath, ...splitRows(rows) };
}

/** 200k rows: 10 numeric columns with 10% missing, categorical columns of 50, 500 and 5,000 levels. */
export async function categoricalData(): Promise<BenchData> {
  const cols = 13;
  const { X, y, xPath, yPath } = await generated("categorical");
  const rows = y.length;
  const names = [...Array.from({ length: 10 }, (_, j) => `x${j}`), "c50", "c500", "c5000"];
  return { name: "categorical", task: "binary", nClasses: 2, X, rows, cols, y, names, categorical: [10, 11, 12], levels: [50, 500, 5000], xPath, yPath, ...splitRows(rows) };
}

/** A real dataset read by read(), exported to `directory` for python. */
export async function realData(dataset: RealDataset, directory: string): Promise<BenchData> {
  let frame = await read(join(DATASETS_DIR, dataset.file));
  if (dataset.drop) frame = frame.drop(dataset.drop);
  const names = frame.names.filter((name) => name !== dataset.target);
  const { data, rows, cols } = frame.toMatrix(names);
  const X = data as Float64Array;
  const categorical: number[] = [];
  const levels: number[] = [];
  names.forEach((name, j) => {
    const column = frame.column(name);
    if (column.kind === "categorical") {
      categorical.push(j);
      levels.push(column.categories.length);
    }
  });
  const { y, nClasses } = targetOf(frame.toMatrix([dataset.target]).data as Float64Array, frame.column(dataset.target), dataset);
  const xPath = join(directory, `${dataset.name}-X.f64`);
  const yPath = join(directory, `${dataset.name}-y.f64`);
  writeArray(xPath, X);
  writeArray(yPath, y);
  return { name: dataset.name, task: dataset.task, nClasses, X, rows, cols, y, names, categorical, levels, xPath, yPath, ...splitRows(rows) };
}

/** Classification targets become indices into their sorted distinct values (names for categories). */
function targetOf(values: Float64Array, column: Column, dataset: RealDataset): { y: Float64Array; nClasses: number } {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`${dataset.name}: target ${dataset.target} is missing at row ${i}`);
  }
  if (dataset.task === "regression") return { y: values, nClasses: 1 };
  const keys = column.kind === "categorical" ? column.categories : null;
  const distinct = [...new Set(values)].sort((a, b) => (keys ? (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0) : a - b));
  const index = new Map(distinct.map((v, k) => [v, k]));
  return { y: Float64Array.from(values, (v) => index.get(v)!), nClasses: distinct.length };
}

/** Rows of a row-major matrix, gathered into a new one. */
export function gatherRows(X: Float64Array, cols: number, index: Int32Array): Float64Array {
  const out = new Float64Array(index.length * cols);
  for (let i = 0; i < index.length; i++) out.set(X.subarray(index[i] * cols, (index[i] + 1) * cols), i * cols);
  return out;
}

export function gather(values: Float64Array, index: Int32Array): Float64Array {
  return Float64Array.from(index, (i) => values[i]);
}
