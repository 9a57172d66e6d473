// Time-series split: rows are in time order; each fold scores on a block of later rows and fits on
// the rows before it (an expanding window, capped by maxTrainSize), leaving `gap` rows between them
// so that a lagged feature cannot leak the test period. The folds are exactly scikit-learn's
// TimeSeriesSplit.

import { InvalidInput } from "../../core/index.js";
import { checkNSamples, checkNSplits, type Fold } from "./fold.js";

export interface TimeSeriesSplitOptions {
  readonly nSplits?: number;
  /** Rows dropped between the end of each train window and its test block. */
  readonly gap?: number;
  /** Rows in each test block (default ⌊n / (nSplits + 1)⌋). */
  readonly testSize?: number;
  /** Keep at most this many of the latest rows for training. */
  readonly maxTrainSize?: number;
}

export function timeSeriesSplit(nSamples: number, options: TimeSeriesSplitOptions = {}): Fold[] {
  const { nSplits = 5, gap = 0, maxTrainSize } = options;
  checkNSplits(nSplits, "timeSeriesSplit");
  checkNSamples(nSamples, "timeSeriesSplit");
  for (const [name, value, min] of [["gap", gap, 0], ["testSize", options.testSize, 1], ["maxTrainSize", maxTrainSize, 1]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new InvalidInput(`timeSeriesSplit: ${name} must be an integer ≥ ${min}: received ${value}`);
  }
  if (nSplits + 1 > nSamples) {
    throw new InvalidInput(`timeSeriesSplit cannot make ${nSplits} folds from ${nSamples} samples: it needs at least nSplits + 1 = ${nSplits + 1}`);
  }
  const testSize = options.testSize ?? Math.floor(nSamples / (nSplits + 1));
  const firstTest = nSamples - nSplits * testSize;
  if (firstTest - gap <= 0) {
    throw new InvalidInput(
      `timeSeriesSplit: ${nSplits} test blocks of ${testSize} rows with a gap of ${gap} leave no rows to train on in ${nSamples} samples`,
      { hint: "lower nSplits, testSize or gap" },
    );
  }
  const folds: Fold[] = [];
  for (let start = firstTest; start < nSamples; start += testSize) {
    const trainEnd = start - gap;
    const trainStart = maxTrainSize !== undefined && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
    folds.push({ train: range(trainStart, trainEnd), test: range(start, Math.min(start + testSize, nSamples)) });
  }
  return folds;
}

function range(from: number, to: number): Int32Array {
  const out = new Int32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = from + i;
  return out;
}
