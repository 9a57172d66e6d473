// A fitted PCA as a model document (models/persist): parameters, feature names and sizes in the
// header; components, variances, singular values and the mean in the payload.

import { InvalidInput, matrix } from "../../core/index.js";
import { MODEL_FORMAT, PayloadReader, PayloadWriter, arrayAt, checkEnvelope, integerAt, numberOf, sectionOf, stringOf, type ModelCodec } from "../persist/index.js";
import { checkedParams, readExact } from "../cluster/serialize.js";
import { PCA_PARAMS } from "./params.js";
import { PCAModel } from "./pca.js";

const VERSION = 1;

const PCA_CODEC: ModelCodec<PCAModel> = {
  kind: "pca",
  type: PCAModel,
  toDocument(model) {
    const writer = new PayloadWriter();
    const header = {
      format: MODEL_FORMAT as typeof MODEL_FORMAT,
      version: VERSION,
      kind: "pca",
      params: { ...model.params },
      featureNames: [...model.featureNames],
      nComponents: model.nComponents,
      nSamples: model.nSamples,
      noiseVariance: model.noiseVariance,
      components: writer.add("float64", model.components.data),
      explainedVariance: writer.add("float64", model.explainedVariance),
      explainedVarianceRatio: writer.add("float64", model.explainedVarianceRatio),
      singularValues: writer.add("float64", model.singularValues),
      mean: writer.add("float64", model.mean),
      payloadBytes: 0,
    };
    header.payloadBytes = writer.byteLength;
    return { header, payload: writer.finish() };
  },
  fromDocument(doc) {
    const raw = checkEnvelope(doc, "pca", VERSION);
    const featureNames = arrayAt(raw, "featureNames", stringOf);
    const p = featureNames.length;
    const k = integerAt(raw, "nComponents", 1, Math.max(1, p));
    const reader = new PayloadReader(doc.payload);
    const read = (name: string, length: number): Float64Array => readExact(reader, "float64", sectionOf(raw[name], name), length, name);
    const components = read("components", k * p);
    const explainedVariance = read("explainedVariance", k);
    if (explainedVariance.some((v) => !(v >= 0))) throw new InvalidInput("Model payload: explainedVariance must hold non-negative numbers");
    return new PCAModel({
      components: matrix(components, { rows: k, cols: p }),
      explainedVariance,
      explainedVarianceRatio: read("explainedVarianceRatio", k),
      singularValues: read("singularValues", k),
      mean: read("mean", p),
      noiseVariance: numberOf(raw.noiseVariance, "noiseVariance"),
      nSamples: integerAt(raw, "nSamples", 2, Number.MAX_SAFE_INTEGER),
      featureNames,
      params: checkedParams(raw, PCA_PARAMS, "pca"),
    });
  },
};

/** The codecs of the decomposition kinds, for the model format (models/codecs.ts). */
export const DECOMPOSITION_CODECS = [PCA_CODEC] as const;
