// The small-data and serving measurements of bench/gbdt.ts: fit time on 10k rows at 1 and 2 threads
// (Orchard's nThreads against XGBoost's nthread and sklearn's OpenMP threads), single-row latency of
// predictRowRaw and batch prediction throughput.

import type { BoostedModel } from "../src/models/gbdt/gradient-boosting.js";
import { syntheticData } from "./gbdt-datasets.js";
import { SHAPES, fitOrchard, orchardParams, referenceSpec, runPython, splitOf } from "./gbdt-engines.js";
import { median, seconds, type Report } from "./gbdt-report.js";

const REPEAT = 3;

export async function measureSmall(threads: number, runDir: string, report: Report): Promise<void> {
  const data = await syntheticData(10_000, "10k");
  const split = splitOf(data);
  const depth6 = SHAPES[0];
  fitOrchard(data, split, { ...orchardParams(data.task, depth6, 1), nEstimators: 5 }); // warm-up
  const cells: string[] = [];
  for (const nThreads of [1, 2]) {
    const times: number[] = [];
    for (let r = 0; r < REPEAT; r++) {
      const start = performance.now();
      fitOrchard(data, split, orchardParams(data.task, depth6, nThreads));
      times.push((performance.now() - start) / 1000);
    }
    cells.push(`nThreads ${nThreads} ${seconds(median(times))}`);
  }
  const reference = new Map<string, string[]>();
  const failure = await runPython("small", referenceSpec(data, [depth6], threads, runDir), (record) => {
    const library = String(record.library);
    reference.set(library, [...(reference.get(library) ?? []), `${record.threads} ${seconds(median(record.seconds as number[]))}`]);
  });
  const references = [...reference].map(([library, values]) => `${library} threads ${values.join(", ")}`);
  report.extra(
    `small     synthetic 10k × 28 (${split.train.rows.toLocaleString("en-US")} train rows), 100 trees depth 6, fit seconds (median of ${REPEAT}): ` +
      `orchard ${cells.join(", ")} | ${failure ?? references.join(" | ")}`,
  );
}

export async function measureLatency(fitted: BoostedModel | undefined, threads: number, report: Report): Promise<void> {
  const data = await syntheticData(100_000, "100k");
  const split = splitOf(data);
  const model = fitted ?? fitOrchard(data, split, orchardParams(data.task, SHAPES[1], threads)).model;
  const nNodes = model.forest.trees.reduce((sum, tree) => sum + tree.nNodes, 0);
  const p = data.cols;
  const nCalls = 10_000;
  const rows = Array.from({ length: nCalls }, (_, i) => split.test.data.subarray((i % split.test.rows) * p, ((i % split.test.rows) + 1) * p));
  const out = new Float64Array(1);
  for (const row of rows) model.predictRowRaw(row, out); // warm-up
  const samples = new Float64Array(nCalls);
  for (let i = 0; i < nCalls; i++) {
    const start = process.hrtime.bigint();
    model.predictRowRaw(rows[i], out);
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const loopStart = performance.now();
  for (let i = 0; i < nCalls; i++) model.predictRowRaw(rows[i], out);
  const loopMean = ((performance.now() - loopStart) * 1000) / nCalls;
  report.extra(
    `latency   predictRowRaw, 100 trees depth 8 (${nNodes.toLocaleString("en-US")} nodes, fitted on synthetic-100k): median ${samples[nCalls >> 1].toFixed(1)} µs, ` +
      `p99 ${samples[Math.floor(nCalls * 0.99)].toFixed(1)} µs over ${nCalls.toLocaleString("en-US")} calls timed one by one (back-to-back mean ${loopMean.toFixed(1)} µs)`,
  );

  const nBatch = 200_000;
  const batch = { data: data.X.subarray(0, nBatch * p), rows: nBatch, cols: p };
  model.predictRaw(batch); // warm-up
  const times: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const start = performance.now();
    model.predictRaw(batch);
    times.push((performance.now() - start) / 1000);
  }
  const t = median(times);
  report.extra(`batch     predictRaw on ${nBatch.toLocaleString("en-US")} rows × ${p}, same model: ${seconds(t)} s, ${Math.round(nBatch / t).toLocaleString("en-US")} rows/s (median of ${REPEAT})`);
}
