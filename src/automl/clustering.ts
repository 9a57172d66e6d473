// The clustering task (no target): features imputed, scaled and one-hot encoded, k-means for each
// k in a range with k chosen by the mean silhouette (the elbow of the inertia is reported beside
// it), and the clusters described — their sizes, and for each the features that set it apart
// most from the whole (standardised difference of means, or the over-represented category).

import { InvalidInput, Rng } from "../core/index.js";
import { profile, type Frame } from "../data/index.js";
import { selectK, type KScore } from "../evaluate/index.js";
import { FeaturePipeline, FittedFeaturePipeline } from "../features/index.js";
import { KMeansModel, PayloadReader, PayloadWriter, arrayOf, decodeDocument, decodeModel, encodeDocument, encodeModel, numberOf, objectOf, sectionOf, stringOf } from "../models/index.js";
import { chooseColumns, type DroppedColumn } from "./columns.js";
import { linearModelPreset } from "./presets.js";

export interface ClusterOptions {
  readonly data: Frame;
  readonly exclude?: readonly string[];
  readonly seed?: number;
  readonly kMin?: number;
  readonly kMax?: number;
  readonly onProgress?: (message: string) => void;
}

export interface ClusterTrait {
  readonly feature: string;
  /** Numeric: (cluster mean − overall mean) / overall sd; one-hot: the share in the cluster vs overall. */
  readonly description: string;
  /** How strongly it sets the cluster apart (|standardised difference|). */
  readonly strength: number;
}

export interface ClusterProfile {
  readonly cluster: number;
  readonly size: number;
  readonly share: number;
  readonly traits: readonly ClusterTrait[];
}

export interface ClusterResult {
  readonly task: "clustering";
  readonly k: number;
  readonly method: "kmeans";
  readonly reason: string;
  readonly scores: readonly KScore[];
  readonly features: readonly string[];
  readonly dropped: readonly DroppedColumn[];
  readonly profiles: readonly ClusterProfile[];
  readonly predictor: ClusterPredictor;
  readonly seconds: number;
}

/** Assigns rows of a Frame to the clusters found. */
export class ClusterPredictor {
  constructor(
    readonly pipeline: FittedFeaturePipeline,
    readonly model: KMeansModel,
    readonly inputs: readonly string[],
  ) {}

  predict(frame: Frame): Int32Array {
    const missing = this.inputs.filter((name) => !frame.has(name));
    if (missing.length > 0) throw new InvalidInput(`The data lacks ${missing.join(", ")}: the clustering reads ${this.inputs.join(", ")}`);
    return Int32Array.from(this.model.predict(this.pipeline.transform(frame.select(this.inputs))));
  }
}

