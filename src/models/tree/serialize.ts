// Trees and forests as model documents (models/persist): a JSON header (kind, params, feature
// names, classes, info, and where each tree's arrays are) and a payload of the trees' flat arrays.
// Reading checks every size and that children come after their parent, so traversal ends.

import { InvalidInput } from "../../core/index.js";
import { PayloadReader, PayloadWriter, arrayAt, checkEnvelope, integerAt, objectAt, objectOf, sectionOf, stringOf, type ModelDocument, type Section } from "../persist/index.js";
import type { ClassLabel } from "../inputs.js";
import { DecisionTreeClassifierModel, DecisionTreeRegressorModel, type TreeClassifierParams, type TreeRegressorParams } from "./decision-tree.js";
import { FLAT_TREE_LAYOUT, type FlatTree } from "./flat-tree.js";
import { TREE_CLASSIFIER_PARAMS, TREE_REGRESSOR_PARAMS, resolveTreeParams } from "./params.js";

export const TREE_FORMAT_VERSION = 1;

export interface FlatTreeEntry {
  readonly nNodes: number;
  readonly sections: Record<string, Section>;
}

export function writeTree(writer: PayloadWriter, tree: FlatTree): FlatTreeEntry {
  const sections: Record<string, Section> = {};
  for (const [name, dtype] of FLAT_TREE_LAYOUT) sections[name] = writer.add(dtype, tree[name]);
  sections.value = writer.add("float64", tree.value);
  return { nNodes: tree.nNodes, sections };
}

export function readTree(reader: PayloadReader, raw: unknown, where: string, nFeatures: number, nOutputs: number): FlatTree {
  const entry = objectOf(raw, where);
  const nNodes = integerAt(entry, "nNodes", 1, 1 << 30, `${where}.`);
  const sections = objectAt(entry, "sections");
  const arrays: Record<string, ArrayLike<number>> = {};
  for (const [name, dtype] of [...FLAT_TREE_LAYOUT, ["value", "float64"] as const]) {
    const section = sectionOf(sections[name], `${where}.sections.${name}`);
    const expected = name === "value" ? nNodes * nOutputs : nNodes;
    if (section.length !== expected) throw new InvalidInput(`Model ${where}: ${name} has ${section.length} values, expected ${expected}`);
    arrays[name] = reader.read(dtype, section, `${where}.${name}`);
  }
  const tree = { nNodes, nOutputs, ...arrays } as unknown as FlatTree;
  for (let node = 0; node < nNodes; node++) {
    const f = tree.feature[node];
    if (f === -1 && tree.left[node] === -1 && tree.right[node] === -1) continue;
    if (f < 0 || f >= nFeatures) throw new InvalidInput(`Model ${where}, node ${node} splits on feature ${f}, outside 0..${nFeatures - 1}`);
    const { left, right } = tree;
    if (!(left[node] > node && left[node] < nNodes && right[node] > node && right[node] < nNodes)) {
      throw new InvalidInput(`Model ${where}, node ${node} has children ${left[node]} and ${right[node]}: they must come after it and below ${nNodes}`);
    }
  }
  return tree;
}

export function classesOf(raw: unknown): ClassLabel[] {
  return arrayOf(raw, "classes", (v, where) => {
    if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) return v;
    throw new InvalidInput(`Model header field "${where}" must be a class label (string, finite number or boolean)`);
  });
}

function arrayOf<T>(value: unknown, where: string, item: (v: unknown, where: string) => T): T[] {
  return arrayAt({ [where]: value }, where, item);
}

export function stringsOf(raw: unknown, where: string): string[] {
  return arrayOf(raw, where, stringOf);
}

type TreeModel = DecisionTreeClassifierModel | DecisionTreeRegressorModel;

function treeToDocument(kind: string) {
  return (model: TreeModel): ModelDocument => {
    const writer = new PayloadWriter();
    const tree = writeTree(writer, model.tree);
    const header = {
      format: "orchard-model" as const,
      version: TREE_FORMAT_VERSION,
      kind,
      params: JSON.parse(JSON.stringify(model.params)) as Record<string, unknown>,
      featureNames: [...model.featureNames],
      classes: model instanceof DecisionTreeClassifierModel ? [...model.classes] : null,
      warnings: [...model.info.warnings],
      tree,
      payloadBytes: writer.byteLength,
    };
    return { header, payload: writer.finish() };
  };
}

function treeFromDocument(kind: string, isClassifier: boolean) {
  return (doc: ModelDocument): TreeModel => {
    const header = checkEnvelope(doc, kind, TREE_FORMAT_VERSION);
    const featureNames = stringsOf(header.featureNames, "featureNames");
    const warnings = stringsOf(header.warnings, "warnings");
    const reader = new PayloadReader(doc.payload);
    const given = objectAt(header, "params");
    if (isClassifier) {
      const classes = classesOf(header.classes);
      const params = resolveTreeParams(TREE_CLASSIFIER_PARAMS, given, "model header") as TreeClassifierParams;
      const tree = readTree(reader, header.tree, "tree", featureNames.length, classes.length);
      return new DecisionTreeClassifierModel(tree, featureNames, classes, params, { warnings });
    }
    const params = resolveTreeParams(TREE_REGRESSOR_PARAMS, given, "model header") as TreeRegressorParams;
    return new DecisionTreeRegressorModel(readTree(reader, header.tree, "tree", featureNames.length, 1), featureNames, params, { warnings });
  };
}

export const TREE_CODECS = [
  { kind: "decision-tree-classifier", type: DecisionTreeClassifierModel, toDocument: treeToDocument("decision-tree-classifier"), fromDocument: treeFromDocument("decision-tree-classifier", true) },
  { kind: "decision-tree-regressor", type: DecisionTreeRegressorModel, toDocument: treeToDocument("decision-tree-regressor"), fromDocument: treeFromDocument("decision-tree-regressor", false) },
];
