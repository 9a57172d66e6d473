// A fold is a pair of row-index arrays: the rows to fit on and the rows to score on. Every splitter
// returns folds whose indices are sorted Int32Arrays, so a fold is cheap to keep and to send to a
// worker, and a caller can gather rows with it directly.

import { InvalidInput } from "../../core/index.js";

export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** The fold whose test rows are those with `foldOf[i] === f`, and whose train rows are the rest. */
export function foldsFromAssignment(foldOf: Int32Array, nSplits: number): Fold[] {
  const nTest = new Int32Array(nSplits);
  for (let i = 0; i < foldOf.length; i++) if (foldOf[i] >= 0) nTest[foldOf[i]]++;
  const nAssigned = nTest.reduce((a, b) => a + b, 0);
  const folds: Fold[] = [];
  for (let f = 0; f < nSplits; f++) {
    const test = new Int32Array(nTest[f]);
    const train = new Int32Array(nAssigned - nTest[f]);
    let t = 0;
    let r = 0;
    for (let i = 0; i < foldOf.length; i++) {
      if (foldOf[i] === f) test[t++] = i;
      else if (foldOf[i] >= 0) train[r++] = i;
    }
    folds.push({ train, test });
  }
  return folds;
}

/** The rows 0..n−1 not in `test` (sorted), for a test set given as sorted or unsorted indices. */
export function complement(n: number, test: Int32Array): Int32Array {
  const inTest = new Uint8Array(n);
  for (let i = 0; i < test.length; i++) inTest[test[i]] = 1;
  const train = new Int32Array(n - test.length);
  let r = 0;
  for (let i = 0; i < n; i++) if (!inTest[i]) train[r++] = i;
  return train;
}

export function checkNSplits(nSplits: number, where: string): void {
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new InvalidInput(`${where}: nSplits must be an integer ≥ 2: received ${nSplits}`, { hint: "a cross-validation needs at least two folds" });
  }
}

export function checkNSamples(nSamples: number, where: string): void {
  if (!Number.isInteger(nSamples) || nSamples < 0) throw new InvalidInput(`${where}: the number of samples must be a whole number: received ${nSamples}`);
}

/**
 * Codes 0..K−1 for the distinct labels in order of first appearance (scikit-learn's order in
 * StratifiedKFold), with the labels themselves and their counts.
 */
export function labelCodes(y: ArrayLike<unknown>, what: string): { codes: Int32Array; labels: unknown[]; counts: number[] } {
  if (!y || typeof y.length !== "number") throw new InvalidInput(`${what} must be an array of labels`);
  const index = new Map<unknown, number>();
  const labels: unknown[] = [];
  const counts: number[] = [];
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
      throw new InvalidInput(`${what} is missing at row ${i}: drop rows without a label before splitting`);
    }
    let k = index.get(v);
    if (k === undefined) {
      k = labels.length;
      index.set(v, k);
      labels.push(v);
      counts.push(0);
    }
    counts[k]++;
    codes[i] = k;
  }
  return { codes, labels, counts };
}
