// Decision-tree parameters, declared once (scikit-learn's names in camelCase, and its meaning).
// maxFeatures is the one parameter that is either a word or a number; maxFeaturesOf resolves it.

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../../core/index.js";

/** "sqrt", "log2", "all", a fraction in (0, 1] of the features, or a count ≥ 2 of them. */
export type MaxFeatures = "sqrt" | "log2" | "all" | number;

/** What every CART grower takes, trees and forests alike. */
export const CART_PARAMS = {
  maxDepth: { type: "optional-integer", default: null, min: 1, max: 1000, doc: "Deepest a tree may grow (the root is depth 0). Null: until leaves are pure or too small." },
  minSamplesSplit: { type: "integer", default: 2, min: 2, doc: "Fewest rows a node needs to be split." },
  minSamplesLeaf: { type: "integer", default: 1, min: 1, doc: "Fewest rows each child of a split must keep." },
  minImpurityDecrease: { type: "number", default: 0, min: 0, doc: "Smallest weighted impurity decrease (share of all rows × decrease) a split must bring." },
  maxLeafNodes: { type: "optional-integer", default: null, min: 2, doc: "Most leaves; when set, the tree grows best split first. Null: no limit." },
  ccpAlpha: { type: "number", default: 0, min: 0, doc: "Minimal cost-complexity pruning: subtrees whose effective alpha is at most this are cut after growth." },
  seed: { type: "integer", default: 0, doc: "Seed for the order features are tried in, and feature subsampling." },
} as const satisfies ParamSpecs;

export const TREE_CLASSIFIER_PARAMS = {
  ...CART_PARAMS,
  criterion: { type: "enum", default: "gini", values: ["gini", "entropy", "log_loss"], doc: "Impurity a split reduces: Gini, or entropy in bits (log_loss is the same)." },
  maxFeatures: { type: "enum", default: "all", values: ["sqrt", "log2", "all"], doc: 'Features tried per split: "sqrt", "log2", "all", a fraction in (0, 1] or a count ≥ 2.' },
  splitter: { type: "enum", default: "best", values: ["best", "random"], doc: "best: exact search over sorted values; random: one uniform threshold per feature (extremely randomised trees)." },
} as const satisfies ParamSpecs;

export const TREE_REGRESSOR_PARAMS = {
  ...CART_PARAMS,
  criterion: { type: "enum", default: "squared_error", values: ["squared_error"], doc: "Impurity a split reduces: the variance of the target." },
  maxFeatures: TREE_CLASSIFIER_PARAMS.maxFeatures,
  splitter: TREE_CLASSIFIER_PARAMS.splitter,
} as const satisfies ParamSpecs;

type WithMaxFeatures<S extends ParamSpecs> = Omit<ParamValues<S>, "maxFeatures"> & { maxFeatures: MaxFeatures };

/**
 * resolveParams, except that maxFeatures may also be a number: a fraction in (0, 1] of the
 * features, or an integer count ≥ 2 (1 is read as the fraction 1, all features, as in
 * scikit-learn's regressors; ask for a single feature with a fraction below 1 / nFeatures).
 */
export function resolveTreeParams<S extends ParamSpecs & { maxFeatures: ParamSpecs[string] }>(specs: S, given: Readonly<Record<string, unknown>>, owner: string): WithMaxFeatures<S> {
  const value = given.maxFeatures;
  if (typeof value !== "number") return resolveParams(specs, given, owner) as unknown as WithMaxFeatures<S>;
  const valid = Number.isFinite(value) && value > 0 && (value <= 1 || Number.isInteger(value));
  if (!valid) throw new InvalidInput(`Invalid ${owner} parameters: maxFeatures must be "sqrt", "log2", "all", a fraction in (0, 1] or an integer ≥ 2: received ${value}`);
  const resolved = resolveParams(specs, { ...given, maxFeatures: undefined }, owner) as unknown as WithMaxFeatures<S>;
  resolved.maxFeatures = value;
  return resolved;
}

/** How many features a split tries out of nFeatures (scikit-learn's rounding: down, at least 1). */
export function maxFeaturesOf(maxFeatures: MaxFeatures, nFeatures: number): number {
  if (maxFeatures === "all") return nFeatures;
  if (maxFeatures === "sqrt") return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  if (maxFeatures === "log2") return Math.max(1, Math.floor(Math.log2(nFeatures)));
  if (maxFeatures <= 1) return Math.max(1, Math.floor(maxFeatures * nFeatures));
  if (maxFeatures > nFeatures) throw new InvalidInput(`maxFeatures is ${maxFeatures} but X has only ${nFeatures} features`, { hint: "give a count up to the number of features, or a fraction" });
  return maxFeatures;
}
