// Fitted clusterers as model documents (models/persist): a JSON header with the parameters, the
// feature names and the sizes, and a payload with the centres and labels (k-means) or the core
// samples and labels (DBSCAN). Loading checks every field and size and executes nothing.

import { InvalidInput, matrix, resolveParams, type ParamSpecs } from "../../core/index.js";
import {
  MODEL_FORMAT,
  PayloadReader,
  PayloadWriter,
  arrayAt,
  checkEnvelope,
  integerAt,
  numberOf,
  objectAt,
  sectionOf,
  stringOf,
  type ModelCodec,
  type ModelDocument,
} from "../persist/index.js";
import { CentroidModel, type CentroidModelInit } from "./centroid-model.js";
import { DBSCANModel, checkedDbscanModel } from "./dbscan.js";
import { KMeansModel } from "./kmeans.js";
import { MiniBatchKMeansModel } from "./mini-batch-kmeans.js";
import { DBSCAN_PARAMS, KMEANS_PARAMS, MINI_BATCH_KMEANS_PARAMS } from "./params.js";

const VERSION = 1;

function centroidCodec<M extends CentroidModel>(kind: string, type: new (init: CentroidModelInit) => M, specs: ParamSpecs): ModelCodec<M> {
  return {
    kind,
    type,
    toDocument(model) {
      const writer = new PayloadWriter();
      const centers = writer.add("float64", model.clusterCenters.data);
      const labels = writer.add("int32", model.labels);
      const header = {
        format: MODEL_FORMAT as typeof MODEL_FORMAT,
        version: VERSION,
        kind,
        params: { ...model.params },
        featureNames: [...model.featureNames],
        nClusters: model.nClusters,
        nSamples: model.labels.length,
        inertia: model.inertia,
        nIter: model.nIter,
        warnings: [...model.info.warnings],
        centers,
        labels,
        payloadBytes: writer.byteLength,
      };
      return { header, payload: writer.finish() };
    },
    fromDocument(doc) {
      const raw = checkEnvelope(doc, kind, VERSION);
      const featureNames = arrayAt(raw, "featureNames", stringOf);
      const k = integerAt(raw, "nClusters", 1, Number.MAX_SAFE_INTEGER);
      const n = integerAt(raw, "nSamples", 0, Number.MAX_SAFE_INTEGER);
      const reader = new PayloadReader(doc.payload);
      const centers = readExact(reader, "float64", sectionOf(raw.centers, "centers"), k * featureNames.length, "centers");
      const labels = readExact(reader, "int32", sectionOf(raw.labels, "labels"), n, "labels");
      if (labels.some((l) => l < 0 || l >= k)) throw new InvalidInput(`Model payload: a label lies outside 0..${k - 1}`);
      return new type({
        clusterCenters: matrix(centers, { rows: k, cols: featureNames.length }),
        labels,
        inertia: numberOf(raw.inertia, "inertia"),
        nIter: integerAt(raw, "nIter", 0, Number.MAX_SAFE_INTEGER),
        featureNames,
        params: checkedParams(raw, specs, kind),
        info: { warnings: arrayAt(raw, "warnings", stringOf) },
      });
    },
  };
}

const DBSCAN_CODEC: ModelCodec<DBSCANModel> = {
  kind: "dbscan",
  type: DBSCANModel,
  toDocument(model) {
    const writer = new PayloadWriter();
    const labels = writer.add("int32", model.labels);
    const coreSampleIndices = writer.add("int32", model.coreSampleIndices);
    const components = writer.add("float64", model.components.data);
    const header = {
      format: MODEL_FORMAT as typeof MODEL_FORMAT,
      version: VERSION,
      kind: "dbscan",
      params: { ...model.params },
      featureNames: [...model.featureNames],
      nSamples: model.labels.length,
      nCore: model.coreSampleIndices.length,
      labels,
      coreSampleIndices,
      components,
      payloadBytes: writer.byteLength,
    };
    return { header, payload: writer.finish() };
  },
  fromDocument(doc) {
    const raw = checkEnvelope(doc, "dbscan", VERSION);
    const featureNames = arrayAt(raw, "featureNames", stringOf);
    const n = integerAt(raw, "nSamples", 0, Number.MAX_SAFE_INTEGER);
    const nCore = integerAt(raw, "nCore", 0, n);
    const reader = new PayloadReader(doc.payload);
    const labels = readExact(reader, "int32", sectionOf(raw.labels, "labels"), n, "labels");
    const coreSampleIndices = readExact(reader, "int32", sectionOf(raw.coreSampleIndices, "coreSampleIndices"), nCore, "coreSampleIndices");
    const components = readExact(reader, "float64", sectionOf(raw.components, "components"), nCore * featureNames.length, "components");
    return checkedDbscanModel({
      labels,
      coreSampleIndices,
      components: matrix(components, { rows: nCore, cols: featureNames.length }),
      featureNames,
      params: checkedParams(raw, DBSCAN_PARAMS, "dbscan"),
    });
  },
};

/** The codecs of the clustering kinds, for the model format (models/codecs.ts). */
export const CLUSTER_CODECS = [
  centroidCodec("kmeans", KMeansModel, KMEANS_PARAMS),
  centroidCodec("mini-batch-kmeans", MiniBatchKMeansModel, MINI_BATCH_KMEANS_PARAMS),
  DBSCAN_CODEC,
] as const;

export type ClusterModel = KMeansModel | MiniBatchKMeansModel | DBSCANModel;

/** The header's params, checked against the declaration they were resolved from. */
export function checkedParams(raw: Record<string, unknown>, specs: ParamSpecs, kind: string): Record<string, unknown> {
  return { ...resolveParams(specs, objectAt(raw, "params"), `stored ${kind}`) };
}

export function readExact<D extends "float64" | "int32">(reader: PayloadReader, dtype: D, section: { offset: number; length: number }, expected: number, what: string) {
  if (section.length !== expected) throw new InvalidInput(`Model payload: ${what} has ${section.length} values, expected ${expected}`);
  return reader.read(dtype, section, what);
}

export type { ModelDocument };
