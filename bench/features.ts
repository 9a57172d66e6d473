// Benchmark: fit + transform of the linear-model preset (median imputer with indicator + standard
// scaler on numbers, one-hot with at most 20 outputs on categories) against the equivalent
// scikit-learn ColumnTransformer, on Adult (train + test files, 48,842 rows; UCI, Becker & Kohavi
// 1996, CC BY 4.0) and on a synthetic 1M-row frame. Reading the data is not timed on either side.
// A timing is never an assertion: only a different output shape or sum makes the run fail.
//
//   npx tsx bench/features.ts [--repeat 3] [--rows 1000000]
//
// The synthetic CSV is written once (seeded) to os.tmpdir()/orchard-bench/ and read by both sides.

import { execFile } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { FeaturePipeline, Rng, linearPreset, read, type Frame, type OneHotEncoder } from "../src/index.js";

const PYTHON = "/usr/bin/python3";
const REFERENCE = new URL("./features_reference.py", import.meta.url).pathname;
const ADULT = ["/work/shared/datasets/adult/adult_data.csv.gz", "/work/shared/datasets/adult/adult_test.csv.gz"];
const RECIPE = 1;

interface Reference {
  readonly fit: number[];
  readonly transform: number[];
  readonly rows: number;
  readonly cols: number;
  readonly sum: number;
  readonly absSum: number;
}

interface Case {
  readonly name: string;
  readonly files: readonly string[];
  readonly frame: Frame;
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
}

async function syntheticCsv(rows: number): Promise<string> {
  const dir = join(tmpdir(), "orchard-bench");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `features-synthetic-r${RECIPE}-${rows}.csv`);
  if (existsSync(path)) return path;
  const rng = new Rng(7);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  out.write("n0,n1,n2,n3,n4,n5,c0,c1,c2,c3\n");
  const zipf = (levels: number) => Math.min(levels - 1, Math.floor(levels ** rng.next()) - 1);
  let chunk = "";
  for (let r = 0; r < rows; r++) {
    const n4 = rng.next() < 0.05 ? "" : (rng.normal() * 3 + 10).toFixed(4);
    const n5 = rng.next() < 0.2 ? "" : Math.exp(rng.normal()).toFixed(5);
    const c3 = rng.next() < 0.02 ? "" : `k${zipf(2000)}`;
    chunk += `${rng.normal().toFixed(6)},${(rng.next() * 1000).toFixed(3)},${rng.int(100)},${rng.next().toFixed(6)},${n4},${n5},g${rng.int(5)},h${zipf(30)},m${zipf(200)},${c3}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.on("finish", () => resolve()));
  renameSync(partial, path);
  return path;
}

function best(values: readonly number[]): number {
  return Math.min(...values);
}

function runOurs(c: Case, repeat: number): { fit: number[]; transform: number[]; cols: number; sum: number; absSum: number } {
  const preset = linearPreset();
  // Whatever kind the reader inferred for a many-valued label column, encode it as categories.
  const oneHot = (preset.categorical as readonly OneHotEncoder[])[0];
  const config = { ...preset, columns: Object.fromEntries(c.categorical.map((name) => [name, [oneHot]])) };
  const fit: number[] = [];
  const transform: number[] = [];
  let cols = 0;
  let sum = 0;
  let absSum = 0;
  for (let k = 0; k < repeat; k++) {
    let start = performance.now();
    const pipeline = new FeaturePipeline(config).fit(c.frame.select([...c.numeric, ...c.categorical]));
    fit.push((performance.now() - start) / 1000);
    start = performance.now();
    const X = pipeline.transform(c.frame);
    transform.push((performance.now() - start) / 1000);
    cols = X.cols;
    sum = 0;
    absSum = 0;
    for (let i = 0; i < X.data.length; i++) {
      sum += X.data[i];
      absSum += Math.abs(X.data[i]);
    }
  }
  return { fit, transform, cols, sum, absSum };
}

async function runReference(c: Case, repeat: number): Promise<Reference> {
  const { stdout } = await promisify(execFile)(PYTHON, [REFERENCE, c.files.join(","), c.numeric.join(","), c.categorical.join(","), String(repeat)], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout) as Reference;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: "string", default: "3" }, rows: { type: "string", default: "1000000" } } });
  const repeat = Number(values.repeat);
  const rows = Number(values.rows);
  const adult = await read("/work/shared/datasets/adult/adult_*.csv.gz");
  const synthetic = await syntheticCsv(rows);
  const cases: Case[] = [
    {
      name: `adult (${adult.nRows} rows)`,
      files: ADULT,
      frame: adult,
      numeric: ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"],
      categorical: ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"],
    },
    {
      name: `synthetic (${rows} rows)`,
      files: [synthetic],
      frame: await read(synthetic),
      numeric: ["n0", "n1", "n2", "n3", "n4", "n5"],
      categorical: ["c0", "c1", "c2", "c3"],
    },
  ];
  const lines: string[] = [];
  let failed = false;
  for (const c of cases) {
    const ours = runOurs(c, repeat);
    const ref = await runReference(c, repeat);
    const sameShape = ref.rows === c.frame.nRows && ref.cols === ours.cols;
    const sameSum = Math.abs(ref.absSum - ours.absSum) <= 1e-6 * ref.absSum && Math.abs(ref.sum - ours.sum) <= 1e-6 * ref.absSum;
    if (!sameShape || !sameSum) failed = true;
    const row = (what: string, a: number, b: number) =>
      `| ${c.name} | ${what} | ${(a * 1000).toFixed(0)} ms | ${(b * 1000).toFixed(0)} ms | ${(a / b).toFixed(2)} |`;
    lines.push(row("fit", best(ours.fit), best(ref.fit)), row("transform", best(ours.transform), best(ref.transform)));
    lines.push(`| ${c.name} | output | ${c.frame.nRows} × ${ours.cols}, Σ|x| ${ours.absSum.toExponential(6)} | ${ref.rows} × ${ref.cols}, Σ|x| ${ref.absSum.toExponential(6)} | ${sameShape && sameSum ? "same" : "DIFFERENT"} |`);
  }
  console.log(`Feature pipeline (linear preset) vs scikit-learn ColumnTransformer, best of ${repeat}; reading not timed`);
  console.log("| data | step | orchard | scikit-learn | ratio |");
  console.log("|---|---|---|---|---|");
  for (const line of lines) console.log(line);
  if (failed) {
    console.error("The outputs differ in shape or sum: see the table");
    process.exitCode = 1;
  }
}

await main();
