// The JSON header of a model document (serialize.ts): its shape, and the check that turns whatever
// JSON.parse gave into that shape or says which field is wrong. Nothing here trusts the file.

import { InvalidInput, resolveParams, type ParamSpecs } from "../../core/index.js";
import type { ClassLabel } from "./gradient-boosting.js";
import type { ObjectiveName } from "./objective.js";
import { OBJECTIVE_NAMES, createObjective } from "./objectives.js";
import { MODEL_FORMAT, arrayAt, arrayOf, booleanOf, fieldError, integerAt, numberOf, objectAt, objectOf, sectionOf, stringOf, type DType, type Section } from "../persist/index.js";

export { MODEL_FORMAT };
import type { Tree } from "./tree.js";

export const MODEL_VERSION = 1;

export type ModelKind = "gradient-boosting-regressor" | "gradient-boosting-classifier";

type TreeArrayName = Exclude<keyof Tree, "nNodes">;

/** The order and element type of a tree's arrays in the payload. */
export const TREE_LAYOUT: readonly (readonly [TreeArrayName, DType])[] = [
  ["feature", "int32"],
  ["threshold", "float64"],
  ["binThreshold", "int32"],
  ["missingLeft", "uint8"],
  ["left", "int32"],
  ["right", "int32"],
  ["catOffset", "int32"],
  ["catWords", "int32"],
  ["catBits", "uint32"],
  ["value", "float64"],
  ["gain", "float64"],
  ["cover", "float64"],
];

export interface TreeEntry {
  readonly nNodes: number;
  /** Length of the tree's catBits. */
  readonly nCatWords: number;
  /** Byte offset of the tree's first array in the payload. */
  readonly offset: number;
}

export interface ModelHeader {
  readonly format: typeof MODEL_FORMAT;
  readonly version: typeof MODEL_VERSION;
  readonly kind: ModelKind;
  readonly params: Readonly<Record<string, unknown>>;
  readonly featureNames: readonly string[];
  readonly isCategorical: readonly boolean[];
  readonly categories: readonly (readonly string[])[];
  readonly objective: ObjectiveName;
  readonly objectiveOptions: Readonly<Record<string, number>>;
  /** Classifiers: the class labels, in the order of the outputs; regressors: null. */
  readonly classes: readonly ClassLabel[] | null;
  /** float64 × nOutputs. */
  readonly baseScore: Section;
  readonly nOutputs: number;
  readonly info: {
    readonly nIterations: number;
    readonly bestIteration: number;
    readonly stoppedEarly: boolean;
    readonly evalMetric: string | null;
    /** float64 per iteration. */
    readonly validScores: Section;
  };
  readonly treeLayout: readonly (readonly [string, DType])[];
  /** Iteration t, output k at index t * nOutputs + k. */
  readonly trees: readonly TreeEntry[];
  readonly payloadBytes: number;
}

/** A header whose every field has been checked; params carry their defaults. */
export interface CheckedHeader extends ModelHeader {
  readonly featureNames: string[];
  readonly isCategorical: boolean[];
  readonly categories: string[][];
  readonly classes: ClassLabel[] | null;
  readonly params: Record<string, unknown>;
}

const MAX_OUTPUTS = 1 << 16;

