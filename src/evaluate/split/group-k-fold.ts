// Group k-fold: every group's rows land in one fold, so no group is both fitted on and scored on.
// Groups are placed largest first, each into the fold with the fewest rows so far (scikit-learn's
// GroupKFold), which balances fold sizes. Groups of equal size are placed in descending order of
// their sorted value, as numpy's argsort does on small arrays, so the folds match scikit-learn's.

import { InvalidInput } from "../../core/index.js";
import { checkNSplits, foldsFromAssignment, labelCodes, type Fold } from "./fold.js";

export interface GroupKFoldOptions {
  readonly nSplits?: number;
}

export function groupKFold(groups: ArrayLike<unknown>, options: GroupKFoldOptions = {}): Fold[] {
  const { nSplits = 5 } = options;
  checkNSplits(nSplits, "groupKFold");
  const { codes, labels, counts } = labelCodes(groups, "groupKFold groups");
  if (labels.length < nSplits) {
    throw new InvalidInput(`groupKFold cannot make ${nSplits} folds from ${labels.length} distinct group${labels.length === 1 ? "" : "s"}`, {
      hint: `use nSplits ≤ ${labels.length}`,
    });
  }
  // Rank groups by their value (np.unique order), then by size, largest first.
  const byValue = labels.map((_, k) => k).sort((a, b) => compareValues(labels[a], labels[b]));
  const rankOfValue = new Int32Array(labels.length);
  byValue.forEach((k, r) => (rankOfValue[k] = r));
  const order = byValue.slice().sort((a, b) => counts[b] - counts[a] || rankOfValue[b] - rankOfValue[a]);
  const foldSize = new Float64Array(nSplits);
  const foldOfGroup = new Int32Array(labels.length);
  for (const k of order) {
    let lightest = 0;
    for (let f = 1; f < nSplits; f++) if (foldSize[f] < foldSize[lightest]) lightest = f;
    foldSize[lightest] += counts[k];
    foldOfGroup[k] = lightest;
  }
  const foldOf = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) foldOf[i] = foldOfGroup[codes[i]];
  return foldsFromAssignment(foldOf, nSplits);
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
