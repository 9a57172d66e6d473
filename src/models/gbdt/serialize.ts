// Fitted boosting models as versioned, kind-tagged documents (DESIGN.md §4): a JSON header with
// everything but the trees' arrays, and a binary payload with those (payload.ts). Loading reads
// data and checks it; it never executes anything from the file. The caller does the I/O.
//
// Bytes of an encoded model:
//   [0, 8)            magic "ORCHARD\0"
//   [8, 12)           header length H in bytes (uint32, little-endian), a multiple of 8
//   [12, 16)          reserved, 0
//   [16, 16 + H)      header: UTF-8 JSON, padded with spaces
//   [16 + H, end)     payload: header.payloadBytes bytes
// A tree's arrays sit one after the other from its `offset`, in `treeLayout` order, each on an
// 8-byte boundary; catBits has nCatWords elements, the others nNodes.

import { InvalidInput, type ParamSpecs } from "../../core/index.js";
import { GradientBoostingClassifierModel, GradientBoostingRegressorModel } from "./gradient-boosting.js";
import type { ClassLabel } from "./gradient-boosting.js";
import { CLASSIFIER_PARAMS, REGRESSOR_PARAMS } from "./params.js";
import { MODEL_FORMAT, MODEL_VERSION, TREE_LAYOUT, checkedHeader, type CheckedHeader, type ModelHeader, type ModelKind, type TreeEntry } from "./model-header.js";
import { PayloadReader, PayloadWriter, align8, BYTES_PER_ELEMENT } from "./payload.js";
import type { Tree } from "./tree.js";

export { MODEL_FORMAT, MODEL_VERSION, TREE_LAYOUT, type ModelHeader, type ModelKind, type TreeEntry } from "./model-header.js";

/** Every model a document can hold. */
export type Model = GradientBoostingRegressorModel | GradientBoostingClassifierModel;

export interface ModelDocument {
  readonly header: ModelHeader;
  readonly payload: Uint8Array;
}

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
  if (doc === null || typeof doc !== "object") throw new InvalidInput(`A model document must be an object { header, payload }: received ${shown(doc)}`);
  const header: unknown = doc.header;
  const raw = header !== null && typeof header === "object" ? (header as Record<string, unknown>) : {};
  if (raw.format !== MODEL_FORMAT) throw new InvalidInput(`Not an Orchard model document: format is ${shown(raw.format)}, expected "${MODEL_FORMAT}"`);
  if (raw.version !== MODEL_VERSION) {
    throw new InvalidInput(`Unsupported model document version ${shown(raw.version)}: this Orchard reads version ${MODEL_VERSION}`, { hint: "load it with the Orchard version that wrote it, or retrain" });
  }
  const kind = raw.kind;
  if (typeof kind !== "string" || !Object.hasOwn(KINDS, kind)) {
    throw new InvalidInput(`Unknown model kind ${shown(kind)}: this Orchard reads ${Object.keys(KINDS).join(", ")}`);
  }
  if (!(doc.payload instanceof Uint8Array)) throw new InvalidInput(`The model payload must be a Uint8Array: received ${shown(doc.payload)}`);
  const entry = KINDS[kind as ModelKind];
  const checked = checkedHeader(raw, { kind: kind as ModelKind, params: entry.params });
  if (checked.payloadBytes !== doc.payload.byteLength) {
    throw new InvalidInput(`Model payload has ${doc.payload.byteLength} bytes but the header says ${checked.payloadBytes}`, { hint: "the file is truncated or was altered" });
  }
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

/** The document as one byte array: see the layout at the top of this file. */
export function encodeDocument(doc: ModelDocument): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(doc.header));
  const headerBytes = align8(json.length);
  const out = new Uint8Array(PREAMBLE_BYTES + headerBytes + doc.payload.byteLength);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, headerBytes, true);
  out.set(json, PREAMBLE_BYTES);
  out.fill(0x20, PREAMBLE_BYTES + json.length, PREAMBLE_BYTES + headerBytes);
  out.set(doc.payload, PREAMBLE_BYTES + headerBytes);
  return out;
}

/** Splits bytes into header and payload; the header is checked by modelFromDocument. */
export function decodeDocument(bytes: Uint8Array): ModelDocument {
  if (!(bytes instanceof Uint8Array)) throw new InvalidInput(`A model must be read from a Uint8Array: received ${shown(bytes)}`);
  if (bytes.length < PREAMBLE_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new InvalidInput(`Not an Orchard model: the ${bytes.length} bytes do not start with "ORCHARD\\0"`, { hint: "pass the bytes encodeModel() wrote" });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(8, true);
  if (PREAMBLE_BYTES + headerBytes > bytes.length) {
    throw new InvalidInput(`Model is truncated: its header needs ${headerBytes} bytes after the first ${PREAMBLE_BYTES} but only ${bytes.length - PREAMBLE_BYTES} follow`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerBytes)));
  } catch (error) {
    throw new InvalidInput(`Model header is not valid UTF-8 JSON: ${(error as Error).message}`, { cause: error });
  }
  const payloadStart = PREAMBLE_BYTES + headerBytes;
  const declared = header !== null && typeof header === "object" ? (header as Record<string, unknown>).payloadBytes : undefined;
  if (typeof declared === "number" && Number.isSafeInteger(declared) && declared >= 0 && declared !== bytes.length - payloadStart) {
    const have = bytes.length - payloadStart;
    throw new InvalidInput(
      declared > have
        ? `Model payload is truncated: the header says ${declared} bytes but only ${have} follow it`
        : `Model has ${have - declared} unexpected bytes after its ${declared}-byte payload`,
    );
  }
  return { header: header as ModelHeader, payload: bytes.subarray(payloadStart) };
}

/** The model as bytes: bit-identical predictions after decodeModel. */
export function encodeModel(model: Model): Uint8Array {
  return encodeDocument(modelToDocument(model));
}

export function decodeModel(bytes: Uint8Array): Model {
  return modelFromDocument(decodeDocument(bytes));
}

const MAGIC = Uint8Array.of(0x4f, 0x52, 0x43, 0x48, 0x41, 0x52, 0x44, 0x00); // "ORCHARD\0"
const PREAMBLE_BYTES = 16;

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

function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== "object") return String(value);
  return (value as object).constructor?.name ?? "an object";
}
