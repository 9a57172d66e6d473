// What the clusterers promise beyond the oracle fixtures: blobs are recovered, Lloyd and Elkan
// agree, more initialisations never do worse, weights act as repetitions, degenerate data gives
// warnings or clear errors, DBSCAN's predict follows its documented rule, and selectK finds k.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, Rng, matrix, type Matrix } from "../../../src/core/index.js";
import { adjustedRandScore, selectK } from "../../../src/evaluate/index.js";
import { DBSCAN, KMeans, MiniBatchKMeans } from "../../../src/models/index.js";

/** n rows around `k` well-separated centres in p dimensions; truth is the centre index. */
function blobs(n: number, k: number, p: number, seed: number, spread = 0.5): { X: Matrix; truth: Int32Array } {
  const rng = new Rng(seed);
  const centres = Float64Array.from({ length: k * p }, () => rng.next() * 20 - 10);
  const data = new Float64Array(n * p);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = i % k;
    for (let f = 0; f < p; f++) data[i * p + f] = centres[truth[i] * p + f] + rng.normal() * spread;
  }
  return { X: matrix(data, { rows: n, cols: p }), truth };
}

describe("KMeans", () => {
  const { X, truth } = blobs(600, 5, 4, 1);

  test("recovers well-separated blobs; Lloyd and Elkan agree from the same seed", () => {
    const lloyd = new KMeans({ nClusters: 5, seed: 3 }).fit(X);
    const elkan = new KMeans({ nClusters: 5, seed: 3, algorithm: "elkan" }).fit(X);
    assert.equal(adjustedRandScore(truth, lloyd.labels), 1);
    assert.deepEqual(elkan.labels, lloyd.labels);
    assert.ok(Math.abs(elkan.inertia - lloyd.inertia) <= 1e-9 * lloyd.inertia);
    assert.deepEqual(lloyd.info.warnings, []);
  });

  test("more initialisations never give a higher inertia (the first is shared)", () => {
    const { X: hard } = blobs(400, 9, 2, 5, 3);
    const one = new KMeans({ nClusters: 9, nInit: 1, seed: 2 }).fit(hard);
    const ten = new KMeans({ nClusters: 9, nInit: 10, seed: 2 }).fit(hard);
    assert.ok(ten.inertia <= one.inertia, `${ten.inertia} > ${one.inertia}`);
  });

  test("integer sample weights act as repeated rows", () => {
    const small = blobs(60, 3, 2, 8, 2).X;
    const weights = Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
    const repeated: number[] = [];
    for (let i = 0; i < 60; i++) for (let r = 0; r < weights[i]; r++) repeated.push(small.data[2 * i], small.data[2 * i + 1]);
    const init = matrix(small.data.slice(0, 6), { rows: 3, cols: 2 });
    const weighted = new KMeans({ nClusters: 3 }).fit(small, { sampleWeight: weights, initialCenters: init });
    const expanded = new KMeans({ nClusters: 3 }).fit(matrix(Float64Array.from(repeated), { rows: repeated.length / 2, cols: 2 }), { initialCenters: init });
    for (let i = 0; i < 6; i++) assert.ok(Math.abs(weighted.clusterCenters.data[i] - expanded.clusterCenters.data[i]) < 1e-9);
    assert.ok(Math.abs(weighted.inertia - expanded.inertia) < 1e-9 * expanded.inertia);
  });

  test("fewer distinct rows than clusters gives a warning, fewer rows an error", () => {
    const dup = matrix(Float64Array.of(1, 1, 1, 1, 5, 5, 5, 5, 1, 1), { rows: 5, cols: 2 });
    const model = new KMeans({ nClusters: 3, nInit: 2 }).fit(dup);
    assert.match(model.info.warnings.join(" "), /2 distinct clusters for nClusters = 3/);
    assert.throws(() => new KMeans({ nClusters: 6 }).fit(dup), (e: unknown) => e instanceof InvalidInput && /nClusters = 6 rows: X has 5/.test(e.message));
  });

  test("bad parameters and initial centres are refused", () => {
    assert.throws(() => new KMeans({ nClusters: 0 }), (e: unknown) => e instanceof InvalidInput && /nClusters/.test(e.message));
    assert.throws(() => new KMeans({ algorithm: "auto" as "lloyd" }), (e: unknown) => e instanceof InvalidInput && /lloyd, elkan/.test(e.message));
    assert.throws(() => new KMeans({ nClusters: 2 }).fit(X, { initialCenters: matrix(new Float64Array(3), { rows: 1, cols: 3 }) }), (e: unknown) => e instanceof InvalidInput && /2 × 4/.test(e.message));
    assert.throws(() => new KMeans().fit(X, { sampleWeight: new Float64Array(600) }), (e: unknown) => e instanceof InvalidInput && /zero for every row/.test(e.message));
  });

  test("score is minus the inertia on the training rows; transform gives distances", () => {
    const model = new KMeans({ nClusters: 5, seed: 1 }).fit(X);
    assert.ok(Math.abs(model.score(X) + model.inertia) < 1e-9 * model.inertia);
    const d = model.transform(X);
    for (let i = 0; i < 10; i++) assert.equal(Math.min(...d.data.subarray(i * 5, i * 5 + 5)), d.data[i * 5 + model.labels[i]]);
  });
});

