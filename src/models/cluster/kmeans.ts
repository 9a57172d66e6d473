// KMeans: configuration in, fitted KMeansModel out. nInit greedy k-means++ seedings (or the given
// initial centres), each refined by Lloyd's or Elkan's iterations, keeping the lowest inertia.
// The data are centred on their mean before fitting (as scikit-learn does) so that the distance
// expansion in distances.ts keeps its precision; centres are shifted back at the end.

import { InvalidInput, Rng, matrix, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { checkedMatrix, weightsOf } from "../inputs.js";
import { KMeansSteps, LinalgWorkspace, SeedingTrials, threadsOf } from "../linalg/index.js";
import { CentroidModel } from "./centroid-model.js";
import { squaredNormsOfRows } from "./distances.js";
import { elkanRun } from "./elkan.js";
import { centredInWorkspace, featureNamesOf } from "./finite-data.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { lloydRun, type KMeansRun } from "./lloyd.js";
import { KMEANS_PARAMS } from "./params.js";

export type KMeansParams = Partial<ParamValues<typeof KMEANS_PARAMS>>;

export interface ClusterFitOptions {
  readonly sampleWeight?: ArrayLike<number>;
  readonly featureNames?: readonly string[];
}

export interface KMeansFitOptions extends ClusterFitOptions {
  /** Initial centres (nClusters × nFeatures): one run from them instead of nInit k-means++ seedings. */
  readonly initialCenters?: Matrix;
}

export class KMeans {
  readonly params: ParamValues<typeof KMEANS_PARAMS>;

  constructor(params: KMeansParams = {}) {
    this.params = resolveParams(KMEANS_PARAMS, params, "KMeans");
  }

  fit(X: Matrix, options: KMeansFitOptions = {}): KMeansModel {
    const { nClusters: k, nInit, algorithm } = this.params;
    checkedMatrix(X);
    const { rows: n, cols: p } = X;
    // The centred data in the linear-algebra workspace, for the E-steps (SIMD, threads).
    const ws = LinalgWorkspace.acquire(threadsOf(this.params.nThreads), 8 * (n * p + 8 * n + 2 * k * p * Math.ceil(n / 256) + (algorithm === "elkan" ? n * k + 2 * n : 0)));
    try {
      const { x, mean, squares } = centredInWorkspace(ws, X, "KMeans");
      const featureNames = featureNamesOf(options.featureNames, p);
      if (n < k) throw new InvalidInput(`KMeans needs at least nClusters = ${k} rows: X has ${n}`, { hint: "lower nClusters" });
      const weights = weightsOf(options.sampleWeight, n) ?? new Float64Array(n).fill(1);
      if (!weights.some((w) => w > 0)) throw new InvalidInput("sampleWeight is zero for every row: there is nothing to cluster");
      // tol is relative to the mean over features of the population variance.
      let variance = 0;
      for (let f = 0; f < p; f++) variance += squares[f] / n;
      const tol = this.params.tol * (variance / p);
      const starts = options.initialCenters ? [centredStart(options.initialCenters, mean, k)] : [];
      const best = this.#runs(ws, x, { n, p, weights, tol, nInit: starts.length > 0 ? 1 : nInit, starts });
      const centers = best.centers;
      for (let j = 0; j < k; j++) for (let f = 0; f < p; f++) centers[j * p + f] += mean[f];
      return new KMeansModel({
        clusterCenters: matrix(centers, { rows: k, cols: p }),
        labels: best.labels,
        inertia: best.inertia,
        nIter: best.nIter,
        featureNames,
        params: { ...this.params },
        info: { warnings: runWarnings(best, k, this.params.maxIter) },
      });
    } finally {
      ws.release();
    }
  }

  /** The best of nInit runs (or one from the given start) on the centred data at x in ws. */
  #runs(ws: LinalgWorkspace, x: number, fit: { n: number; p: number; weights: Float64Array; tol: number; nInit: number; starts: Float64Array[] }): KMeansRun {
    const { nClusters: k, maxIter, algorithm, seed } = this.params;
    const { n, p, weights, tol, nInit, starts } = fit;
    // k-means++ and the empty-cluster rule read the rows in JavaScript: one copy of the centred data.
    const data = ws.f64(x, n * p).slice();
    const rowNorms = squaredNormsOfRows(data, p, n);
    const rng = new Rng(seed);
    const run = algorithm === "elkan" ? elkanRun : lloydRun;
    const steps = new KMeansSteps(ws, x, { weights, rowNorms, p, k, elkan: algorithm === "elkan", passes: nInit * Math.min(maxIter, 20) });
    const trials = starts.length > 0 ? undefined : new SeedingTrials(ws, x, { rowNorms, weights, p, nTrials: 2 + Math.floor(Math.log(k)) });
    let best: KMeansRun | null = null;
    for (let r = 0; r < nInit; r++) {
      const initial = starts[r] ?? kmeansPlusPlus(data, p, weights, k, rng, { rowNorms, trials });
      const result = run(data, p, weights, initial, { maxIter, tol, steps });
      if (best === null || (result.inertia < best.inertia && !sameClustering(result.labels, best.labels, k))) best = result;
    }
    return best!;
  }
}

export class KMeansModel extends CentroidModel {}

function centredStart(init: Matrix, mean: Float64Array, k: number): Float64Array {
  const p = mean.length;
  if (!init || init.rows !== k || init.cols !== p || init.data.length !== k * p) {
    throw new InvalidInput(`initialCenters must be nClusters × nFeatures = ${k} × ${p}: received ${init?.rows} × ${init?.cols}`);
  }
  const out = Float64Array.from(init.data);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new InvalidInput(`initialCenters must be finite: centre ${Math.floor(i / p)} holds ${out[i]}`);
    out[i] -= mean[i % p];
  }
  return out;
}

/** True when two labelings are the same partition up to a renaming of the clusters. */
function sameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (map[b[i]] === -1) map[b[i]] = a[i];
    else if (map[b[i]] !== a[i]) return false;
  }
  return true;
}

function runWarnings(run: KMeansRun, k: number, maxIter: number): string[] {
  const warnings: string[] = [];
  const distinct = new Set(run.labels).size;
  if (distinct < k) warnings.push(`Found ${distinct} distinct clusters for nClusters = ${k}: X has fewer distinct rows (or weighted rows) than clusters`);
  if (run.nIter >= maxIter) warnings.push(`The kept run stopped at maxIter = ${maxIter} before converging: raise maxIter or tol`);
  return warnings;
}
