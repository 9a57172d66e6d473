// K-fold: contiguous folds of nearly equal size (the first n mod k folds one row larger), over the
// rows in order or, with shuffle, over a seeded permutation. Without shuffle the folds are exactly
// scikit-learn's KFold.

import { Rng } from "../../core/index.js";
import { InvalidInput } from "../../core/index.js";
import { checkNSamples, checkNSplits, foldsFromAssignment, type Fold } from "./fold.js";

export interface KFoldOptions {
  readonly nSplits?: number;
  readonly shuffle?: boolean;
  readonly seed?: number;
}

export function kFold(nSamples: number, options: KFoldOptions = {}): Fold[] {
  const { nSplits = 5, shuffle = false, seed = 0 } = options;
  checkNSplits(nSplits, "kFold");
  checkNSamples(nSamples, "kFold");
  if (nSplits > nSamples) {
    throw new InvalidInput(`kFold cannot make ${nSplits} folds from ${nSamples} samples`, { hint: `use nSplits ≤ ${nSamples}` });
  }
  const order = shuffle ? new Rng(seed).permutation(nSamples) : null;
  const foldOf = new Int32Array(nSamples);
  const base = Math.floor(nSamples / nSplits);
  const larger = nSamples % nSplits;
  let position = 0;
  for (let f = 0; f < nSplits; f++) {
    const size = base + (f < larger ? 1 : 0);
    for (let j = 0; j < size; j++, position++) foldOf[order ? order[position] : position] = f;
  }
  return foldsFromAssignment(foldOf, nSplits);
}