describe("MiniBatchKMeans", () => {
  test("recovers blobs with an inertia close to KMeans's", () => {
    const { X, truth } = blobs(3000, 4, 3, 2);
    const full = new KMeans({ nClusters: 4, seed: 1 }).fit(X);
    const mini = new MiniBatchKMeans({ nClusters: 4, batchSize: 256, seed: 1 }).fit(X);
    assert.ok(adjustedRandScore(truth, mini.labels) > 0.99);
    assert.ok(mini.inertia < full.inertia * 1.05, `${mini.inertia} vs ${full.inertia}`);
  });
});

describe("DBSCAN", () => {
  const { X } = blobs(300, 3, 2, 4, 0.3);

  test("finds the blobs; predict gives the nearest core sample's cluster within eps, else noise", () => {
    const model = new DBSCAN({ eps: 0.5, minSamples: 5 }).fit(X);
    assert.equal(model.nClusters, 3);
    const core = model.coreSampleIndices[0];
    const near = matrix(Float64Array.of(X.data[2 * core] + 0.01, X.data[2 * core + 1], 1e6, 1e6), { rows: 2, cols: 2 });
    assert.deepEqual(Array.from(model.predict(near)), [model.labels[core], -1]);
    for (const i of model.coreSampleIndices) assert.equal(model.predict(matrix(X.data.slice(2 * i, 2 * i + 2), { rows: 1, cols: 2 }))[0], model.labels[i]);
  });

  test("in 8 dimensions the k-d tree gives the labels of a brute-force DBSCAN", () => {
    const { X: wide } = blobs(400, 4, 8, 11, 1.5);
    const eps = 3;
    const minSamples = 6;
    const n = wide.rows;
    const near = (i: number, j: number): boolean => {
      let d2 = 0;
      for (let f = 0; f < 8; f++) d2 += (wide.data[i * 8 + f] - wide.data[j * 8 + f]) ** 2;
      return d2 <= eps * eps;
    };
    const isCore = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => near(i, j)).filter(Boolean).length >= minSamples);
    const expected = new Array<number>(n).fill(-1);
    let cluster = 0;
    for (let seed = 0; seed < n; seed++) {
      if (expected[seed] !== -1 || !isCore[seed]) continue;
      const queue = [seed];
      expected[seed] = cluster;
      while (queue.length > 0) {
        const i = queue.pop()!;
        for (let j = 0; j < n; j++) {
          if (expected[j] === -1 && near(i, j)) {
            expected[j] = cluster;
            if (isCore[j]) queue.push(j);
          }
        }
      }
      cluster++;
    }
    const model = new DBSCAN({ eps, minSamples, leafSize: 8 }).fit(wide);
    assert.ok(cluster >= 2 && expected.includes(-1), "the case should have clusters and noise");
    assert.deepEqual(Array.from(model.labels), expected);
  });

  test("an eps smaller than every gap makes every row noise", () => {
    const model = new DBSCAN({ eps: 1e-9, minSamples: 2 }).fit(X);
    assert.ok(model.labels.every((l) => l === -1));
    assert.equal(model.coreSampleIndices.length, 0);
    assert.equal(model.nClusters, 0);
    assert.deepEqual(Array.from(model.predict(X)), new Array(300).fill(-1));
  });

  test("minSamples 1 makes every row a core sample", () => {
    assert.equal(new DBSCAN({ eps: 0.1, minSamples: 1 }).fit(X).coreSampleIndices.length, 300);
  });

  test("bad parameters are refused", () => {
    assert.throws(() => new DBSCAN({ eps: 0 }), (e: unknown) => e instanceof InvalidInput && /eps/.test(e.message));
    assert.throws(() => new DBSCAN({ metric: "cosine" as "euclidean" }), InvalidInput);
  });
});

describe("selectK", () => {
  test("chooses the number of blobs by silhouette and returns every k's score", () => {
    const { X, truth } = blobs(300, 4, 2, 9, 0.4);
    const result = selectK(X, { kMin: 2, kMax: 7, kmeans: { nInit: 3, seed: 1 } });
    assert.equal(result.k, 4);
    assert.deepEqual(result.scores.map((s) => s.k), [2, 3, 4, 5, 6, 7]);
    assert.equal(result.model.nClusters, 4);
    assert.equal(adjustedRandScore(truth, result.model.labels), 1);
    const best = Math.max(...result.scores.map((s) => s.silhouette));
    assert.equal(result.scores.find((s) => s.k === 4)!.silhouette, best);
  });

  test("data with one distinct row is refused: no k gives two clusters", () => {
    const same = matrix(new Float64Array(20).fill(3), { rows: 10, cols: 2 });
    assert.throws(() => selectK(same, { kMax: 4 }), (e: unknown) => e instanceof InvalidInput && /single cluster/.test(e.message));
  });

  test("a range outside [2, rows − 1] is refused", () => {
    const { X } = blobs(10, 2, 2, 1);
    assert.throws(() => selectK(X, { kMin: 1 }), (e: unknown) => e instanceof InvalidInput && /kMin 1/.test(e.message));
    assert.throws(() => selectK(X, { kMin: 2, kMax: 10 }), (e: unknown) => e instanceof InvalidInput && /rows − 1 = 9/.test(e.message));
  });
});