/** Checks a parsed header of a known format, version and kind; throws InvalidInput naming the field. */
export function checkedHeader(raw: Record<string, unknown>, expected: { readonly kind: ModelKind; readonly params: ParamSpecs }): CheckedHeader {
  const { kind } = expected;
  const params = resolveParams(expected.params, objectAt(raw, "params"), `${kind} document`) as Record<string, unknown>;
  const featureNames = arrayAt(raw, "featureNames", (v, w) => stringOf(v, w));
  const p = featureNames.length;
  const isCategorical = arrayAt(raw, "isCategorical", (v, w) => booleanOf(v, w), p);
  const categories = arrayAt(raw, "categories", (v, w) => arrayOf(v, w, (c, wc) => stringOf(c, wc)), p);
  const objective = raw.objective;
  if (typeof objective !== "string" || !(OBJECTIVE_NAMES as readonly string[]).includes(objective)) {
    throw fieldError("objective", `one of ${OBJECTIVE_NAMES.join(", ")}`, objective);
  }
  const objectiveOptions = objectAt(raw, "objectiveOptions");
  for (const [name, v] of Object.entries(objectiveOptions)) numberOf(v, `objectiveOptions.${name}`);
  const nOutputs = integerAt(raw, "nOutputs", 1, MAX_OUTPUTS);
  const built = createObjective(objective as ObjectiveName, objectiveOptions as Record<string, number>);
  if (built.nOutputs !== nOutputs) throw new InvalidInput(`Model header: objective ${objective} has ${built.nOutputs} outputs but nOutputs is ${nOutputs}`);
  const classes = classesOf(raw.classes, kind, objective as ObjectiveName, nOutputs);

  const info = objectAt(raw, "info");
  const nIterations = integerAt(info, "nIterations", 0, Number.MAX_SAFE_INTEGER, "info.");
  const checkedInfo = {
    nIterations,
    bestIteration: integerAt(info, "bestIteration", -1, Number.MAX_SAFE_INTEGER, "info."),
    stoppedEarly: booleanOf(info.stoppedEarly, "info.stoppedEarly"),
    evalMetric: info.evalMetric === null ? null : stringOf(info.evalMetric, "info.evalMetric"),
    validScores: sectionOf(info.validScores, "info.validScores"),
  };
  const layout = JSON.stringify(raw.treeLayout);
  if (layout !== JSON.stringify(TREE_LAYOUT)) throw new InvalidInput(`Model header: treeLayout is ${layout}, expected ${JSON.stringify(TREE_LAYOUT)}`);
  const trees = arrayAt(raw, "trees", (v, w) => {
    const entry = objectOf(v, w);
    return {
      nNodes: integerAt(entry, "nNodes", 1, 2 ** 31 - 1, `${w}.`),
      nCatWords: integerAt(entry, "nCatWords", 0, 2 ** 31 - 1, `${w}.`),
      offset: integerAt(entry, "offset", 0, Number.MAX_SAFE_INTEGER, `${w}.`),
    };
  });
  if (trees.length !== nIterations * nOutputs) {
    throw new InvalidInput(`Model header lists ${trees.length} trees but ${nIterations} iterations × ${nOutputs} outputs need ${nIterations * nOutputs}`);
  }
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind,
    params,
    featureNames,
    isCategorical,
    categories,
    objective: objective as ObjectiveName,
    objectiveOptions: objectiveOptions as Record<string, number>,
    classes,
    baseScore: sectionOf(raw.baseScore, "baseScore"),
    nOutputs,
    info: checkedInfo,
    treeLayout: TREE_LAYOUT,
    trees,
    payloadBytes: integerAt(raw, "payloadBytes", 0, Number.MAX_SAFE_INTEGER),
  };
}

/** Classifiers: two or more distinct labels, as many as the objective has classes; regressors: null. */
function classesOf(value: unknown, kind: ModelKind, objective: ObjectiveName, nOutputs: number): ClassLabel[] | null {
  const isClassifier = kind === "gradient-boosting-classifier";
  const isClassification = objective === "binary-logloss" || objective === "softmax";
  if (isClassifier !== isClassification) throw new InvalidInput(`Model header: a ${kind} cannot have objective ${objective}`);
  if (!isClassifier) {
    if (value !== null) throw fieldError("classes", "null for a regressor", value);
    return null;
  }
  const classes = arrayOf(value, "classes", (v, w): ClassLabel => {
    if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) return v;
    throw fieldError(w, "a string, finite number or boolean", v);
  });
  const expected = objective === "binary-logloss" ? 2 : nOutputs;
  if (classes.length !== expected) throw new InvalidInput(`Model header: objective ${objective} with ${nOutputs} outputs needs ${expected} classes, but classes has ${classes.length}`);
  if (new Set(classes).size !== classes.length) throw new InvalidInput(`Model header: classes repeat a label: ${JSON.stringify(classes)}`);
  return classes;
}

