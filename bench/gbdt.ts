// Benchmark: Orchard's gradient boosting against XGBoost 1.7 (hist) and scikit-learn 1.2's
// HistGradientBoosting, in one run, on the same data, the same train/test split and the same cores,
// with matched parameters, for four tree shapes; then small-data fit time, single-row latency and
// batch throughput. Prints a progress line per finished fit and a summary table at the end. A
// timing is never an assertion.
//
//   npx tsx bench/gbdt.ts [--only name,...] [--sizes 10k,100k,1m] [--threads 2] [--shapes depth6,...]
//
// Names for --only: synthetic (or synthetic-10k, ...), categorical, adult, higgs, covertype,
// california, bike, small, latency. Shapes: depth6, depth8, leaves31, leaves255.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { BoostedModel } from "../src/models/gbdt/gradient-boosting.js";
import { CACHE_DIR, PYTHON, REAL_DATASETS, REFERENCE_SCRIPT, categoricalData, realData, syntheticData, type BenchData } from "./gbdt-datasets.js";
import { SHAPES, fitOrchard, orchardParams, referenceSpec, runOrchard, runReferences, splitOf, type Shape } from "./gbdt-engines.js";
import { Report } from "./gbdt-report.js";
import { measureLatency, measureSmall } from "./gbdt-serving.js";

/** The default sizes of the synthetic set: with 1m, the whole run takes about 5 minutes on 2 cores. */
const DEFAULT_SIZES = "10k,100k,1m";

interface Options {
  readonly only: readonly string[] | null;
  readonly sizes: readonly { label: string; rows: number }[];
  readonly threads: number;
  readonly shapes: readonly Shape[];
  readonly sizesGiven: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      only: { type: "string" },
      sizes: { type: "string" },
      threads: { type: "string", default: "2" },
      shapes: { type: "string" },
    },
  });
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`--threads must be an integer ≥ 1: received ${values.threads}`);
  const sizes = (values.sizes ?? DEFAULT_SIZES).split(",").map((label) => {
    const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(label.trim());
    const rows = match ? Number(match[1]) * { "": 1, k: 1e3, m: 1e6 }[match[2].toLowerCase() as "" | "k" | "m"] : NaN;
    if (!Number.isInteger(rows) || rows < 100 || rows > 1e6) throw new RangeError(`--sizes takes 100 to 1m rows, like 10k,100k,1m: received ${label}`);
    return { label: label.trim().toLowerCase(), rows };
  });
  const shapes = values.shapes === undefined ? SHAPES : values.shapes.split(",").map((name) => {
    const shape = SHAPES.find((s) => s.name === name.trim());
    if (!shape) throw new RangeError(`--shapes takes ${SHAPES.map((s) => s.name).join(", ")}: received ${name}`);
    return shape;
  });
  const only = values.only === undefined ? null : values.only.split(",").map((s) => s.trim());
  const known = ["synthetic", "categorical", ...REAL_DATASETS.map((d) => d.name), "small", "latency"];
  for (const name of only ?? []) {
    if (!known.includes(name) && !/^synthetic-\w+$/.test(name)) throw new RangeError(`--only takes ${known.join(", ")} (or synthetic-10k, ...): received ${name}`);
  }
  return { only, sizes, threads, shapes, sizesGiven: values.sizes !== undefined };
}

function wanted(options: Options, name: string): boolean {
  return options.only === null || options.only.some((o) => name === o || name.startsWith(`${o}-`));
}

