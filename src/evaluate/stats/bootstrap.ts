// Bootstrap confidence intervals for any metric: resample rows with replacement (within each class
// when stratified), recompute the metric, and read the interval off the replicates, by percentile
// or by BCa (Efron 1987: bias-corrected and accelerated, the acceleration from a jackknife). The
// paired variant resamples the same rows for two models and bootstraps their difference.

import { InvalidInput, Rng } from "../../core/index.js";
import { labelCodes } from "../split/fold.js";
import { normalCdf, normalQuantile } from "../../core/index.js";
import { quantileSorted } from "./quantile.js";
import { checkSameRows, takeRows, type Rows } from "./resample.js";

/** A metric: the score of `prediction` against `yTrue`, with optional row weights. */
export type MetricFunction<Y extends Rows = Rows, P extends Rows = Rows> = (yTrue: Y, prediction: P, weight?: Float64Array) => number;

export interface BootstrapOptions {
  readonly nBootstrap?: number;
  readonly confidence?: number;
  readonly method?: "percentile" | "bca";
  readonly seed?: number;
  /** Resample within each class of yTrue, so every replicate keeps the class counts. */
  readonly stratify?: boolean;
  readonly sampleWeight?: ArrayLike<number>;
  /** BCa's jackknife leaves out one row up to this many rows, then one of this many blocks (default 1000). */
  readonly maxJackknife?: number;
}

export interface BootstrapResult {
  /** The metric on all rows. */
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly method: "percentile" | "bca";
  readonly confidence: number;
  /** Standard deviation of the replicates. */
  readonly standardError: number;
  readonly replicates: Float64Array;
}

export interface PairedBootstrapResult extends BootstrapResult {
  /** Two-sided bootstrap p-value of "no difference": twice the share of replicates across zero, (count + 1) / (B + 1). */
  readonly pValue: number;
}

type Statistic = (index: Int32Array) => number;

export function bootstrapCi<Y extends Rows, P extends Rows>(yTrue: Y, prediction: P, metric: MetricFunction<Y, P>, options: BootstrapOptions = {}): BootstrapResult {
  const n = checkedRows(yTrue, [prediction]);
  const weight = weightsFor(options.sampleWeight, n);
  const statistic: Statistic = (index) => metric(takeRows(yTrue, index), takeRows(prediction, index), weight && takeRows(weight, index));
  return run(statistic, yTrue, n, options);
}

/** The bootstrap of metric(A) − metric(B) on the same resampled rows. */
export function pairedBootstrap<Y extends Rows, P extends Rows>(
  yTrue: Y,
  predictions: { readonly a: P; readonly b: P },
  metric: MetricFunction<Y, P>,
  options: BootstrapOptions = {},
): PairedBootstrapResult {
  const n = checkedRows(yTrue, [predictions.a, predictions.b]);
  const weight = weightsFor(options.sampleWeight, n);
  const statistic: Statistic = (index) => {
    const y = takeRows(yTrue, index);
    const w = weight && takeRows(weight, index);
    return metric(y, takeRows(predictions.a, index), w) - metric(y, takeRows(predictions.b, index), w);
  };
  const result = run(statistic, yTrue, n, options);
  let below = 0;
  let above = 0;
  for (const d of result.replicates) {
    if (d <= 0) below++;
    if (d >= 0) above++;
  }
  const B = result.replicates.length;
  return { ...result, pValue: Math.min(1, (2 * (Math.min(below, above) + 1)) / (B + 1)) };
}

