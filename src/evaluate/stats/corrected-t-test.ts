// Nadeau & Bengio's corrected resampled t-test (Machine Learning 52, 2003) for two models scored
// on the same folds. Fold scores share training rows, so their differences are correlated and the
// plain t-test is far too confident; the correction inflates the variance of the mean difference
// from σ²/J to (1/J + nTest/nTrain)·σ².

import { InvalidInput } from "../../core/index.js";
import { studentTCdf, studentTQuantile, studentTSf } from "../../core/index.js";

export interface CorrectedTTestOptions {
  /** Rows each model was fitted on, per fold (the average when folds differ). */
  readonly nTrain: number;
  /** Rows each model was scored on, per fold. */
  readonly nTest: number;
  readonly alternative?: "two-sided" | "greater" | "less";
  readonly confidence?: number;
}

export interface PairedTestResult {
  /** Mean of scoreA − scoreB over folds. */
  readonly meanDifference: number;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Confidence interval of the mean difference, with the corrected variance. */
  readonly low: number;
  readonly high: number;
}

/**
 * scoresA[j] and scoresB[j] are the two models' scores on fold j. With every difference equal the
 * variance is 0: the statistic is ±Infinity (p = 0) for a non-zero difference and the p-value is 1
 * when there is none.
 */
export function correctedTTest(scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, options: CorrectedTTestOptions): PairedTestResult {
  const { nTrain, nTest, alternative = "two-sided", confidence = 0.95 } = options;
  const J = scoresA.length;
  if (scoresB.length !== J) throw new InvalidInput(`correctedTTest: scoresA has ${J} folds but scoresB has ${scoresB.length}`);
  if (J < 2) throw new InvalidInput(`correctedTTest needs at least 2 folds: received ${J}`);
  if (!(nTrain > 0 && nTest > 0)) throw new InvalidInput(`correctedTTest needs nTrain > 0 and nTest > 0: received ${nTrain} and ${nTest}`);
  let mean = 0;
  for (let j = 0; j < J; j++) mean += scoresA[j] - scoresB[j];
  mean /= J;
  let ss = 0;
  for (let j = 0; j < J; j++) ss += (scoresA[j] - scoresB[j] - mean) ** 2;
  if (!Number.isFinite(ss)) throw new InvalidInput("correctedTTest: the scores must be finite numbers");
  const se = Math.sqrt((1 / J + nTest / nTrain) * (ss / (J - 1)));
  const df = J - 1;
  const statistic = se > 0 ? mean / se : mean === 0 ? 0 : mean > 0 ? Infinity : -Infinity;
  const pValue =
    alternative === "greater" ? studentTSf(statistic, df) : alternative === "less" ? studentTCdf(statistic, df) : Math.min(1, 2 * studentTSf(Math.abs(statistic), df));
  const half = se * studentTQuantile(0.5 + confidence / 2, df);
  return { meanDifference: mean, statistic, df, pValue, low: mean - half, high: mean + half };
}