export function cluster(options: ClusterOptions): ClusterResult {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const frame = options.data;
  if (frame.nRows < 4) throw new InvalidInput(`Only ${frame.nRows} rows: clustering needs at least 4`);
  options.onProgress?.("choosing the columns");
  const sample = frame.nRows > 50_000 ? frame.take(new Rng(seed).sample(frame.nRows, 50_000).sort()) : frame;
  const columns = chooseColumns(frame, profile(sample, { seed }), { target: "", exclude: options.exclude ?? [] });
  if (columns.features.length === 0) throw new InvalidInput(`No usable columns to cluster on: ${columns.dropped.map((d) => `${d.column} (${d.reason})`).join(", ")}`);
  const X = frame.select(columns.features);
  const { pipeline, X: M } = new FeaturePipeline(linearModelPreset()).fitTransform(X);
  const kMin = options.kMin ?? 2;
  const kMax = Math.min(options.kMax ?? 10, frame.nRows - 1);
  options.onProgress?.(`k-means for k = ${kMin} … ${kMax}, scored by silhouette`);
  const chosen = selectK(M, { kMin, kMax, seed, kmeans: { nInit: 4, seed } });
  const labels = chosen.model.labels;
  const best = chosen.scores.find((s) => s.k === chosen.k)!;
  return {
    task: "clustering",
    k: chosen.k,
    method: "kmeans",
    reason: `k = ${chosen.k} has the highest mean silhouette (${best.silhouette.toFixed(3)}) of k = ${kMin} … ${kMax}`,
    scores: chosen.scores,
    features: columns.features,
    dropped: columns.dropped,
    profiles: describeClusters(M.data, M.cols, M.names, labels, chosen.k),
    predictor: new ClusterPredictor(pipeline, chosen.model, columns.features),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Sizes, and the five features whose cluster mean departs most from the overall mean (in sds). */
function describeClusters(data: Float64Array, p: number, names: readonly string[], labels: ArrayLike<number>, k: number): ClusterProfile[] {
  const n = labels.length;
  const mean = new Float64Array(p);
  const sq = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) {
    mean[j] += data[i * p + j] / n;
    sq[j] += data[i * p + j] ** 2 / n;
  }
  const sd = Float64Array.from(mean, (m, j) => Math.sqrt(Math.max(0, sq[j] - m * m)));
  const sums = new Float64Array(k * p);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    sizes[c]++;
    for (let j = 0; j < p; j++) sums[c * p + j] += data[i * p + j];
  }
  return Array.from({ length: k }, (_, c) => {
    const traits: ClusterTrait[] = [];
    for (let j = 0; j < p; j++) {
      if (!(sd[j] > 0) || sizes[c] === 0) continue;
      const m = sums[c * p + j] / sizes[c];
      const z = (m - mean[j]) / sd[j];
      traits.push({ feature: names[j], strength: Math.abs(z), description: `${z >= 0 ? "+" : "−"}${Math.abs(z).toFixed(2)} sd from the overall mean` });
    }
    traits.sort((a, b) => b.strength - a.strength || (a.feature < b.feature ? -1 : 1));
    return { cluster: c, size: sizes[c], share: sizes[c] / n, traits: traits.slice(0, 5) };
  });
}

export const CLUSTER_BUNDLE_FORMAT = "orchard-cluster-bundle";

/** The clustering as bytes (the model envelope): pipeline and k-means model, with the choice made. */
export function encodeClusterBundle(result: ClusterResult): Uint8Array {
  const writer = new PayloadWriter();
  const header = {
    format: CLUSTER_BUNDLE_FORMAT,
    version: 1,
    kind: "cluster-bundle",
    inputs: result.predictor.inputs,
    k: result.k,
    reason: result.reason,
    scores: result.scores,
    profiles: result.profiles,
    pipeline: writer.add("uint8", result.predictor.pipeline.encode()),
    model: writer.add("uint8", encodeModel(result.predictor.model)),
    payloadBytes: writer.byteLength,
  };
  return encodeDocument({ header, payload: writer.finish() });
}

export function decodeClusterBundle(bytes: Uint8Array): { predictor: ClusterPredictor; k: number; profiles: readonly ClusterProfile[] } {
  const doc = decodeDocument(bytes);
  const raw = objectOf(doc.header, "header");
  if (raw.format !== CLUSTER_BUNDLE_FORMAT || raw.version !== 1) throw new InvalidInput(`Not an Orchard clustering bundle (version 1): format ${JSON.stringify(raw.format)}`);
  const reader = new PayloadReader(doc.payload);
  const pipeline = FittedFeaturePipeline.decode(reader.read("uint8", sectionOf(raw.pipeline, "pipeline"), "pipeline"));
  const model = decodeModel(reader.read("uint8", sectionOf(raw.model, "model"), "model"));
  if (!(model instanceof KMeansModel)) throw new InvalidInput("A clustering bundle must hold a k-means model");
  const inputs = arrayOf(raw.inputs, "inputs", (v, w) => stringOf(v, w));
  return { predictor: new ClusterPredictor(pipeline, model, inputs), k: numberOf(raw.k, "k"), profiles: raw.profiles as ClusterProfile[] };
}