function run(statistic: Statistic, yTrue: Rows, n: number, options: BootstrapOptions): BootstrapResult {
  const { nBootstrap = 1000, confidence = 0.95, method = "bca", seed = 0, stratify = false } = options;
  if (!Number.isInteger(nBootstrap) || nBootstrap < 2) throw new InvalidInput(`nBootstrap must be an integer ≥ 2: received ${nBootstrap}`);
  if (!(confidence > 0 && confidence < 1)) throw new InvalidInput(`confidence must be in (0, 1): received ${confidence}`);
  if (method !== "bca" && method !== "percentile") throw new InvalidInput(`bootstrap method must be "percentile" or "bca": received ${String(method)}`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(all);
  const rng = new Rng(seed);
  const strata = stratify ? stratumRows(yTrue as ArrayLike<unknown>) : [all];
  const index = new Int32Array(n);
  const replicates = new Float64Array(nBootstrap);
  for (let b = 0; b < nBootstrap; b++) {
    let k = 0;
    for (const rows of strata) for (let j = 0; j < rows.length; j++) index[k++] = rows[rng.int(rows.length)];
    replicates[b] = statistic(index);
  }
  if (replicates.some((v) => Number.isNaN(v))) {
    throw new InvalidInput("The metric is NaN on some bootstrap samples", { hint: "a resample may lack a class: use stratify: true" });
  }
  const sorted = replicates.slice().sort();
  const alpha = (1 - confidence) / 2;
  let lowQ = alpha;
  let highQ = 1 - alpha;
  if (method === "bca" && sorted[0] !== sorted[nBootstrap - 1]) {
    const a = acceleration(statistic, n, options.maxJackknife ?? 1000, rng);
    let less = 0;
    for (const v of replicates) if (v < estimate) less++;
    const z0 = normalQuantile(less / nBootstrap);
    const adjust = (zAlpha: number): number => normalCdf(z0 + (z0 + zAlpha) / (1 - a * (z0 + zAlpha)));
    lowQ = adjust(normalQuantile(alpha));
    highQ = adjust(normalQuantile(1 - alpha));
  }
  return {
    estimate,
    low: quantileSorted(sorted, lowQ),
    high: quantileSorted(sorted, highQ),
    method,
    confidence,
    standardError: standardDeviation(replicates),
    replicates,
  };
}

/** BCa's acceleration from the jackknife: leave-one-out, or leave-one-block-out on large samples. */
function acceleration(statistic: Statistic, n: number, maxJackknife: number, rng: Rng): number {
  const nBlocks = Math.min(n, maxJackknife);
  const blockOf = new Int32Array(n);
  if (nBlocks === n) for (let i = 0; i < n; i++) blockOf[i] = i;
  else rng.permutation(n).forEach((row, r) => (blockOf[row] = r % nBlocks));
  const kept = new Int32Array(n);
  const values = new Float64Array(nBlocks);
  for (let g = 0; g < nBlocks; g++) {
    let k = 0;
    for (let i = 0; i < n; i++) if (blockOf[i] !== g) kept[k++] = i;
    values[g] = statistic(kept.subarray(0, k));
  }
  let mean = 0;
  for (const v of values) mean += v / nBlocks;
  let num = 0;
  let den = 0;
  for (const v of values) {
    num += (mean - v) ** 3;
    den += (mean - v) ** 2;
  }
  return den > 0 ? num / (6 * den ** 1.5) : 0;
}

function stratumRows(yTrue: ArrayLike<unknown>): Int32Array[] {
  const { codes, counts } = labelCodes(yTrue, "bootstrap yTrue");
  const rows = counts.map((c) => new Int32Array(c));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < codes.length; i++) rows[codes[i]][filled[codes[i]]++] = i;
  return rows;
}

function checkedRows(yTrue: Rows, predictions: Rows[]): number {
  const n = (yTrue as ArrayLike<unknown>).length ?? 0;
  if (n < 2) throw new InvalidInput(`A bootstrap needs at least 2 rows: received ${n}`);
  for (const p of predictions) checkSameRows(n, p, "prediction");
  return n;
}

function weightsFor(weight: ArrayLike<number> | undefined, n: number): Float64Array | undefined {
  if (weight === undefined) return undefined;
  if (weight.length !== n) throw new InvalidInput(`sampleWeight has ${weight.length} values but yTrue has ${n}`);
  return Float64Array.from(weight);
}

function standardDeviation(values: Float64Array): number {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}
