// Fitted boosting models as versioned, kind-tagged documents (DESIGN.md §4, models/persist): a
// JSON header with everything but the trees' arrays, and a binary payload with those. Loading reads
// data and checks it; it never executes anything from the file. The caller does the I/O.
//
// A tree's arrays sit one after the other from its `offset`, in `treeLayout` order, each on an
// 8-byte boundary; catBits has nCatWords elements, the others nNodes.

import { InvalidInput, type ParamSpecs } from "../../core/index.js";
import { GradientBoostingClassifierModel, GradientBoostingRegressorModel } from "./gradient-boosting.js";
import type { ClassLabel } from "./gradient-boosting.js";
import { CLASSIFIER_PARAMS, REGRESSOR_PARAMS } from "./params.js";
import { MODEL_FORMAT, MODEL_VERSION, TREE_LAYOUT, checkedHeader, type CheckedHeader, type ModelHeader, type ModelKind, type TreeEntry } from "./model-header.js";
import { BYTES_PER_ELEMENT, PayloadReader, PayloadWriter, align8, checkEnvelope, shown, type ModelCodec, type ModelDocument as AnyDocument } from "../persist/index.js";
import type { Tree } from "./tree.js";

export { MODEL_FORMAT, MODEL_VERSION, TREE_LAYOUT, type ModelHeader, type ModelKind, type TreeEntry } from "./model-header.js";

/** Every model a document can hold. */
export type Model = GradientBoostingRegressorModel | GradientBoostingClassifierModel;

export interface ModelDocument {
  readonly header: ModelHeader;
  readonly payload: Uint8Array;
}

/** The codecs of the boosting kinds, for the model format (models/codecs.ts). */
export const GBDT_CODECS: readonly ModelCodec<Model>[] = [
  { kind: "gradient-boosting-regressor", type: GradientBoostingRegressorModel, toDocument: modelToDocument, fromDocument: (doc) => modelFromDocument(doc as ModelDocument) },
  { kind: "gradient-boosting-classifier", type: GradientBoostingClassifierModel, toDocument: modelToDocument, fromDocument: (doc) => modelFromDocument(doc as ModelDocument) },
];

type ModelInit = ConstructorParameters<typeof GradientBoostingRegressorModel>[0];

interface KindEntry {
  /** The fitted model's class, to find the kind of a model being saved. */
  readonly type: abstract new (...args: never[]) => Model;
  readonly params: ParamSpecs;
  /** The model's own objective options and classes, for the header. */
  headerParts(model: Model): { objectiveOptions: Record<string, number>; classes: ClassLabel[] | null };
  build(init: ModelInit, header: CheckedHeader): Model;
}

// Dispatch on the kind tag: adding a kind is one entry here, nothing else branches on it.
const KINDS: Readonly<Record<ModelKind, KindEntry>> = {
  "gradient-boosting-regressor": {
    type: GradientBoostingRegressorModel,
    params: REGRESSOR_PARAMS,
    // The options fit() derives from its params; only the link (identity or exp) reads them.
    headerParts: (model) => ({
      objectiveOptions: {
        huberDelta: model.params.huberDelta as number,
        alpha: model.params.alpha as number,
        tweedieVariancePower: model.params.tweedieVariancePower as number,
      },
      classes: null,
    }),
    build: (init, header) => new GradientBoostingRegressorModel(init, { ...header.objectiveOptions }),
  },
  "gradient-boosting-classifier": {
    type: GradientBoostingClassifierModel,
    params: CLASSIFIER_PARAMS,
    headerParts: (model) => {
      const classes = [...(model as GradientBoostingClassifierModel).classes];
      for (const c of classes) {
        if (typeof c === "number" && !Number.isFinite(c)) throw new InvalidInput(`Class label ${c} cannot be stored in a model document: labels must be finite numbers, strings or booleans`);
      }
      return { objectiveOptions: { nClasses: classes.length }, classes };
    },
    build: (init, header) => new GradientBoostingClassifierModel(init, header.classes!),
  },
};

/** The model's kind tag. */
export function modelKind(model: Model): ModelKind {
  const found = (Object.keys(KINDS) as ModelKind[]).find((kind) => model instanceof KINDS[kind].type);
  if (!found) throw new InvalidInput(`Cannot serialise ${shown(model)}: model kinds are ${Object.keys(KINDS).join(", ")}`);
  return found;
}

