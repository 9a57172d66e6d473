// Grows a forest's trees, on this thread or over worker threads. Work is handed out one tree at a
// time through a shared counter, and tree t depends on its own seed only, so the forest is the
// same for any number of threads. fit() stays synchronous: this thread grows trees too, then
// waits on a shared word for the workers and collects their trees with receiveMessageOnPort.

import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { OrchardError } from "../../core/index.js";
// The grower's own modules, not the tree index: a worker thread loads this module, and the
// estimators, serialisation and pruning behind the index would only slow its start.
import type { FlatTree } from "../tree/flat-tree.js";
import { growBuffers, growTree, type GrowBuffers, type GrowSettings } from "../tree/grower.js";
import type { TrainingSet } from "../tree/training-set.js";
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

/** What a thread reuses from tree to tree: the bootstrap weights and the growth buffers. */
export interface ForestScratch {
  readonly weight: Float64Array;
  readonly buffers: GrowBuffers;
}

export function forestScratch(job: ForestJob): ForestScratch {
  return { weight: new Float64Array(job.set.nRows), buffers: growBuffers(job.set, job.settings) };
}

/** Tree t of the job: its bootstrap weights, then CART growth with its own seed. */
export function growForestTree(job: ForestJob, t: number, scratch = forestScratch(job)): FlatTree {
  const n = job.set.nRows;
  const { weight } = scratch;
  if (job.nDraws > 0) {
    const counts = bootstrapCounts(job.seeds[t], n, job.nDraws);
    for (let i = 0; i < n; i++) weight[i] = job.weight[i] * counts[i];
  } else weight.set(job.weight);
  return growTree(job.set, job.y, weight, seeded(job.settings, growthSeed(job.seeds[t])), scratch.buffers);
}

/**
 * The settings with a tree's seed, spelled out field by field: a spread makes objects whose hidden
 * class can change from tree to tree, and each change throws away the grower's compiled code.
 */
function seeded(s: ForestJob["settings"], seed: number): GrowSettings {
  const { criterion, nClasses, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxLeafNodes, maxFeatures, splitter } = s;
  return { criterion, nClasses, maxDepth, minSamplesSplit, minSamplesLeaf, minImpurityDecrease, maxLeafNodes, maxFeatures, splitter, seed };
}

/** The job's trees in order; `nThreads` null means all cores when the fit is big enough. */
export function growForest(job: ForestJob, nThreads: number | null, cores: number): FlatTree[] {
  const nTrees = job.seeds.length;
  const wanted = nThreads ?? (job.set.nRows * nTrees >= MIN_WORK_FOR_WORKERS ? cores : 1);
  const threads = Math.min(wanted, nTrees);
  if (threads <= 1) {
    const scratch = forestScratch(job);
    return Array.from({ length: nTrees }, (_, t) => growForestTree(job, t, scratch));
  }
  return growInWorkers(job, threads);
}

// control[0]: next tree to grow; control[1]: workers finished; control[2]: a worker failed.
function growInWorkers(job: ForestJob, threads: number): FlatTree[] {
  const nTrees = job.seeds.length;
  const control = new Int32Array(new SharedArrayBuffer(12));
  const trees = new Array<FlatTree | undefined>(nTrees);
  const members = helpers(threads - 1);
  for (const { port } of members) port.postMessage({ job, control: control.buffer });
  const scratch = forestScratch(job);
  for (let t = Atomics.add(control, 0, 1); t < nTrees; t = Atomics.add(control, 0, 1)) trees[t] = growForestTree(job, t, scratch);
  while (Atomics.load(control, 1) < members.length) Atomics.wait(control, 1, Atomics.load(control, 1), 1000);
  let failure: string | undefined;
  for (const member of members) {
    for (let message = receiveMessageOnPort(member.port); message; message = receiveMessageOnPort(member.port)) {
      const { t, tree, error } = message.message as { t: number; tree?: FlatTree; error?: string };
      if (error !== undefined) failure = error;
      else trees[t] = tree;
    }
  }
  if (failure !== undefined) {
    retire();
    throw new OrchardError("internal", `A worker thread failed while growing the forest: ${failure}`);
  }
  const missing = trees.findIndex((tree) => tree === undefined);
  if (missing >= 0) throw new OrchardError("internal", `Tree ${missing} of the forest was never grown`);
  return trees as FlatTree[];
}

/**
 * Worker threads kept between fits (starting one costs tens of milliseconds, far more when it
 * must load TypeScript sources): each waits for a job on its port. They are unref'd, so they
 * never keep the process alive.
 */
const pool: { worker: Worker; port: MessagePort }[] = [];

function helpers(count: number): { worker: Worker; port: MessagePort }[] {
  while (pool.length < count) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url: WORKER_URL, port: port2 }, transferList: [port2] });
    worker.unref();
    pool.push({ worker, port: port1 });
  }
  return pool.slice(0, count);
}

/** Ends the pooled workers after a failure: the next fit starts fresh ones. */
function retire(): void {
  for (const { worker, port } of pool.splice(0)) {
    port.close();
    void worker.terminate();
  }
}

// The worker module, beside this one: .ts when running from sources (tests, benchmarks through
// tsx, which a worker must register itself), .js once built.
const WORKER_URL = new URL(import.meta.url.endsWith(".ts") ? "./forest-worker.ts" : "./forest-worker.js", import.meta.url).href;

// Each job ends with control[1] counted up, whether the trees were grown or the worker failed
// (to load its module, or while growing).
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { url, port } = workerData;
const loaded = (async () => {
  if (url.endsWith(".ts")) (await import("tsx/esm/api")).register();
  return (await import(url)).runForestWorker;
})();
loaded.catch(() => {});
port.on("message", async ({ job, control }) => {
  const ctl = new Int32Array(control);
  try {
    (await loaded)({ job, control, port });
  } catch (error) {
    port.postMessage({ t: -1, error: String((error && error.stack) || error) });
  }
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
});
`;
