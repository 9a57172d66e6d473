// Repeated k-fold: nRepeats shuffled k-fold partitions, each from its own seed drawn from `seed`,
// for lower-variance estimates and for the corrected resampled t-test over folds.

import { InvalidInput, Rng } from "../../core/index.js";
import type { Fold } from "./fold.js";
import { kFold } from "./k-fold.js";
import { stratifiedKFold } from "./stratified-k-fold.js";

export interface RepeatedKFoldOptions {
  readonly nSplits?: number;
  readonly nRepeats?: number;
  readonly seed?: number;
}

/** nRepeats × nSplits folds; fold r·nSplits + f is fold f of repeat r. */
export function repeatedKFold(nSamples: number, options: RepeatedKFoldOptions = {}): Fold[] {
  return repeat(options, (seed, nSplits) => kFold(nSamples, { nSplits, shuffle: true, seed }));
}

/** Repeated stratified k-fold over the labels y. */
export function repeatedStratifiedKFold(y: ArrayLike<unknown>, options: RepeatedKFoldOptions = {}): Fold[] {
  return repeat(options, (seed, nSplits) => stratifiedKFold(y, { nSplits, shuffle: true, seed }));
}

function repeat(options: RepeatedKFoldOptions, split: (seed: number, nSplits: number) => Fold[]): Fold[] {
  const { nSplits = 5, nRepeats = 10, seed = 0 } = options;
  if (!Number.isInteger(nRepeats) || nRepeats < 1) throw new InvalidInput(`nRepeats must be an integer ≥ 1: received ${nRepeats}`);
  const rng = new Rng(seed);
  const folds: Fold[] = [];
  for (let r = 0; r < nRepeats; r++) folds.push(...split(rng.nextUint32(), nSplits));
  return folds;
}
