// MiniBatchKMeans (Sculley 2010, with scikit-learn's choices): k-means++ on a subsample, then
// centres moved by random mini-batches, each centre's step shrinking as the weight it has seen
// grows. Rarely used centres are re-seeded from batch rows; the run stops after maxIter epochs or
// when the smoothed batch inertia has not improved for maxNoImprovement batches. Labels and
// inertia are then computed over all rows. Every pass over rows (seeding trials, the held-out
// judge, batches, the final labels) runs on the data in the linear-algebra workspace.

import { InvalidInput, Rng, matrix, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { checkedMatrix, weightsOf } from "../inputs.js";
import { KMeansSteps, LinalgWorkspace, SeedingTrials, threadsOf } from "../linalg/index.js";
import { CentroidModel } from "./centroid-model.js";
import { squaredNormsOfRows } from "./distances.js";
import { centredInWorkspace, featureNamesOf } from "./finite-data.js";
import type { ClusterFitOptions } from "./kmeans.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { BatchStepper, RowGather } from "./mini-batch-step.js";
import { MINI_BATCH_KMEANS_PARAMS } from "./params.js";

export type MiniBatchKMeansParams = Partial<ParamValues<typeof MINI_BATCH_KMEANS_PARAMS>>;

export class MiniBatchKMeans {
  readonly params: ParamValues<typeof MINI_BATCH_KMEANS_PARAMS>;

  constructor(params: MiniBatchKMeansParams = {}) {
    this.params = resolveParams(MINI_BATCH_KMEANS_PARAMS, params, "MiniBatchKMeans");
  }

  fit(X: Matrix, options: ClusterFitOptions = {}): MiniBatchKMeansModel {
    checkedMatrix(X);
    const { rows: n, cols: p } = X;
    // The centred data in the linear-algebra workspace: batches, subsamples and the final labels
    // are gathered and assigned there (SIMD kernels, threads for the final pass on large data).
    const ws = LinalgWorkspace.acquire(threadsOf(this.params.nThreads), 8 * (n * p + 4 * n + 8 * this.params.batchSize * (p + 4)));
    try {
      const { x, mean } = centredInWorkspace(ws, X, "MiniBatchKMeans");
      return this.#fitCentred(X, { ws, x, mean, featureNames: featureNamesOf(options.featureNames, p), sampleWeight: options.sampleWeight });
    } finally {
      ws.release();
    }
  }

  #fitCentred(X: Matrix, fit: { ws: LinalgWorkspace; x: number; mean: Float64Array; featureNames: string[]; sampleWeight?: ArrayLike<number> }): MiniBatchKMeansModel {
    const { nClusters: k, batchSize, maxIter, maxNoImprovement } = this.params;
    const { ws, x, mean, featureNames } = fit;
    const { rows: n, cols: p } = X;
    if (n < k) throw new InvalidInput(`MiniBatchKMeans needs at least nClusters = ${k} rows: X has ${n}`, { hint: "lower nClusters" });
    const weights = weightsOf(fit.sampleWeight, n) ?? new Float64Array(n).fill(1);
    if (!weights.some((w) => w > 0)) throw new InvalidInput("sampleWeight is zero for every row: there is nothing to cluster");
    const rng = new Rng(this.params.seed);
    const centers = this.#initialCenters({ ws, x, p, weights }, rng);

    const batch = Math.min(batchSize, n);
    const nSteps = Math.max(1, Math.floor((maxIter * n) / batch));
    const stepper = new BatchStepper(ws, { x, p, weights }, centers, { batch, reassignmentRatio: this.params.reassignmentRatio, nSteps });
    const alpha = Math.min(1, (batch * 2) / (n + 1));
    let smoothed = NaN;
    let bestSmoothed = Infinity;
    let noImprovement = 0;
    let step = 0;
    for (; step < nSteps; step++) {
      const batchInertia = stepper.step(rng) / batch;
      if (step === 0) continue;
      smoothed = Number.isNaN(smoothed) ? batchInertia : smoothed * (1 - alpha) + batchInertia * alpha;
      if (smoothed < bestSmoothed) {
        bestSmoothed = smoothed;
        noImprovement = 0;
      } else if (maxNoImprovement > 0 && ++noImprovement >= maxNoImprovement) {
        break;
      }
    }
    const all = new KMeansSteps(ws, x, { weights, rowNorms: new Float64Array(0), p, k, elkan: false, passes: 1 });
    all.lloyd(centers, false);
    const labels = all.labels();
    const inertia = all.inertia(centers);
    for (let j = 0; j < k; j++) for (let f = 0; f < p; f++) centers[j * p + f] += mean[f];
    const distinct = new Set(labels).size;
    return new MiniBatchKMeansModel({
      clusterCenters: matrix(centers, { rows: k, cols: p }),
      labels,
      inertia,
      nIter: Math.min(step + 1, nSteps),
      featureNames,
      params: { ...this.params },
      info: { warnings: distinct < k ? [`Found ${distinct} distinct clusters for nClusters = ${k}`] : [] },
    });
  }

  /** The best of nInit k-means++ seedings on random subsamples, judged on one held-out subsample. */
  #initialCenters(data: { ws: LinalgWorkspace; x: number; p: number; weights: Float64Array }, rng: Rng): Float64Array {
    const { ws, x, p, weights } = data;
    const n = weights.length;
    const k = this.params.nClusters;
    const initSize = Math.min(n, Math.max(3 * this.params.batchSize, 3 * k));
    const validRows = drawRows(rng, n, initSize);
    const validation = new RowGather(ws, x, p, initSize);
    validation.gather(validRows);
    const judge = new KMeansSteps(ws, validation.at, { weights: weightsAt(weights, validRows), rowNorms: new Float64Array(0), p, k, elkan: false, passes: this.params.nInit, serial: true });
    const sub = new RowGather(ws, x, p, initSize);
    let best: Float64Array | null = null;
    let bestInertia = Infinity;
    for (let r = 0; r < this.params.nInit; r++) {
      const rows = drawRows(rng, n, initSize);
      sub.gather(rows);
      const subData = sub.rows();
      const subWeights = weightsAt(weights, rows);
      const rowNorms = squaredNormsOfRows(subData, p, initSize);
      // The candidates' distances in the workspace, on the subsample gathered there.
      const trials = new SeedingTrials(ws, sub.at, { rowNorms, weights: subWeights, p, nTrials: 2 + Math.floor(Math.log(k)) });
      const centers = kmeansPlusPlus(subData, p, subWeights, k, rng, { rowNorms, trials });
      judge.lloyd(centers, false);
      const inertia = judge.inertia(centers);
      if (inertia < bestInertia || best === null) {
        bestInertia = inertia;
        best = centers;
      }
    }
    return best!;
  }
}

export class MiniBatchKMeansModel extends CentroidModel {}

function drawRows(rng: Rng, n: number, size: number): Int32Array {
  const rows = new Int32Array(size);
  for (let r = 0; r < size; r++) rows[r] = rng.int(n);
  return rows;
}

function weightsAt(weights: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (i) => weights[i]);
}
