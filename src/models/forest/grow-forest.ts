// Grows a forest's trees, on this thread or over worker threads. Work is handed out one tree at a
// time through a shared counter, and tree t depends on its own seed only, so the forest is the
// same for any number of threads. fit() stays synchronous: this thread grows trees too, then
// waits on a shared word for the workers and collects their trees with receiveMessageOnPort.

import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { OrchardError } from "../../core/index.js";
import { growTree, type FlatTree, type GrowSettings, type TrainingSet } from "../tree/index.js";
import { bootstrapCounts, growthSeed } from "./bootstrap.js";

/** Everything a thread needs to grow any tree of the forest; buffers shared with workers. */
export interface ForestJob {
  readonly set: TrainingSet;
  readonly y: Float64Array;
  /** Sample weights (all 1 without them). */
  readonly weight: Float64Array;
  readonly settings: Omit<GrowSettings, "seed">;
  readonly seeds: Uint32Array;
  /** Rows drawn per tree, or 0 for no bootstrap (every tree sees every row). */
  readonly nDraws: number;
}

/** Below this many row × tree visits, starting workers costs more than it saves (default threads). */
const MIN_WORK_FOR_WORKERS = 400_000;

/** Tree t of the job: its bootstrap weights, then CART growth with its own seed. */
export function growForestTree(job: ForestJob, t: number, weight = new Float64Array(job.set.nRows)): FlatTree {
  const n = job.set.nRows;
  if (job.nDraws > 0) {
    const counts = bootstrapCounts(job.seeds[t], n, job.nDraws);
    for (let i = 0; i < n; i++) weight[i] = job.weight[i] * counts[i];
  } else weight.set(job.weight);
  return growTree(job.set, job.y, weight, { ...job.settings, seed: growthSeed(job.seeds[t]) });
}

/** The job's trees in order; `nThreads` null means all cores when the fit is big enough. */
export function growForest(job: ForestJob, nThreads: number | null, cores: number): FlatTree[] {
  const nTrees = job.seeds.length;
  const wanted = nThreads ?? (job.set.nRows * nTrees >= MIN_WORK_FOR_WORKERS ? cores : 1);
  const threads = Math.min(wanted, nTrees);
  if (threads <= 1) return Array.from({ length: nTrees }, (_, t) => growForestTree(job, t));
  return growInWorkers(job, threads);
}

// control[0]: next tree to grow; control[1]: workers finished; control[2]: a worker failed.
function growInWorkers(job: ForestJob, threads: number): FlatTree[] {
  const nTrees = job.seeds.length;
  const control = new Int32Array(new SharedArrayBuffer(12));
  const trees = new Array<FlatTree | undefined>(nTrees);
  const members: { worker: Worker; port: MessagePort }[] = [];
  for (let w = 1; w < threads; w++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { url: WORKER_URL, job, control: control.buffer, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    members.push({ worker, port: port1 });
  }
  try {
    const scratch = new Float64Array(job.set.nRows);
    for (let t = Atomics.add(control, 0, 1); t < nTrees; t = Atomics.add(control, 0, 1)) trees[t] = growForestTree(job, t, scratch);
    while (Atomics.load(control, 1) < members.length) Atomics.wait(control, 1, Atomics.load(control, 1), 1000);
    for (const { port } of members) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const { t, tree, error } = message.message as { t: number; tree?: FlatTree; error?: string };
        if (error !== undefined) throw new OrchardError("internal", `A worker thread failed while growing the forest: ${error}`);
        trees[t] = tree;
      }
    }
  } finally {
    for (const { worker, port } of members) {
      port.close();
      void worker.terminate();
    }
  }
  const missing = trees.findIndex((tree) => tree === undefined);
  if (missing >= 0) throw new OrchardError("internal", `Tree ${missing} of the forest was never grown`);
  return trees as FlatTree[];
}

// The worker module, beside this one: .ts when running from sources (tests, benchmarks through
// tsx, which a worker must register itself), .js once built.
const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./forest-worker.ts" : "./forest-worker.js", import.meta.url).href;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { url, control, port } = workerData;
const done = (error) => {
  if (error !== undefined) port.postMessage({ t: -1, error: String(error && error.stack || error) });
  const ctl = new Int32Array(control);
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
};
(async () => {
  if (url.endsWith(".ts")) (await import("tsx/esm/api")).register();
  const { runForestWorker } = await import(url);
  runForestWorker(workerData);
})().then(() => done(), done);
`;
