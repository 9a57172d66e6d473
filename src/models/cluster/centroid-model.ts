// What a fitted k-means model of either kind (KMeans, MiniBatchKMeans) knows and does: its centres,
// the training rows' labels, and the nearest-centre rule for new rows.

import { matrix, type Matrix } from "../../core/index.js";
import { checkPredictMatrix } from "../inputs.js";
import { squaredDistance } from "./distances.js";

export interface ClusterInfo {
  /** Facts a caller may want: fewer distinct clusters than asked for, a run that hit maxIter. */
  readonly warnings: readonly string[];
}

export interface CentroidModelInit {
  readonly clusterCenters: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly nIter: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: ClusterInfo;
}

export abstract class CentroidModel {
  /** nClusters × nFeatures, row-major. */
  readonly clusterCenters: Matrix;
  /** Cluster of each training row. */
  readonly labels: Int32Array;
  /** Weighted sum of squared distances of the training rows to their centres. */
  readonly inertia: number;
  /** Iterations of the kept run (mini-batch steps for MiniBatchKMeans). */
  readonly nIter: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: ClusterInfo;

  constructor(init: CentroidModelInit) {
    this.clusterCenters = init.clusterCenters;
    this.labels = init.labels;
    this.inertia = init.inertia;
    this.nIter = init.nIter;
    this.featureNames = init.featureNames;
    this.params = init.params;
    this.info = init.info;
  }

  get nClusters(): number {
    return this.clusterCenters.rows;
  }

  /** The nearest centre of each row (ties go to the lower index). */
  predict(X: Matrix): Int32Array {
    checkPredictMatrix(X, this.featureNames.length);
    const labels = new Int32Array(X.rows);
    this.#nearest(X, (i, j) => {
      labels[i] = j;
    });
    return labels;
  }

  /** Euclidean distance of each row to every centre: rows × nClusters. */
  transform(X: Matrix): Matrix {
    checkPredictMatrix(X, this.featureNames.length);
    const p = X.cols;
    const k = this.nClusters;
    const rows = X.data instanceof Float64Array ? X.data : Float64Array.from(X.data);
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = Math.sqrt(squaredDistance(rows, i, this.clusterCenters.data as Float64Array, j, p));
    return matrix(out, { rows: X.rows, cols: k });
  }

  /** Minus the sum of squared distances of the rows to their nearest centres (higher is better). */
  score(X: Matrix): number {
    checkPredictMatrix(X, this.featureNames.length);
    let total = 0;
    this.#nearest(X, (_i, _j, d2) => {
      total += d2;
    });
    return -total;
  }

  #nearest(X: Matrix, visit: (row: number, center: number, d2: number) => void): void {
    const p = X.cols;
    const k = this.nClusters;
    const rows = X.data instanceof Float64Array ? X.data : Float64Array.from(X.data);
    const centers = this.clusterCenters.data as Float64Array;
    for (let i = 0; i < X.rows; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let j = 0; j < k; j++) {
        const d = squaredDistance(rows, i, centers, j, p);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      }
      visit(i, best, bestD);
    }
  }
}
