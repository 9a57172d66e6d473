// Choosing the number of clusters: KMeans fitted for every k in a range, each scored by the mean
// silhouette of its labels (on a seeded sample of rows when the data are large); the k with the
// highest score wins, the smaller k on a tie. The scores and inertias of every k are returned so
// that a caller can also read an elbow or overrule the choice.

import { InvalidInput, type Matrix } from "../../core/index.js";
import { KMeans, checkedMatrix, type KMeansModel, type KMeansParams } from "../../models/index.js";
import { silhouetteScore } from "./silhouette.js";

export interface SelectKOptions {
  /** Smallest k tried (≥ 2: the silhouette needs two clusters). */
  readonly kMin?: number;
  /** Largest k tried (≤ rows − 1). */
  readonly kMax?: number;
  /** KMeans parameters other than nClusters. */
  readonly kmeans?: Omit<KMeansParams, "nClusters">;
  /** Rows the silhouette is computed on (null: all). Default 5000, as the exact score is O(n²). */
  readonly sampleSize?: number | null;
  /** Seed of the silhouette's row sample. */
  readonly seed?: number;
  readonly sampleWeight?: ArrayLike<number>;
}

export interface KScore {
  readonly k: number;
  /** Mean silhouette, NaN when the fit found a single cluster. */
  readonly silhouette: number;
  readonly inertia: number;
}

export interface SelectKResult {
  readonly k: number;
  readonly scores: readonly KScore[];
  /** The KMeans model fitted with the chosen k. */
  readonly model: KMeansModel;
}

export function selectK(X: Matrix, options: SelectKOptions = {}): SelectKResult {
  checkedMatrix(X);
  const { kMin = 2, kMax = Math.min(10, X.rows - 1), sampleSize = 5000, seed = 0 } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin || kMax > X.rows - 1) {
    throw new InvalidInput(`selectK needs integers 2 ≤ kMin ≤ kMax ≤ rows − 1 = ${X.rows - 1}: received kMin ${kMin}, kMax ${kMax}`);
  }
  const scores: KScore[] = [];
  let best: { k: number; silhouette: number; model: KMeansModel } | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const model = new KMeans({ ...options.kmeans, nClusters: k }).fit(X, { sampleWeight: options.sampleWeight });
    // Fewer distinct clusters than k (duplicate rows) can leave a single label: no silhouette (NaN).
    const silhouette = new Set(model.labels).size >= 2 ? silhouetteScore(X, model.labels, { sampleSize: sampleSize !== null && sampleSize < X.rows ? sampleSize : null, seed }) : NaN;
    scores.push({ k, silhouette, inertia: model.inertia });
    if (!Number.isNaN(silhouette) && (best === null || silhouette > best.silhouette)) best = { k, silhouette, model };
  }
  if (best === null) throw new InvalidInput("selectK: every k gave a single cluster, X has one distinct row", { hint: "check for a constant or duplicated dataset" });
  return { k: best.k, scores, model: best.model };
}