function sourceRevision(): string {
  const repo = dirname(dirname(fileURLToPath(import.meta.url)));
  try {
    const commit = execFileSync("git", ["-C", repo, "rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["-C", repo, "status", "--porcelain", "--", "src"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return `${commit}${dirty ? " with uncommitted changes in src/" : ", src/ clean"}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

function printHeader(options: Options, report: Report): void {
  const versions = JSON.parse(execFileSync(PYTHON, [REFERENCE_SCRIPT, "versions", "-"], { encoding: "utf8", env: process.env })) as Record<string, string>;
  const sizes = options.sizes.map((s) => s.label).join(", ");
  report.line(`orchard   src ${sourceRevision()}; node ${process.version}; Orchard nThreads=${options.threads}`);
  report.line(`reference ${PYTHON} ${versions.python}: xgboost ${versions.xgboost} (tree_method=hist, max_bin=256, n_jobs=${options.threads}), scikit-learn ${versions.sklearn} HistGradientBoosting (max_bins=255, early_stopping=False, OpenMP threads ${options.threads} via threadpoolctl), numpy ${versions.numpy}; environment passed through`);
  report.line(`machine   ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at the start`);
  report.line(`sizes     synthetic ${sizes}${options.sizesGiven ? "" : ` (default; 1m is the slow one, about 2 of the run's ~5 minutes on 2 cores: --sizes 10k,100k skips it)`}`);
  report.line(`params    100 trees, learning rate 0.1, 255 value bins + missing, L2 1, L1 0, min split gain 0, no subsampling; shapes ${options.shapes.map((s) => s.name).join(", ")}`);
  report.line(`          leaf shapes: XGBoost grow_policy=lossguide, max_leaves, max_depth=0; sklearn max_leaf_nodes, max_depth=None; Orchard maxLeaves, maxDepth 64`);
  report.line(`          min child weight 1 (XGBoost, Orchard; Orchard minSamplesLeaf 1); sklearn has no hessian minimum to set: min_samples_leaf=1 is as close as it gets (its min_hessian_to_split stays 1e-3)`);
  report.line(`          start: Orchard baseScore = XGBoost's raw base (0 binary, 0.5 regression; multiclass: XGBoost equal margins, Orchard class priors); sklearn starts from the prior`);
  report.line(`split     fixed 75/25 (seeded permutation), the same rows for all three; fit time includes binning / DMatrix building; predict = test-set probabilities (values for regression)`);
  report.line("");
}

async function benchDataset(data: BenchData, options: Options, report: Report, runDir: string): Promise<Map<string, BoostedModel>> {
  const split = splitOf(data);
  report.dataset(data);
  // Warm-up, not timed: the JIT compiles the training and prediction paths on a small slice.
  const rows = Math.min(2000, split.train.rows);
  const warm = { ...split, train: { data: split.train.data.subarray(0, rows * data.cols), rows, cols: data.cols }, yTrain: split.yTrain.subarray(0, rows) };
  fitOrchard(data, warm, { ...orchardParams(data.task, options.shapes[0], options.threads), nEstimators: 5 }).predict(split.test);
  const models = new Map<string, BoostedModel>();
  for (const shape of options.shapes) {
    const { result, model } = runOrchard(data, split, shape, options.threads);
    models.set(shape.name, model);
    report.run(data, result);
  }
  const failure = await runReferences(data, split, referenceSpec(data, options.shapes, options.threads, runDir), {
    onLibrary: (library, version, note) => report.note(data, library, note),
    onRun: (result) => report.run(data, result),
  });
  if (failure) report.line(`          ${data.name}: ${failure}`);
  return models;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const report = new Report();
  printHeader(options, report);
  mkdirSync(CACHE_DIR, { recursive: true });
  const runDir = mkdtempSync(`${CACHE_DIR}/run-`);
  try {
    let latencyModel: BoostedModel | undefined;
    for (const { label, rows } of options.sizes) {
      if (!wanted(options, `synthetic-${label}`)) continue;
      const models = await benchDataset(await syntheticData(rows, label), options, report, runDir);
      if (rows === 100_000) latencyModel = models.get("depth8");
    }
    if (wanted(options, "categorical")) await benchDataset(await categoricalData(), options, report, runDir);
    for (const dataset of REAL_DATASETS) {
      if (wanted(options, dataset.name)) await benchDataset(await realData(dataset, runDir), options, report, runDir);
    }
    if (wanted(options, "small")) await measureSmall(options.threads, runDir, report);
    if (wanted(options, "latency")) await measureLatency(latencyModel, options.threads, report);
    report.summary();
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

await main();
