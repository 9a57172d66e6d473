// The body of a forest worker thread: takes tree numbers from the shared counter until none are
// left and posts each grown tree (its arrays transferred, not copied) back on its port.

import type { MessagePort } from "node:worker_threads";
import { forestScratch, growForestTree, type ForestJob } from "./grow-forest.js";

export function runForestWorker(data: { job: ForestJob; control: SharedArrayBuffer; port: MessagePort }): void {
  const { job, port } = data;
  const control = new Int32Array(data.control);
  const scratch = forestScratch(job);
  for (let t = Atomics.add(control, 0, 1); t < job.seeds.length; t = Atomics.add(control, 0, 1)) {
    const tree = growForestTree(job, t, scratch);
    const buffers = [tree.feature, tree.threshold, tree.left, tree.right, tree.value, tree.impurity, tree.nNodeSamples, tree.weightedNNodeSamples].map((a) => a.buffer as ArrayBuffer);
    port.postMessage({ t, tree }, buffers);
  }
}
