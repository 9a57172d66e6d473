// The linear-algebra kernels (src/models/linalg) give the same bits whatever the number of
// threads: the Gram matrix is split by output rows, nearest centres by rows, the logistic
// gradient by fixed row chunks summed in order. Each case is large enough to take the threaded path.

import assert from "node:assert/strict";
import test from "node:test";
import { matrix, Rng } from "../../../src/core/index.js";
import { KMeans, LogisticRegression, MiniBatchKMeans, PCA, Ridge } from "../../../src/models/index.js";
import { gramProducts, KMeansSteps, LinalgWorkspace, type CenterTotals } from "../../../src/models/linalg/index.js";

function data(rows: number, cols: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

test("the Gram kernel matches a direct sum, with weights, centring and y", () => {
  const n = 301, p = 7;
  const X = data(n, p, 1);
  const y = data(n, 1, 2);
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
  const mean = Float64Array.from({ length: p }, (_, j) => 0.1 * j);
  const ws = new LinalgWorkspace(1);
  const g = gramProducts(ws, { x: ws.put(X), n, p, mean: ws.put(mean), sw: ws.put(w.map(Math.sqrt)), y: ws.put(y), yMean: 0.25 });
  for (let j = 0; j < p; j++) {
    let xy = 0;
    for (let i = 0; i < n; i++) xy += w[i] * (X[i * p + j] - mean[j]) * (y[i] - 0.25);
    assert.ok(Math.abs(g.xty[j] - xy) <= 1e-12 * n, `xty[${j}]`);
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i] * (X[i * p + j] - mean[j]) * (X[i * p + k] - mean[k]);
      assert.ok(Math.abs(g.gram[j * p + k] - s) <= 1e-12 * n, `gram[${j}][${k}] ${g.gram[j * p + k]} vs ${s}`);
    }
  }
  let yy = 0;
  for (let i = 0; i < n; i++) yy += w[i] * (y[i] - 0.25) ** 2;
  assert.ok(Math.abs(g.yty - yy) <= 1e-12 * n);
});

test("the Gram split over two running threads gives the one-thread bits", () => {
  const n = 12000, p = 61; // n·p²/2 ≥ 2e7: the threaded path once the team runs
  const X = data(n, p, 4);
  const y = data(n, 1, 5);
  const mean = Float64Array.from({ length: p }, (_, j) => 0.01 * j);
  const results = [1, 2].map((nThreads) => {
    const ws = new LinalgWorkspace(nThreads);
    try {
      if (nThreads > 1) assert.ok(ws.team.nThreads === 2 && ws.teamStarted);
      return gramProducts(ws, { x: ws.put(X), n, p, mean: ws.put(mean), sw: 0, y: ws.put(y), yMean: 0.5 });
    } finally {
      ws.close();
    }
  });
  assert.deepEqual(results[0].gram, results[1].gram);
  assert.deepEqual(results[0].xty, results[1].xty);
  assert.equal(results[0].yty, results[1].yty);
});

test("Ridge, KMeans, PCA and LogisticRegression are bit-identical on 1 and 2 threads", () => {
  const n = 20000, p = 48;
  const X = matrix(data(n, p, 3), { rows: n, cols: p });
  const y = Float64Array.from({ length: n }, (_, i) => X.data[i * p] - 2 * X.data[i * p + 5] + 0.1 * Math.sin(i));
  const ridge = [1, 2].map((nThreads) => new Ridge({ alpha: 1, nThreads }).fit(X, y));
  assert.deepEqual(ridge[0].coef, ridge[1].coef);
  assert.equal(ridge[0].info.objective, ridge[1].info.objective);

  const pca = [1, 2].map((nThreads) => new PCA({ nThreads }).fit(X));
  assert.deepEqual(pca[0].components.data, pca[1].components.data);

  const kmeans = [1, 2].map((nThreads) => new KMeans({ nClusters: 12, nInit: 1, maxIter: 5, nThreads }).fit(X));
  assert.deepEqual(kmeans[0].labels, kmeans[1].labels);
  assert.deepEqual(kmeans[0].clusterCenters.data, kmeans[1].clusterCenters.data);

  const labels = Array.from({ length: n }, (_, i) => Math.floor(((X.data[i * p] + 3) * 11) % 11));
  const logistic = [1, 2].map((nThreads) => new LogisticRegression({ maxIter: 3, nThreads }).fit(X, labels));
  assert.deepEqual(logistic[0].coef, logistic[1].coef);
  assert.equal(logistic[0].info.objective, logistic[1].info.objective);
});

