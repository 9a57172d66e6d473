// Batch scoring (orchard predict) on CSV and Parquet, in and out: the input's rows and columns
// come back in order with the predictions, which equal TrainedPredictor.predict on the same file
// read by read(); a bad value names its row in the file.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { encodeBundle } from "../../src/automl/index.js";
import { main } from "../../src/cli/main.js";
import { InvalidInput } from "../../src/core/index.js";
import { read, type Frame } from "../../src/data/index.js";
import { ServedModel, scoreFile } from "../../src/serve/index.js";
import { fixtureBundle, syntheticFrame } from "./model-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "orchard-score-test-"));
const N = 20_000; // ten DuckDB chunks, two prediction batches
const modelPath = join(dir, "model.orchard");
const csvPath = join(dir, "input.csv");
const parquetPath = join(dir, "input.parquet");
let model: ServedModel;

before(async () => {
  const bytes = encodeBundle(fixtureBundle({ nEstimators: 20, ensemble: true }));
  writeFileSync(modelPath, bytes);
  model = ServedModel.fromBytes({ uri: modelPath, name: null, version: null, alias: null, bundlePath: modelPath, digest: "" }, bytes);
  const { frame } = syntheticFrame(N, 11);
  const lines = ["id,x1,x2,count,color,flag"];
  for (let i = 0; i < N; i++) {
    const r = frame.row(i);
    const color = i % 97 === 5 ? "ultraviolet" : (r.color ?? "?");
    lines.push(`${i},${r.x1},${r.x2 ?? "NA"},${r.count},${color},${r.flag ? "true" : "false"}`);
  }
  writeFileSync(csvPath, `${lines.join("\n")}\n`);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`COPY (SELECT * FROM read_csv('${csvPath}')) TO '${parquetPath}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
});

function numbers(frame: Frame, name: string): Float64Array {
  const column = frame.column(name);
  assert.ok(column.kind === "numeric" || column.kind === "integer", `${name} is ${column.kind}`);
  return column.values;
}

async function checkScored(output: string): Promise<void> {
  const scored = await read(output);
  const input = await read(csvPath);
  assert.equal(scored.nRows, N);
  assert.deepEqual(scored.names, ["id", "x1", "x2", "count", "color", "flag", "prediction", "probability_no", "probability_yes"]);
  assert.deepEqual(Array.from(numbers(scored, "id")), Array.from({ length: N }, (_, i) => i), "rows in input order");
  const proba = model.bundle.predictor.predictProba(input);
  const labels = model.bundle.predictor.predict(input);
  assert.deepEqual(Array.from(numbers(scored, "probability_yes")), Array.from({ length: N }, (_, i) => proba.data[2 * i + 1]));
  assert.deepEqual(Array.from(numbers(scored, "probability_no")), Array.from({ length: N }, (_, i) => proba.data[2 * i]));
  // read() types a yes/no column as boolean.
  const written = Array.from({ length: N }, (_, i) => scored.row(i).prediction);
  assert.deepEqual(written.map((v) => (v === true ? "yes" : v === false ? "no" : v)), labels);
}

describe("scoreFile", () => {
  test("CSV in, CSV out: the input's columns plus predictions equal to predictor.predict", async () => {
    const progress: number[] = [];
    const result = await scoreFile(model, csvPath, join(dir, "scored.csv"), { onProgress: (p) => progress.push(p.rowsDone) });
    assert.equal(result.nRows, N);
    assert.equal(progress.at(-1), N);
    assert.deepEqual(progress, [16_384, N], "progress per batch");
    assert.ok(result.warnings.some((w) => w.includes("ultraviolet")));
    await checkScored(join(dir, "scored.csv"));
  });

  test("Parquet in, Parquet out", async () => {
    await scoreFile(model, parquetPath, join(dir, "scored.parquet"));
    await checkScored(join(dir, "scored.parquet"));
  });

  test("a value the model cannot read names its row in the file", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "x1,x2,count,color,flag\n1,2,3,red,true\n1,2,3,red,true\n1,2,3,red,maybe\n");
    await assert.rejects(scoreFile(model, bad, join(dir, "bad-out.csv")), (error: unknown) => error instanceof InvalidInput && /row 3 of the file, column "flag"/.test(error.message));
  });

  test("orchard predict on the command line", async () => {
    const output = join(dir, "cli.parquet");
    const code = await main(["predict", modelPath, csvPath, "-o", output, "--quiet", "--json"]);
    assert.equal(code, 0);
    await checkScored(output);
    assert.equal(await main(["predict", modelPath, join(dir, "missing.csv"), "-o", output, "--quiet"]), 3);
  });
});
