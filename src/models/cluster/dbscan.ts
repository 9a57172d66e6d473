// DBSCAN (Ester et al. 1996, as scikit-learn runs it): a row whose eps-neighbourhood (itself
// included) weighs at least minSamples is a core sample; clusters are the connected components of
// core samples, each with the non-core rows within eps of it; the rest is noise (label −1).
// Clusters are numbered in the order of their first core sample, and a border row within reach of
// two clusters goes to the lower-numbered one, so labels match scikit-learn's exactly.
//
// Neighbourhoods come from a k-d tree (kd-tree.ts) and are queried twice instead of stored: once
// to count, once while expanding a cluster. Memory stays O(n) whatever eps.
//
// New rows: scikit-learn's DBSCAN has no predict. DBSCANModel.predict gives a new row the cluster
// of its nearest core sample within eps, and −1 when there is none: the label the row would have
// as a border point, without letting new rows create or merge clusters.

import { InvalidInput, matrix, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { checkPredictMatrix, weightsOf } from "../inputs.js";
import { featureNamesOf, finiteData } from "./finite-data.js";
import { KdTree } from "./kd-tree.js";
import type { ClusterFitOptions } from "./kmeans.js";
import { DBSCAN_PARAMS } from "./params.js";

export type DBSCANParams = Partial<ParamValues<typeof DBSCAN_PARAMS>>;

export class DBSCAN {
  readonly params: ParamValues<typeof DBSCAN_PARAMS>;

  constructor(params: DBSCANParams = {}) {
    this.params = resolveParams(DBSCAN_PARAMS, params, "DBSCAN");
  }

  fit(X: Matrix, options: ClusterFitOptions = {}): DBSCANModel {
    const { eps, minSamples, leafSize } = this.params;
    const data = finiteData(X, "DBSCAN");
    const { rows: n, cols: p } = X;
    const featureNames = featureNamesOf(options.featureNames, p);
    const weights = weightsOf(options.sampleWeight, n);
    const tree = new KdTree(data, p, { leafSize });
    const isCore = new Uint8Array(n);
    for (let i = 0; i < n; i++) isCore[i] = tree.within(i, eps, null, weights) >= minSamples ? 1 : 0;
    const labels = expandClusters(tree, isCore, eps);
    const coreSampleIndices = Int32Array.from(indicesOf(isCore));
    const components = new Float64Array(coreSampleIndices.length * p);
    coreSampleIndices.forEach((row, c) => components.set(data.subarray(row * p, row * p + p), c * p));
    return new DBSCANModel({
      labels,
      coreSampleIndices,
      components: matrix(components, { rows: coreSampleIndices.length, cols: p }),
      featureNames,
      params: { ...this.params },
    });
  }
}

/** Depth-first expansion from each unlabelled core sample in row order. */
function expandClusters(tree: KdTree, isCore: Uint8Array, eps: number): Int32Array {
  const n = isCore.length;
  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let nClusters = 0;
  let top = 0;
  const claim = (v: number): void => {
    if (labels[v] !== -1) return;
    labels[v] = nClusters;
    // Only core samples extend the cluster; a border row is labelled and left.
    if (isCore[v]) stack[top++] = v;
  };
  for (let seed = 0; seed < n; seed++) {
    if (labels[seed] !== -1 || !isCore[seed]) continue;
    labels[seed] = nClusters;
    stack[top++] = seed;
    while (top > 0) tree.within(stack[--top], eps, claim);
    nClusters++;
  }
  return labels;
}

function* indicesOf(flags: Uint8Array): Generator<number> {
  for (let i = 0; i < flags.length; i++) if (flags[i]) yield i;
}

export interface DBSCANModelInit {
  readonly labels: Int32Array;
  readonly coreSampleIndices: Int32Array;
  readonly components: Matrix;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
}

export class DBSCANModel {
  /** Cluster of each training row, −1 for noise. */
  readonly labels: Int32Array;
  /** Training rows that are core samples, increasing. */
  readonly coreSampleIndices: Int32Array;
  /** The core samples' feature values (nCore × nFeatures): what predict compares new rows with. */
  readonly components: Matrix;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly #coreLabels: Int32Array;

  constructor(init: DBSCANModelInit) {
    this.labels = init.labels;
    this.coreSampleIndices = init.coreSampleIndices;
    this.components = init.components;
    this.featureNames = init.featureNames;
    this.params = init.params;
    this.#coreLabels = Int32Array.from(init.coreSampleIndices, (row) => init.labels[row]);
  }

  get nClusters(): number {
    let max = -1;
    for (let i = 0; i < this.labels.length; i++) if (this.labels[i] > max) max = this.labels[i];
    return max + 1;
  }

  /** The cluster of the nearest core sample within eps, or −1 (see the note at the top of the file). */
  predict(X: Matrix): Int32Array {
    checkPredictMatrix(X, this.featureNames.length);
    const data = finiteData(X, "DBSCANModel.predict");
    const p = X.cols;
    const nCore = this.components.rows;
    const eps = this.params.eps as number;
    const out = new Int32Array(X.rows).fill(-1);
    if (nCore === 0) return out;
    // One tree over core samples and the query rows together; queries only look at core rows.
    const joined = new Float64Array((nCore + X.rows) * p);
    joined.set(this.components.data);
    joined.set(data, nCore * p);
    const tree = new KdTree(joined, p, { leafSize: this.params.leafSize as number });
    const coreLabels = this.#coreLabels;
    let i = 0;
    let best = Infinity;
    const consider = (row: number): void => {
      if (row >= nCore) return;
      let d2 = 0;
      for (let f = 0; f < p; f++) d2 += (joined[row * p + f] - joined[(nCore + i) * p + f]) ** 2;
      if (d2 < best || (d2 === best && coreLabels[row] < out[i])) {
        best = d2;
        out[i] = coreLabels[row];
      }
    };
    for (; i < X.rows; i++) {
      best = Infinity;
      tree.within(nCore + i, eps, consider);
    }
    return out;
  }
}

export function checkedDbscanModel(init: DBSCANModelInit): DBSCANModel {
  const n = init.labels.length;
  for (const row of init.coreSampleIndices) {
    if (!(row >= 0 && row < n)) throw new InvalidInput(`DBSCAN core sample index ${row} is outside the ${n} training rows`);
  }
  return new DBSCANModel(init);
}