test("the k-means passes on a started team of two give the one-thread labels, sums and inertia, Lloyd and Elkan", () => {
  const n = 5000, p = 9, k = 5; // n·k·p ≥ 4e5 with 20 chunks: the threaded path once the team runs
  const X = data(n, p, 6);
  const weights = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : 1 + (i % 3)));
  const rowNorms = Float64Array.from({ length: n }, (_, i) => X.subarray(i * p, i * p + p).reduce((s, v) => s + v * v, 0));
  const centers = X.slice(0, k * p);
  const gaps = { half: new Float64Array(k * k).fill(0.1), nextCenter: new Float64Array(k).fill(0.1) };
  const results = [1, 2].map((nThreads) => {
    const ws = new LinalgWorkspace(nThreads);
    try {
      if (nThreads > 1) assert.ok(ws.team.nThreads === 2 && ws.teamStarted);
      const x = ws.put(X);
      const lloyd = new KMeansSteps(ws, x, { weights, rowNorms, p, k, elkan: false, passes: 1 });
      lloyd.resetLabels();
      const first = lloyd.lloyd(centers, true) as CenterTotals;
      const out = { sums: first.sums.slice(), mass: first.mass.slice(), members: first.members.slice(), labels: lloyd.labels(), inertia: lloyd.inertia(centers) };
      const elkan = new KMeansSteps(ws, x, { weights, rowNorms, p, k, elkan: true, passes: 1 });
      elkan.elkanInit(centers);
      const moved = centers.map((v, i) => v + 0.01 * (i % 3));
      const second = elkan.elkan(moved, gaps, new Float64Array(k).fill(0.02), true) as CenterTotals;
      return { ...out, elkanSums: second.sums.slice(), elkanLabels: elkan.labels(), changed: second.changed };
    } finally {
      ws.close();
    }
  });
  assert.deepEqual(results[0], results[1]);
  assert.ok(results[0].members.every((m) => m > 0));
});

test("KMeans fits large enough to start threads are bit-identical on 1 and 2 threads", () => {
  const n = 12000, p = 20;
  const X = matrix(data(n, p, 7), { rows: n, cols: p });
  for (const algorithm of ["lloyd", "elkan"] as const) {
    const fits = [1, 2].map((nThreads) => new KMeans({ nClusters: 9, nInit: 4, algorithm, nThreads, seed: 3 }).fit(X));
    assert.deepEqual(fits[0].labels, fits[1].labels, algorithm);
    assert.deepEqual(fits[0].clusterCenters.data, fits[1].clusterCenters.data, algorithm);
    assert.equal(fits[0].inertia, fits[1].inertia, algorithm);
  }
});

test("MiniBatchKMeans is bit-identical on 1 and 2 threads, its final pass on a started team", () => {
  const n = 12000, p = 20;
  const X = matrix(data(n, p, 8), { rows: n, cols: p });
  // This fit starts the team of two and leaves its workspace for the next fit on 2 threads, whose
  // pass over all rows (n·k·p ≥ 4e5) then takes the threaded path.
  new KMeans({ nClusters: 9, nInit: 4, nThreads: 2, seed: 3 }).fit(X);
  const fits = [2, 1].map((nThreads) => new MiniBatchKMeans({ nClusters: 9, batchSize: 512, nThreads, seed: 4 }).fit(X));
  assert.deepEqual(fits[0].labels, fits[1].labels);
  assert.deepEqual(fits[0].clusterCenters.data, fits[1].clusterCenters.data);
  assert.equal(fits[0].inertia, fits[1].inertia);
});