/** A fitted model as a header (plain JSON data) and a payload of its trees' arrays. */
export function modelToDocument(model: Model): ModelDocument {
  const kind = modelKind(model);
  const { objectiveOptions, classes } = KINDS[kind].headerParts(model);
  const { forest, info } = model;
  const writer = new PayloadWriter();
  const baseScore = writer.add("float64", forest.baseScore);
  const validScores = writer.add("float64", Float64Array.from(info.validScores));
  const trees = forest.trees.map((tree) => writeTree(writer, tree));
  const header: ModelHeader = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind,
    params: JSON.parse(JSON.stringify(model.params)) as Record<string, unknown>,
    featureNames: [...model.featureNames],
    isCategorical: [...model.isCategorical],
    categories: model.categories.map((names) => [...names]),
    objective: model.objective,
    objectiveOptions,
    classes,
    baseScore,
    nOutputs: forest.nOutputs,
    info: { nIterations: info.nIterations, bestIteration: info.bestIteration, stoppedEarly: info.stoppedEarly, evalMetric: info.evalMetric, validScores },
    treeLayout: TREE_LAYOUT.map(([name, dtype]) => [name, dtype] as const),
    trees,
    payloadBytes: writer.byteLength,
  };
  return { header, payload: writer.finish() };
}

/** The model a document describes, after checking every field and size in it. */
export function modelFromDocument(doc: ModelDocument): Model {
  const kind = doc !== null && typeof doc === "object" && doc.header !== null && typeof doc.header === "object" ? (doc.header as { kind?: unknown }).kind : undefined;
  if (typeof kind !== "string" || !Object.hasOwn(KINDS, kind)) {
    throw new InvalidInput(`Unknown model kind ${shown(kind)}: this reader takes ${Object.keys(KINDS).join(", ")}`);
  }
  const raw = checkEnvelope(doc as AnyDocument, kind, MODEL_VERSION);
  const entry = KINDS[kind as ModelKind];
  const checked = checkedHeader(raw, { kind: kind as ModelKind, params: entry.params });
  const reader = new PayloadReader(doc.payload);
  const p = checked.featureNames.length;
  const baseScore = reader.read("float64", checked.baseScore, "baseScore");
  if (baseScore.length !== checked.nOutputs) throw new InvalidInput(`Model header: baseScore has ${baseScore.length} values for ${checked.nOutputs} outputs`);
  const trees = checked.trees.map((t, index) => checkedTree(readTree(reader, t, index), index, checked.isCategorical));
  const init: ModelInit = {
    forest: { trees, nOutputs: checked.nOutputs, baseScore, nFeatures: p },
    featureNames: checked.featureNames,
    isCategorical: checked.isCategorical,
    categories: checked.categories,
    objective: checked.objective,
    params: checked.params,
    info: { ...checked.info, validScores: [...reader.read("float64", checked.info.validScores, "info.validScores")] },
  };
  return entry.build(init, checked);
}

function writeTree(writer: PayloadWriter, tree: Tree): TreeEntry {
  const sections = TREE_LAYOUT.map(([name, dtype]) => writer.add(dtype, tree[name]));
  return { nNodes: tree.nNodes, nCatWords: tree.catBits.length, offset: sections[0].offset };
}

function readTree(reader: PayloadReader, entry: TreeEntry, index: number): Tree {
  let at = entry.offset;
  const arrays: Record<string, ArrayLike<number>> = {};
  for (const [name, dtype] of TREE_LAYOUT) {
    const length = name === "catBits" ? entry.nCatWords : entry.nNodes;
    arrays[name] = reader.read(dtype, { offset: at, length }, `trees[${index}].${name}`);
    at = align8(at + length * BYTES_PER_ELEMENT[dtype]);
  }
  return { nNodes: entry.nNodes, ...arrays } as unknown as Tree;
}

/**
 * Checks what prediction relies on: children after their parent (so traversal ends), features and
 * bitsets in range, categorical bitsets exactly on categorical features.
 */
function checkedTree(tree: Tree, index: number, isCategorical: readonly boolean[]): Tree {
  const { nNodes, feature, left, right, catOffset, catWords, missingLeft } = tree;
  const nCatWords = tree.catBits.length;
  for (let node = 0; node < nNodes; node++) {
    const f = feature[node];
    const where = `Model tree ${index}, node ${node}`;
    if (f === -1) continue;
    if (f < 0 || f >= isCategorical.length) throw new InvalidInput(`${where} splits on feature ${f}, outside 0..${isCategorical.length - 1}`);
    if (!(left[node] > node && left[node] < nNodes && right[node] > node && right[node] < nNodes)) {
      throw new InvalidInput(`${where} has children ${left[node]} and ${right[node]}: they must come after it and below ${nNodes}`);
    }
    if (missingLeft[node] > 1) throw new InvalidInput(`${where} has missingLeft ${missingLeft[node]}: it must be 0 or 1`);
    const isCategoricalSplit = catOffset[node] >= 0;
    if (isCategoricalSplit !== isCategorical[f]) {
      throw new InvalidInput(`${where} has a ${isCategoricalSplit ? "categorical" : "numeric"} split on ${isCategorical[f] ? "categorical" : "numeric"} feature ${f}`);
    }
    if (isCategoricalSplit && !(catWords[node] >= 1 && catOffset[node] + catWords[node] <= nCatWords)) {
      throw new InvalidInput(`${where} has a bitset at ${catOffset[node]} of ${catWords[node]} words, outside the tree's ${nCatWords}`);
    }
  }
  return tree;
}
