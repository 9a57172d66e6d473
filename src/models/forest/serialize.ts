// Forests as model documents: the header of a tree document with a list of trees, and the
// out-of-bag predictions (when the forest has them) as one more payload array.

import { InvalidInput, type ParamSpecs } from "../../core/index.js";
import { PayloadReader, PayloadWriter, arrayAt, checkEnvelope, objectAt, sectionOf, type ModelDocument } from "../persist/index.js";
import { TREE_FORMAT_VERSION, classesOf, readTree, resolveTreeParams, stringsOf, writeTree } from "../tree/index.js";
import type { ForestClassifierModel, ForestInfo, ForestRegressorModel } from "./forest-model.js";
import { ExtraTreesClassifierModel, ExtraTreesRegressorModel } from "./extra-trees.js";
import { RandomForestClassifierModel, RandomForestRegressorModel } from "./random-forest.js";
import { EXTRA_TREES_CLASSIFIER_PARAMS, EXTRA_TREES_REGRESSOR_PARAMS, RANDOM_FOREST_CLASSIFIER_PARAMS, RANDOM_FOREST_REGRESSOR_PARAMS } from "./params.js";

type AnyForest = ForestClassifierModel | ForestRegressorModel;

function toDocument(kind: string) {
  return (model: AnyForest): ModelDocument => {
    const writer = new PayloadWriter();
    const trees = model.trees.map((tree) => writeTree(writer, tree));
    const oob = model.info.oobPrediction;
    const header = {
      format: "orchard-model" as const,
      version: TREE_FORMAT_VERSION,
      kind,
      params: JSON.parse(JSON.stringify(model.params)) as Record<string, unknown>,
      featureNames: [...model.featureNames],
      classes: "classes" in model ? [...model.classes] : null,
      warnings: [...model.info.warnings],
      oobScore: model.info.oobScore,
      oobPrediction: oob === null ? null : writer.add("float64", oob),
      trees,
      payloadBytes: writer.byteLength,
    };
    return { header, payload: writer.finish() };
  };
}

type Build = (trees: ReturnType<typeof readTree>[], names: string[], classes: ReturnType<typeof classesOf>, params: Record<string, unknown>, info: ForestInfo) => AnyForest;

function fromDocument(kind: string, specs: ParamSpecs & { maxFeatures: ParamSpecs[string] }, isClassifier: boolean, build: Build) {
  return (doc: ModelDocument): AnyForest => {
    const header = checkEnvelope(doc, kind, TREE_FORMAT_VERSION);
    const featureNames = stringsOf(header.featureNames, "featureNames");
    const classes = isClassifier ? classesOf(header.classes) : [];
    const nOutputs = isClassifier ? classes.length : 1;
    const params = resolveTreeParams(specs, objectAt(header, "params"), "model header") as Record<string, unknown>;
    const reader = new PayloadReader(doc.payload);
    const trees = arrayAt(header, "trees", (raw, where) => readTree(reader, raw, where, featureNames.length, nOutputs));
    if (trees.length === 0) throw new InvalidInput('Model header field "trees" is empty: a forest has at least one tree');
    const oobScore = header.oobScore === null ? null : typeof header.oobScore === "number" ? header.oobScore : NaN;
    if (Number.isNaN(oobScore)) throw new InvalidInput('Model header field "oobScore" must be a number or null');
    const oobPrediction = header.oobPrediction === null ? null : reader.read("float64", sectionOf(header.oobPrediction, "oobPrediction"), "oobPrediction");
    const info: ForestInfo = { warnings: stringsOf(header.warnings, "warnings"), oobScore, oobPrediction };
    return build(trees, featureNames, classes, params, info);
  };
}

function codec<M extends AnyForest>(kind: string, type: abstract new (...args: never[]) => M, specs: ParamSpecs & { maxFeatures: ParamSpecs[string] }, isClassifier: boolean, build: Build) {
  return { kind, type, toDocument: toDocument(kind), fromDocument: fromDocument(kind, specs, isClassifier, build) };
}

export const FOREST_CODECS = [
  codec("random-forest-classifier", RandomForestClassifierModel, RANDOM_FOREST_CLASSIFIER_PARAMS, true, (t, n, c, p, i) => new RandomForestClassifierModel(t, n, c, p, i)),
  codec("random-forest-regressor", RandomForestRegressorModel, RANDOM_FOREST_REGRESSOR_PARAMS, false, (t, n, _c, p, i) => new RandomForestRegressorModel(t, n, p, i)),
  codec("extra-trees-classifier", ExtraTreesClassifierModel, EXTRA_TREES_CLASSIFIER_PARAMS, true, (t, n, c, p, i) => new ExtraTreesClassifierModel(t, n, c, p, i)),
  codec("extra-trees-regressor", ExtraTreesRegressorModel, EXTRA_TREES_REGRESSOR_PARAMS, false, (t, n, _c, p, i) => new ExtraTreesRegressorModel(t, n, p, i)),
];
