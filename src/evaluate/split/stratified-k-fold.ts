// Stratified k-fold, scikit-learn's StratifiedKFold allocation: the labels, sorted by class (in
// order of first appearance), are dealt to the folds round-robin, which fixes how many rows of each
// class every fold gets; then each class's rows, in row order (or shuffled with a seed), are given
// to the folds in that quota. Without shuffle the folds are exactly scikit-learn's.

import { InvalidInput, Rng } from "../../core/index.js";
import { checkNSplits, foldsFromAssignment, labelCodes, type Fold } from "./fold.js";

export interface StratifiedKFoldOptions {
  readonly nSplits?: number;
  readonly shuffle?: boolean;
  readonly seed?: number;
}

export function stratifiedKFold(y: ArrayLike<unknown>, options: StratifiedKFoldOptions = {}): Fold[] {
  const { nSplits = 5, shuffle = false, seed = 0 } = options;
  checkNSplits(nSplits, "stratifiedKFold");
  const { codes, labels, counts } = labelCodes(y, "stratifiedKFold y");
  if (nSplits > codes.length) throw new InvalidInput(`stratifiedKFold cannot make ${nSplits} folds from ${codes.length} samples`, { hint: `use nSplits ≤ ${codes.length}` });
  const smallest = counts.indexOf(Math.min(...counts));
  if (counts[smallest] < nSplits) {
    throw new InvalidInput(
      `stratifiedKFold cannot put class ${JSON.stringify(labels[smallest])} in ${nSplits} folds: it has only ${counts[smallest]} member${counts[smallest] === 1 ? "" : "s"}`,
      { hint: `use nSplits ≤ ${counts[smallest]}, merge rare classes, or use kFold` },
    );
  }
  const quota = allocation(counts, nSplits);
  const rng = new Rng(seed);
  const foldOf = new Int32Array(codes.length);
  const next = new Int32Array(labels.length);
  const perClass = counts.map((count, k) => {
    const folds = new Int32Array(count);
    let j = 0;
    for (let f = 0; f < nSplits; f++) for (let q = 0; q < quota[f * labels.length + k]; q++) folds[j++] = f;
    return shuffle ? rng.shuffle(folds) : folds;
  });
  for (let i = 0; i < codes.length; i++) foldOf[i] = perClass[codes[i]][next[codes[i]]++];
  return foldsFromAssignment(foldOf, nSplits);
}

/** quota[f·K + k]: rows of class k in fold f, from dealing the class-sorted labels round-robin. */
function allocation(counts: readonly number[], nSplits: number): Int32Array {
  const K = counts.length;
  const quota = new Int32Array(nSplits * K);
  let position = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < counts[k]; j++, position++) quota[(position % nSplits) * K + k]++;
  }
  return quota;
}
