// The fit both forest families share: check and sort the data once (in shared memory, for the
// worker threads), derive every tree's seed, grow the trees, prune them, score out of bag.

import { InvalidInput, defaultThreads, type Matrix } from "../../core/index.js";
import { fitInputs, growSettingsOf, pruneTree, type FlatTree, type MaxFeatures, type TreeFitOptions } from "../tree/index.js";
import type { ClassLabel } from "../inputs.js";
import { drawsOf, treeSeeds } from "./bootstrap.js";
import type { ForestInfo } from "./forest-model.js";
import { growForest } from "./grow-forest.js";
import { outOfBag } from "./out-of-bag.js";

export interface ForestParams {
  criterion: string;
  maxDepth: number | null;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxLeafNodes: number | null;
  maxFeatures: MaxFeatures;
  ccpAlpha: number;
  seed: number;
  nEstimators: number;
  bootstrap: boolean;
  maxSamples: number | null;
  oobScore: boolean;
  nThreads: number | null;
}

export interface FittedForest {
  readonly trees: FlatTree[];
  readonly featureNames: string[];
  readonly classes: ClassLabel[] | null;
  readonly info: ForestInfo;
}

export function fitForest(X: Matrix, y: ArrayLike<unknown>, options: TreeFitOptions, spec: { task: "classification" | "regression"; splitter: "best" | "random"; owner: string; params: ForestParams }): FittedForest {
  const { params, owner } = spec;
  if (params.oobScore && !params.bootstrap) throw new InvalidInput(`${owner}: oobScore needs bootstrap = true (without it no row is ever out of bag)`);
  if (params.maxSamples !== null && !params.bootstrap) throw new InvalidInput(`${owner}: maxSamples applies to bootstrap samples: set bootstrap = true or leave maxSamples null`);
  const inputs = fitInputs(X, y, options, spec.task, true);
  const nClasses = inputs.classes?.length ?? 0;
  const { seed: _seed, ...settings } = growSettingsOf({ ...params, splitter: spec.splitter }, nClasses, inputs.set.nFeatures);
  const seeds = treeSeeds(params.seed, params.nEstimators);
  const nDraws = params.bootstrap ? drawsOf(params.maxSamples, inputs.set.nRows) : 0;
  const grown = growForest({ set: inputs.set, y: shared(inputs.y), weight: inputs.weight, settings, seeds, nDraws }, params.nThreads, defaultThreads());
  const trees = grown.map((tree) => pruneTree(tree, params.ccpAlpha));
  const warnings = [...inputs.warnings];
  let oob: ForestInfo["oobPrediction"] = null;
  let oobScore: number | null = null;
  if (params.oobScore) {
    const found = outOfBag(trees, seeds, nDraws, inputs.set, inputs.y, nClasses);
    oob = found.prediction;
    oobScore = found.score;
    warnings.push(...found.warnings);
  }
  return { trees, featureNames: inputs.featureNames, classes: inputs.classes, info: { warnings, oobPrediction: oob, oobScore } };
}

function shared(a: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}
