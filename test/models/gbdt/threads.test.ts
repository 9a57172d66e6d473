// Large enough for every parallel path — more rows × features than training keeps to one thread
// (booster.ts), histograms shared by features, parallel partitions (> 8k rows), leaves split ahead
// on the workers, batch prediction on workers (> 16k rows) — so that "same model for any number of
// threads" is checked where threads are really used; 13 features share out unevenly between 2 and 3
// threads.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../../src/core/index.js";
import { GradientBoostingClassifier, encodeModel } from "../../../src/models/index.js";

const n = 170_000;
const p = 13;

function dataset(): { X: { data: Float64Array; rows: number; cols: number }; y: number[] } {
  const rng = new Rng(21);
  const data = new Float64Array(n * p);
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < p; f++) {
      const v = rng.next() < 0.05 ? NaN : rng.normal();
      data[i * p + f] = v;
      if (v === v) s += Math.sin((f + 1) * v);
    }
    y.push(s + rng.normal() > 0 ? 1 : 0);
  }
  return { X: { data, rows: n, cols: p }, y };
}

describe("threads", () => {
  const { X, y } = dataset();

  test("1, 2 and 3 threads grow bit-identical models on 170,000 rows", () => {
    // Leaf-wise, with leaves split ahead that the leaf limit then leaves unsplit; level by level
    // (depth alone: a level's histograms in one batch); leaf-wise with row counts and value bounds,
    // whose nodes the scan kernel does not judge alone.
    const monotone = Array.from({ length: p }, (_, f) => [1, -1, 0][f % 3]);
    for (const shape of [{ maxLeaves: 255, maxDepth: 64 }, { maxDepth: 7 }, { maxLeaves: 31, maxDepth: 64, minSamplesLeaf: 20, monotone }]) {
      const fit = (nThreads: number) => new GradientBoostingClassifier({ nEstimators: 4, ...shape, subsample: 0.9, nThreads }).fit(X, y);
      const models = [1, 2, 3].map(fit);
      // The encoded models differ only in the nThreads parameter they record: compare the trees.
      const trees = models.map((m) => m.forest.trees);
      for (const other of [1, 2]) {
        assert.equal(trees[other].length, trees[0].length);
        trees[0].forEach((tree, t) => {
          for (const key of ["feature", "threshold", "left", "right", "missingLeft", "value", "gain", "cover"] as const) {
            const a = tree[key];
            const b = trees[other][t][key];
            assert.equal(a.length, b.length, `tree ${t} ${key}`);
            for (let j = 0; j < a.length; j++) assert.ok(Object.is(a[j], b[j]), `tree ${t} ${key}[${j}] with ${other + 1} threads: ${a[j]} vs ${b[j]}`);
          }
        });
      }
      assert.equal(encodeModel(models[0]).length, encodeModel(models[1]).length);
      const scores = models.map((m) => m.predictRaw(X));
      for (let i = 0; i < n; i++) assert.ok(Object.is(scores[0][i], scores[1][i]) && Object.is(scores[0][i], scores[2][i]), `row ${i}`);
    }
  });

  // More threads than the leaves that may wait to be split ahead (32 job slots): the grower must
  // still find a slot for its own next leaf.
  test("20 threads grow the model 1 thread grows, leaf-wise", () => {
    const fit = (nThreads: number) => new GradientBoostingClassifier({ nEstimators: 2, maxLeaves: 255, maxDepth: 64, nThreads }).fit(X, y);
    const [one, many] = [1, 20].map(fit);
    const a = one.predictRaw(X);
    const b = many.predictRaw(X);
    for (let i = 0; i < n; i++) assert.ok(Object.is(a[i], b[i]), `row ${i}: ${a[i]} vs ${b[i]}`);
  });
});
