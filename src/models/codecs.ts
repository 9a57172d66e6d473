// Every fitted model kind Orchard can save and load, in one list, and the functions that save and
// load any of them (DESIGN.md §4). A new family adds its codecs and its model types here.

import { createModelFormat, type ModelDocument } from "./persist/index.js";
import { GBDT_CODECS, type BoostedModelOfAnyKind } from "./gbdt/index.js";
import { TREE_CODECS, type DecisionTreeClassifierModel, type DecisionTreeRegressorModel } from "./tree/index.js";
import { FOREST_CODECS, type ForestClassifierModel, type ForestRegressorModel } from "./forest/index.js";
import { LINEAR_CODECS, type LinearModelOfAnyKind } from "./linear/index.js";
import { CLUSTER_CODECS, type ClusterModel } from "./cluster/index.js";
import { DECOMPOSITION_CODECS, type PCAModel } from "./decomposition/index.js";

/** Any fitted model a document can hold. */
export type Model =
  | BoostedModelOfAnyKind
  | DecisionTreeClassifierModel
  | DecisionTreeRegressorModel
  | ForestClassifierModel
  | ForestRegressorModel
  | LinearModelOfAnyKind
  | ClusterModel
  | PCAModel;

const FORMAT = createModelFormat([...GBDT_CODECS, ...TREE_CODECS, ...FOREST_CODECS, ...LINEAR_CODECS, ...CLUSTER_CODECS, ...DECOMPOSITION_CODECS]);

/** Kind tags this Orchard reads and writes. */
export const MODEL_KINDS: readonly string[] = FORMAT.kinds;

/** The model's kind tag; InvalidInput for an object that is not a fitted model. */
export function modelKind(model: Model): string {
  return FORMAT.kindOf(model);
}

/** A fitted model as a header (plain JSON data) and a payload of typed arrays. */
export function modelToDocument(model: Model): ModelDocument {
  return FORMAT.toDocument(model);
}

export function modelFromDocument(doc: ModelDocument): Model {
  return FORMAT.fromDocument(doc) as Model;
}

/** The model as bytes (envelope in persist/document.ts): identical predictions after decodeModel. */
export function encodeModel(model: Model): Uint8Array {
  return FORMAT.encode(model);
}

/** The model in `bytes`, after checking every field and size; never executes anything from them. */
export function decodeModel(bytes: Uint8Array): Model {
  return FORMAT.decode(bytes) as Model;
}
