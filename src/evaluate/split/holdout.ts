// Holdout: one train/test split. With `stratify`, every class keeps its share of the test set
// (largest remainder of nTest × classShare, ties broken by the seed, as scikit-learn's
// StratifiedShuffleSplit does), so a rare class is not lost from either side by chance.

import { InvalidInput, Rng } from "../../core/index.js";
import { checkNSamples, complement, labelCodes, type Fold } from "./fold.js";

export interface HoldoutOptions {
  /** Fraction of rows in (0, 1), or a whole number of rows, to hold out (default 0.25). */
  readonly testSize?: number;
  /** Shuffle before splitting (default true); without it the last rows are the test set. */
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Class labels to keep in proportion on both sides. */
  readonly stratify?: ArrayLike<unknown>;
}

export function holdout(nSamples: number, options: HoldoutOptions = {}): Fold {
  const { testSize = 0.25, shuffle = true, seed = 0, stratify } = options;
  checkNSamples(nSamples, "holdout");
  const nTest = testCount(nSamples, testSize);
  if (!shuffle) {
    if (stratify) throw new InvalidInput("holdout: stratify needs shuffle: true", { hint: "drop shuffle: false, or drop stratify" });
    const train = Int32Array.from({ length: nSamples - nTest }, (_, i) => i);
    return { train, test: Int32Array.from({ length: nTest }, (_, i) => nSamples - nTest + i) };
  }
  const rng = new Rng(seed);
  const test = stratify ? stratifiedTest(stratify, nSamples, nTest, rng) : rng.sample(nSamples, nTest);
  return { train: complement(nSamples, test), test };
}

function testCount(nSamples: number, testSize: number): number {
  const nTest = testSize > 0 && testSize < 1 ? Math.ceil(testSize * nSamples) : testSize;
  if (!Number.isInteger(nTest) || nTest < 1 || nTest >= nSamples) {
    throw new InvalidInput(`holdout: testSize ${testSize} leaves no rows on one side of a split of ${nSamples} samples`, {
      hint: "give a fraction in (0, 1) or a whole number of rows between 1 and nSamples − 1",
    });
  }
  return nTest;
}

function stratifiedTest(stratify: ArrayLike<unknown>, nSamples: number, nTest: number, rng: Rng): Int32Array {
  if (stratify.length !== nSamples) throw new InvalidInput(`holdout: stratify has ${stratify.length} labels for ${nSamples} samples`);
  const { codes, labels, counts } = labelCodes(stratify, "holdout stratify");
  const rare = counts.findIndex((c) => c < 2);
  if (rare >= 0) {
    throw new InvalidInput(`holdout: class ${JSON.stringify(labels[rare])} has a single member, so it cannot be on both sides of a stratified split`, {
      hint: "drop or merge that class, or split without stratify",
    });
  }
  if (nTest < labels.length || nSamples - nTest < labels.length) {
    throw new InvalidInput(`holdout: a stratified split of ${labels.length} classes needs at least ${labels.length} rows on each side: testSize gives ${nTest} test and ${nSamples - nTest} train`);
  }
  const quota = largestRemainder(counts, nTest, rng);
  const rowsOf = counts.map((c) => new Int32Array(c));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < nSamples; i++) rowsOf[codes[i]][filled[codes[i]]++] = i;
  const test = new Int32Array(nTest);
  let t = 0;
  rowsOf.forEach((rows, k) => {
    for (const j of rng.sample(rows.length, quota[k])) test[t++] = rows[j];
  });
  return test.sort();
}

/** Integer shares of `total` proportional to `counts`; leftover units go to the largest remainders. */
function largestRemainder(counts: readonly number[], total: number, rng: Rng): Int32Array {
  const n = counts.reduce((a, b) => a + b, 0);
  const quota = Int32Array.from(counts, (c) => Math.floor((total * c) / n));
  let left = total - quota.reduce((a, b) => a + b, 0);
  const order = rng.permutation(counts.length);
  const remainder = (k: number): number => (total * counts[k]) / n - quota[k];
  const ranked = [...order].sort((a, b) => remainder(b) - remainder(a));
  for (const k of ranked) {
    if (left === 0) break;
    quota[k]++;
    left--;
  }
  return quota;
}
