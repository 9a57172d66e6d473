// Benchmark: Orchard's read() against pandas.read_csv on one numeric CSV, in one run, printing the
// timings side by side with their ratio and what the Frame holds in memory. A timing is never an
// assertion: only a wrong shape or wrong numbers make the run fail.
//
//   npx tsx bench/read.ts [--rows 1000000] [--cols 28] [--repeat 3] [--threads N] [--skip-pandas]
//
// The file is made once by DuckDB with a fixed seed and kept in os.tmpdir()/orchard-bench/, keyed
// by its shape and recipe, so later runs (and pandas) read the very same bytes.

import { execFile } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { read, type Frame } from "../src/index.js";

const SEED = 0.42;
/** Bump when the column recipe changes, so a cached file from the old recipe is not reused. */
const RECIPE = 2;
const PYTHON = "/usr/bin/python3";

interface Options {
  readonly rows: number;
  readonly cols: number;
  readonly repeat: number;
  readonly threads: number | undefined;
  readonly skipPandas: boolean;
}

interface Timing {
  readonly best: number;
  readonly median: number;
  readonly seconds: number[];
  /** Median CPU seconds of the process (all threads): steadier than wall time on a shared machine. */
  readonly cpuMedian: number;
}

interface PandasResult {
  readonly pandas: string;
  readonly seconds: number[];
  readonly cpuSeconds: number[];
  readonly rows: number;
  readonly cols: number;
  readonly sums: Record<string, number>;
  readonly nulls: number;
  readonly bytes: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      cols: { type: "string", default: "28" },
      repeat: { type: "string", default: "3" },
      threads: { type: "string" },
      "skip-pandas": { type: "boolean", default: false },
    },
  });
  const count = (name: string, text: string | undefined, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}: received ${text}`);
    return n;
  };
  return {
    rows: count("rows", values.rows, 1),
    cols: count("cols", values.cols, 1),
    repeat: count("repeat", values.repeat, 1),
    threads: values.threads === undefined ? undefined : count("threads", values.threads, 1),
    skipPandas: values["skip-pandas"] ?? false,
  };
}

/**
 * The SQL for column j: a cycle of seven shapes a real numeric table has — uniform and normal
 * doubles of different magnitudes, small and large integers, a skewed (log-normal) amount, tiny
 * values, and a column with ~1% missing cells (COPY writes NULL as an empty field).
 */
function columnSql(j: number): string {
  const normal = "(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))";
  // Each repeat of the cycle moves the magnitude, from 0.01 up to 10,000.
  const scale = 10 ** (((Math.floor(j / 7) * 2 + (j % 7)) % 7) - 2);
  switch (j % 7) {
    case 0:
      return `round(random() * ${scale}, 6) AS u${j}`;
    case 1:
      return `round(${normal} * ${scale}, 6) AS n${j}`;
    case 2:
      return `CAST(floor(random() * 10) AS INTEGER) AS k${j}`;
    case 3:
      return `round(exp(2 * ${normal} + 5), 6) AS l${j}`;
    case 4:
      return `CAST(floor(random() * 1000000) AS BIGINT) AS i${j}`;
    case 5:
      return `round(${normal} * 0.001, 6) AS s${j}`;
    default:
      return `CASE WHEN random() < 0.01 THEN NULL ELSE round(${normal} * 50 + 100, 6) END AS m${j}`;
  }
}

async function ensureCsv(rows: number, cols: number): Promise<{ path: string; duckdb: string; made: boolean }> {
  const dir = join(tmpdir(), "orchard-bench");
  const path = join(dir, `numeric-${rows}x${cols}-seed${SEED}-r${RECIPE}.csv`);
  // One thread: random() then yields the same sequence, in the same row order, on every machine run.
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  try {
    const duckdb = String((await connection.runAndReadAll("SELECT version()")).getRows()[0][0]);
    if (existsSync(path)) return { path, duckdb, made: false };
    mkdirSync(dir, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    const select = Array.from({ length: cols }, (_, j) => columnSql(j)).join(", ");
    await connection.run(`SELECT setseed(${SEED})`);
    try {
      await connection.run(`COPY (SELECT ${select} FROM range(${rows})) TO '${partial}' (FORMAT csv, HEADER)`);
      renameSync(partial, path);
    } finally {
      rmSync(partial, { force: true });
    }
    return { path, duckdb, made: true };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(seconds: number[], cpuSeconds: number[]): Timing {
  return { best: Math.min(...seconds), median: median(seconds), seconds, cpuMedian: median(cpuSeconds) };
}

async function timeOrchard(path: string, options: Options): Promise<{ timing: Timing; frame: Frame }> {
  const readOptions = options.threads === undefined ? {} : { threads: options.threads };
  let frame: Frame | undefined = await read(path, readOptions); // warm-up, not counted
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  for (let r = 0; r < options.repeat; r++) {
    frame = undefined; // let the previous Frame go, as pandas' script does
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    frame = await read(path, readOptions);
    seconds.push((performance.now() - start) / 1000);
    const cpu = process.cpuUsage(cpuStart);
    cpuSeconds.push((cpu.user + cpu.system) / 1e6);
  }
  return { timing: summarize(seconds, cpuSeconds), frame: frame! };
}

async function timePandas(path: string, repeat: number): Promise<PandasResult | string> {
  const script = join(dirname(fileURLToPath(import.meta.url)), "read_pandas.py");
  try {
    // The environment goes through unchanged: read_csv does not touch BLAS, so OPENBLAS_* do not matter.
    const { stdout } = await promisify(execFile)(PYTHON, [script, path, String(repeat)], {
      env: process.env,
      maxBuffer: 16 << 20,
    });
    return JSON.parse(stdout) as PandasResult;
  } catch (error) {
    const message = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split("\n").pop();
    return `pandas did not run: ${message}`;
  }
}

interface FrameFacts {
  readonly byteLength: number;
  readonly typedBytes: number;
  readonly bufferBytes: number;
  readonly nNaN: number;
  readonly kinds: Record<string, number>;
  readonly sums: Map<string, { sum: number; sumAbs: number }>;
}

function frameFacts(frame: Frame): FrameFacts {
  let typedBytes = 0;
  let nNaN = 0;
  const buffers = new Set<ArrayBufferLike>();
  const kinds: Record<string, number> = {};
  const sums = new Map<string, { sum: number; sumAbs: number }>();
  for (const name of frame.names) {
    const column = frame.column(name);
    kinds[column.kind] = (kinds[column.kind] ?? 0) + 1;
    const array = column.kind === "categorical" ? column.codes : column.kind === "text" ? undefined : column.values;
    if (!array) continue;
    typedBytes += array.byteLength;
    buffers.add(array.buffer);
    if (!(array instanceof Float64Array)) continue;
    let sum = 0;
    let sumAbs = 0;
    for (let i = 0; i < array.length; i++) {
      const v = array[i];
      if (Number.isNaN(v)) nNaN++;
      else {
        sum += v;
        sumAbs += Math.abs(v);
      }
    }
    sums.set(name, { sum, sumAbs });
  }
  let bufferBytes = 0;
  for (const b of buffers) bufferBytes += b.byteLength;
  return { byteLength: frame.byteLength(), typedBytes, bufferBytes, nNaN, kinds, sums };
}

/** Problems that make the run fail: a wrong shape, or numbers that differ from pandas'. */
function checkFrame(frame: Frame, facts: FrameFacts, options: Options, pandas: PandasResult | string): string[] {
  const problems: string[] = [];
  if (frame.nRows !== options.rows || frame.nCols !== options.cols) {
    problems.push(`Frame is ${frame.nRows} × ${frame.nCols}, expected ${options.rows} × ${options.cols}`);
  }
  if (typeof pandas === "string") return problems;
  if (pandas.rows !== frame.nRows || pandas.cols !== frame.nCols) {
    problems.push(`pandas read ${pandas.rows} × ${pandas.cols}, Orchard ${frame.nRows} × ${frame.nCols}`);
  }
  if (pandas.nulls !== facts.nNaN) problems.push(`pandas found ${pandas.nulls} missing cells, Orchard ${facts.nNaN}`);
  for (const [name, { sum, sumAbs }] of facts.sums) {
    const other = pandas.sums[name];
    // Summation order differs between the two, so allow rounding relative to the values' size.
    if (other === undefined || Math.abs(other - sum) > 1e-9 * Math.max(1, sumAbs)) {
      problems.push(`column ${name}: sum ${sum} in Orchard, ${other} in pandas`);
    }
  }
  return problems;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const sec = (s: number | undefined): string => (s === undefined ? "n/a" : `${s.toFixed(3)} s`);
const times = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? "n/a" : `${(a / b).toFixed(2)}x`;

/** Words for a ratio of medians; within 5% is noise on a shared machine. */
function verdict(ratio: number): string {
  return ratio > 1.05 ? "orchard faster" : ratio < 0.95 ? "orchard slower" : "about even";
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const row of rows) console.log(row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("   ").trimEnd());
}

async function main(): Promise<void> {
  const options = parseOptions();
  const { path, duckdb, made } = await ensureCsv(options.rows, options.cols);
  console.log(`file     ${path} (${mb(statSync(path).size)}, ${made ? "made now" : "cached"})`);
  console.log(`shape    ${options.rows.toLocaleString("en-US")} rows × ${options.cols} cols, ${options.repeat} timed runs after one warm-up`);
  console.log(`machine  node ${process.version}, DuckDB ${duckdb}, ${cpus().length} cores, read() threads ${options.threads ?? "default (all cores)"}`);

  const { timing: orchard, frame } = await timeOrchard(path, options);
  const memory = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const facts = frameFacts(frame);
  const pandas = options.skipPandas ? "pandas skipped (--skip-pandas)" : await timePandas(path, options.repeat);
  const p = typeof pandas === "string" ? undefined : summarize(pandas.seconds, pandas.cpuSeconds);
  if (typeof pandas === "string") console.log(pandas);
  else {
    const blas = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"].map((k) => `${k}=${process.env[k] ?? "(unset)"}`).join(" ");
    console.log(`pandas   ${pandas.pandas} via ${PYTHON}, read_csv defaults (C engine); environment passed through: ${blas}`);
  }

  const ideal = options.rows * options.cols * 8;
  console.log("");
  printTable([
    ["", "best", "median", "cpu median", "runs (s)"],
    ["orchard read()", sec(orchard.best), sec(orchard.median), sec(orchard.cpuMedian), orchard.seconds.map((s) => s.toFixed(2)).join(" ")],
    ["pandas read_csv", sec(p?.best), sec(p?.median), sec(p?.cpuMedian), p ? p.seconds.map((s) => s.toFixed(2)).join(" ") : ""],
    [
      "pandas / orchard",
      times(p?.best, orchard.best),
      times(p?.median, orchard.median),
      times(p?.cpuMedian, orchard.cpuMedian),
      p ? verdict(p.median / orchard.median) : "",
    ],
  ]);
  console.log("");
  printTable([
    ["memory", "bytes", "ratio"],
    ["frame.byteLength()", mb(facts.byteLength), times(facts.byteLength, facts.typedBytes)],
    ["typed arrays' byteLength", mb(facts.typedBytes), "1.00x"],
    ["their ArrayBuffers", mb(facts.bufferBytes), times(facts.bufferBytes, facts.typedBytes)],
    ["rows × cols × 8", mb(ideal), times(ideal, facts.typedBytes)],
    ["pandas memory_usage(deep)", typeof pandas === "string" ? "n/a" : mb(pandas.bytes), typeof pandas === "string" ? "" : times(pandas.bytes, facts.typedBytes)],
    ["process rss after read", mb(memory.rss), times(memory.rss, facts.typedBytes)],
    ["process peak rss", mb(peakRss), times(peakRss, facts.typedBytes)],
    ["heapUsed", mb(memory.heapUsed), ""],
    ["external (arrayBuffers)", `${mb(memory.external)} (${mb(memory.arrayBuffers)})`, ""],
  ]);

  const problems = checkFrame(frame, facts, options, pandas);
  const kinds = Object.entries(facts.kinds).map(([k, n]) => `${n} ${k}`).join(", ");
  console.log("");
  if (problems.length === 0) {
    const agreed = typeof pandas === "string" ? "" : ", shape, missing count and column sums agree with pandas";
    console.log(`check    ok: ${frame.nRows} × ${frame.nCols} (${kinds}), ${facts.nNaN} missing${agreed}`);
  } else {
    for (const problem of problems) console.log(`check    FAILED: ${problem}`);
    process.exitCode = 1;
  }
}

await main();
