// MiniBatchKMeans (Sculley 2010, with scikit-learn's choices): k-means++ on a subsample, then
// centres moved by random mini-batches, each centre's step shrinking as the weight it has seen
// grows. Rarely used centres are re-seeded from batch rows; the run stops after maxIter epochs or
// when the smoothed batch inertia has not improved for maxNoImprovement batches. Labels and
// inertia are then computed over all rows.

import { InvalidInput, Rng, matrix, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { weightsOf } from "../inputs.js";
import { CentroidModel } from "./centroid-model.js";
import { assignNearest, dotScratch, inertiaOf, rowSquaredNorms } from "./distances.js";
import { centerColumns, featureNamesOf, finiteData } from "./finite-data.js";
import type { ClusterFitOptions } from "./kmeans.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { MINI_BATCH_KMEANS_PARAMS } from "./params.js";

export type MiniBatchKMeansParams = Partial<ParamValues<typeof MINI_BATCH_KMEANS_PARAMS>>;

export class MiniBatchKMeans {
  readonly params: ParamValues<typeof MINI_BATCH_KMEANS_PARAMS>;

  constructor(params: MiniBatchKMeansParams = {}) {
    this.params = resolveParams(MINI_BATCH_KMEANS_PARAMS, params, "MiniBatchKMeans");
  }

  fit(X: Matrix, options: ClusterFitOptions = {}): MiniBatchKMeansModel {
    const { nClusters: k, batchSize, maxIter, maxNoImprovement, seed } = this.params;
    const data = finiteData(X, "MiniBatchKMeans");
    const { rows: n, cols: p } = X;
    const featureNames = featureNamesOf(options.featureNames, p);
    if (n < k) throw new InvalidInput(`MiniBatchKMeans needs at least nClusters = ${k} rows: X has ${n}`, { hint: "lower nClusters" });
    const weights = weightsOf(options.sampleWeight, n) ?? new Float64Array(n).fill(1);
    if (!weights.some((w) => w > 0)) throw new InvalidInput("sampleWeight is zero for every row: there is nothing to cluster");
    const mean = centerColumns(data, n, p);
    const rng = new Rng(seed);
    const centers = this.#initialCenters(data, p, weights, rng);

    const batch = Math.min(batchSize, n);
    const nSteps = Math.max(1, Math.floor((maxIter * n) / batch));
    const stepper = new BatchStepper(data, p, weights, centers, { batch, reassignmentRatio: this.params.reassignmentRatio });
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
    const labels = new Int32Array(n);
    assignNearest(data, p, centers, rowSquaredNorms(centers, k, p), { start: 0, end: n }, { labels });
    const inertia = inertiaOf(data, p, weights, centers, labels);
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
  #initialCenters(data: Float64Array, p: number, weights: Float64Array, rng: Rng): Float64Array {
    const n = weights.length;
    const k = this.params.nClusters;
    const initSize = Math.min(n, Math.max(3 * this.params.batchSize, 3 * k));
    const validation = gather(data, p, weights, drawRows(rng, n, initSize));
    let best: Float64Array | null = null;
    let bestInertia = Infinity;
    for (let r = 0; r < this.params.nInit; r++) {
      const sub = gather(data, p, weights, drawRows(rng, n, initSize));
      const centers = kmeansPlusPlus(sub.data, p, sub.weights, k, rng);
      const labels = new Int32Array(initSize);
      assignNearest(validation.data, p, centers, rowSquaredNorms(centers, k, p), { start: 0, end: initSize }, { labels });
      const inertia = inertiaOf(validation.data, p, validation.weights, centers, labels);
      if (inertia < bestInertia || best === null) {
        bestInertia = inertia;
        best = centers;
      }
    }
    return best!;
  }
}

export class MiniBatchKMeansModel extends CentroidModel {}

/** One mini-batch step at a time, with the buffers reused across steps. */
class BatchStepper {
  readonly #weightSums: Float64Array;
  readonly #rows: Int32Array;
  readonly #batchData: Float64Array;
  readonly #batchWeights: Float64Array;
  readonly #labels: Int32Array;
  readonly #dist2: Float64Array;
  readonly #norms: Float64Array;
  readonly #rowNorms: Float64Array;
  readonly #scratch: Float64Array;
  #sinceReassign = 0;

  constructor(
    readonly data: Float64Array,
    readonly p: number,
    readonly weights: Float64Array,
    readonly centers: Float64Array,
    readonly options: { batch: number; reassignmentRatio: number },
  ) {
    const k = centers.length / p;
    this.#weightSums = new Float64Array(k);
    this.#rows = new Int32Array(options.batch);
    this.#batchData = new Float64Array(options.batch * p);
    this.#batchWeights = new Float64Array(options.batch);
    this.#labels = new Int32Array(options.batch);
    this.#dist2 = new Float64Array(options.batch);
    this.#norms = new Float64Array(k);
    this.#rowNorms = new Float64Array(options.batch);
    this.#scratch = dotScratch(k);
  }

  /** Moves the centres by one random batch; returns the batch's weighted inertia before the move. */
  step(rng: Rng): number {
    const { data, p, weights, centers } = this;
    const b = this.options.batch;
    const n = weights.length;
    for (let r = 0; r < b; r++) {
      const i = rng.int(n);
      this.#rows[r] = i;
      this.#batchData.set(data.subarray(i * p, i * p + p), r * p);
      this.#batchWeights[r] = weights[i];
    }
    const k = this.#norms.length;
    rowSquaredNorms(this.#batchData, b, p, this.#rowNorms);
    assignNearest(this.#batchData, p, centers, rowSquaredNorms(centers, k, p, this.#norms), { start: 0, end: b }, {
      labels: this.#labels,
      dist2: this.#dist2,
      rowNorms: this.#rowNorms,
      scratch: this.#scratch,
    });
    let inertia = 0;
    for (let r = 0; r < b; r++) inertia += this.#batchWeights[r] * this.#dist2[r];
    const sums = this.#weightSums;
    for (let r = 0; r < b; r++) {
      const w = this.#batchWeights[r];
      if (w === 0) continue;
      const c = this.#labels[r] * p;
      const total = sums[this.#labels[r]] + w;
      // A running weighted mean: each row pulls its centre by w / (weight seen so far).
      const rate = w / total;
      for (let f = 0; f < p; f++) centers[c + f] += rate * (this.#batchData[r * p + f] - centers[c + f]);
      sums[this.#labels[r]] = total;
    }
    this.#maybeReassign(rng);
    return inertia;
  }

  #maybeReassign(rng: Rng): void {
    const sums = this.#weightSums;
    const k = sums.length;
    this.#sinceReassign += this.options.batch;
    if (this.options.reassignmentRatio <= 0 || !(sums.includes(0) || this.#sinceReassign >= 10 * k)) return;
    this.#sinceReassign = 0;
    let max = 0;
    for (let j = 0; j < k; j++) max = Math.max(max, sums[j]);
    const limit = this.options.reassignmentRatio * max;
    let minKept = Infinity;
    const moved: number[] = [];
    for (let j = 0; j < k; j++) {
      if (sums[j] < limit) moved.push(j);
      else minKept = Math.min(minKept, sums[j]);
    }
    // Never re-seed more centres than half a batch can supply.
    const nMoved = Math.min(moved.length, Math.floor(this.options.batch / 2));
    const picks = rng.sample(this.options.batch, nMoved);
    for (let m = 0; m < nMoved; m++) {
      const r = picks[m];
      this.centers.set(this.#batchData.subarray(r * this.p, r * this.p + this.p), moved[m] * this.p);
      sums[moved[m]] = Number.isFinite(minKept) ? minKept : 0;
    }
  }
}

function drawRows(rng: Rng, n: number, size: number): Int32Array {
  const rows = new Int32Array(size);
  for (let r = 0; r < size; r++) rows[r] = rng.int(n);
  return rows;
}

function gather(data: Float64Array, p: number, weights: Float64Array, rows: Int32Array): { data: Float64Array; weights: Float64Array } {
  const out = new Float64Array(rows.length * p);
  const w = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    out.set(data.subarray(rows[r] * p, rows[r] * p + p), r * p);
    w[r] = weights[rows[r]];
  }
  return { data: out, weights: w };
}
