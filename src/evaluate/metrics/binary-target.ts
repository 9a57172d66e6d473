// yTrue of a binary ranking metric as a 0/1 mask of the positive class, with the class chosen by
// positiveLabel's rule.

import { type ClassLabel, positiveLabel, sortedLabels } from "./class-labels.js";

export interface BinaryTarget {
  readonly isPositive: Uint8Array;
  readonly positive: ClassLabel;
  /** The distinct labels of yTrue, sorted. */
  readonly present: readonly ClassLabel[];
}

export function binaryTarget(yTrue: ArrayLike<ClassLabel>, posLabel: ClassLabel | undefined, metric: string): BinaryTarget {
  const present = sortedLabels([{ y: yTrue, name: "yTrue" }], metric);
  const positive = positiveLabel(present, posLabel, metric);
  const isPositive = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) isPositive[i] = yTrue[i] === positive ? 1 : 0;
  return { isPositive, positive, present };
}
