// The reliability curve (scikit-learn's calibration_curve): bin the predicted probabilities, and in
// each non-empty bin compare the mean prediction with the fraction of positives. Bin edges are
// computed as numpy computes them, so the bins are scikit-learn's to the last bit. The expected
// calibration error is the count-weighted mean gap between the two over the same bins.

import { InvalidInput } from "../../core/index.js";
import { positiveMask } from "../stats/binary-target.js";
import { quantileSorted } from "../stats/quantile.js";

export interface CalibrationCurveOptions {
  readonly nBins?: number;
  /** "uniform": equal-width bins on [0, 1]; "quantile": equal-count bins. */
  readonly strategy?: "uniform" | "quantile";
  readonly positiveLabel?: unknown;
}

export interface CalibrationCurve {
  /** Fraction of positives in each non-empty bin. */
  readonly probTrue: Float64Array;
  /** Mean predicted probability in each non-empty bin. */
  readonly probPred: Float64Array;
  /** Rows in each non-empty bin. */
  readonly counts: Int32Array;
}

export function calibrationCurve(yTrue: ArrayLike<unknown>, prob: ArrayLike<number>, options: CalibrationCurveOptions = {}): CalibrationCurve {
  const { nBins = 5, strategy = "uniform" } = options;
  const n = yTrue.length;
  if (prob.length !== n) throw new InvalidInput(`calibrationCurve: yTrue has ${n} rows but prob has ${prob.length}`);
  if (!Number.isInteger(nBins) || nBins < 1) throw new InvalidInput(`calibrationCurve: nBins must be an integer ≥ 1: received ${nBins}`);
  for (let i = 0; i < n; i++) if (!(prob[i] >= 0 && prob[i] <= 1)) throw new InvalidInput(`calibrationCurve: prob must be in [0, 1]: row ${i} is ${prob[i]}`);
  const positive = positiveMask(yTrue, options.positiveLabel, "calibrationCurve");
  const inner = innerEdges(prob, nBins, strategy);
  const sumPred = new Float64Array(nBins);
  const sumTrue = new Float64Array(nBins);
  const total = new Int32Array(nBins);
  for (let i = 0; i < n; i++) {
    // numpy.searchsorted(inner, p, side="left"): the number of inner edges below p.
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inner[mid] < prob[i]) lo = mid + 1;
      else hi = mid;
    }
    sumPred[lo] += prob[i];
    sumTrue[lo] += positive[i];
    total[lo]++;
  }
  const kept = [...total.keys()].filter((b) => total[b] > 0);
  return {
    probTrue: Float64Array.from(kept, (b) => sumTrue[b] / total[b]),
    probPred: Float64Array.from(kept, (b) => sumPred[b] / total[b]),
    counts: Int32Array.from(kept, (b) => total[b]),
  };
}

/** Σ (n_b / n)·|fraction of positives − mean prediction| over the bins of calibrationCurve (default 10 uniform bins). */
export function expectedCalibrationError(yTrue: ArrayLike<unknown>, prob: ArrayLike<number>, options: CalibrationCurveOptions = {}): number {
  const { probTrue, probPred, counts } = calibrationCurve(yTrue, prob, { nBins: 10, ...options });
  let sum = 0;
  for (let b = 0; b < counts.length; b++) sum += (counts[b] / prob.length) * Math.abs(probTrue[b] - probPred[b]);
  return sum;
}

/** The nBins − 1 edges between bins, as numpy's linspace and percentile give them. */
function innerEdges(prob: ArrayLike<number>, nBins: number, strategy: string): Float64Array {
  const step = 1 / nBins;
  const inner = new Float64Array(nBins - 1);
  if (strategy === "uniform") {
    for (let k = 1; k < nBins; k++) inner[k - 1] = k * step;
  } else if (strategy === "quantile") {
    const sorted = Float64Array.from(prob).sort();
    // np.percentile(p, linspace(0, 1, nBins + 1) · 100) divides by 100 again.
    for (let k = 1; k < nBins; k++) inner[k - 1] = quantileSorted(sorted, ((k * step) * 100) / 100);
  } else {
    throw new InvalidInput(`calibrationCurve: strategy must be "uniform" or "quantile": received ${strategy}`);
  }
  return inner;
}
