// The boosting loop: gradients at the current scores, one tree per output on them, scores moved by
// the tree's leaves; row and feature subsampling per tree; evaluation on a validation set with
// early stopping that keeps the best iteration.

import { InvalidInput, Rng } from "../../core/index.js";
import { Arena } from "./arena.js";
import { applyBinsInArena, fitBins, type BinMapper } from "./binning.js";
import type { FeatureSource } from "./dataset.js";
import { growTree, type GrownTree, type TrainingData } from "./grower.js";
import { HISTOGRAM_BUFFER_BYTES, HistogramPool } from "./histogram.js";
import { MAX_BATCH } from "./node-batches.js";
import { PREPARE_BYTES } from "./prepared-split.js";
import type { Metric } from "./metric.js";
import type { Objective } from "./objective.js";
import { weightedQuantile } from "./base-score.js";
import type { SplitRules } from "./split.js";
import type { Tree } from "./tree.js";
import { TreeScores } from "./tree-scores.js";

export interface BoosterSettings {
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly maxLeaves: number;
  readonly maxBins: number;
  readonly subsample: number;
  readonly colsample: number;
  readonly earlyStoppingRounds: number | null;
  readonly seed: number;
  /** Threads sharing the histogram work; the model is the same for any count. */
  readonly nThreads: number;
  /** Overrides the objective's base score (raw units), for single-output objectives. */
  readonly baseScore: number | null;
  readonly rules: Omit<SplitRules, "allowed">;
  /** Asked after each iteration; true ends training there, keeping the trees so far. */
  readonly shouldStop?: (iteration: number) => boolean;
}

export interface EvalSet {
  readonly source: FeatureSource;
  readonly y: Float64Array;
  readonly weight: Float64Array | null;
}

export interface BoosterResult {
  /** Trees in boosting order: iteration t, output k at index t * nOutputs + k. */
  readonly trees: Tree[];
  readonly baseScore: Float64Array;
  readonly nOutputs: number;
  readonly bestIteration: number;
  /** Metric per iteration on the validation set (empty without one). */
  readonly validScores: number[];
  readonly stoppedEarly: boolean;
  readonly mapper: BinMapper;
}

export function trainBooster(
  source: FeatureSource,
  y: Float64Array,
  weight: Float64Array | null,
  objective: Objective,
  settings: BoosterSettings,
  valid?: { set: EvalSet; metric: Metric },
): BoosterResult {
  const n = source.nRows;
  const p = source.names.length;
  const K = objective.nOutputs;
  const rng = new Rng(settings.seed);
  const baseScore = settings.baseScore !== null && K === 1 ? Float64Array.of(settings.baseScore) : objective.baseScore(y, weight);
  const manyCategories = source.categories.some((c, f) => source.isCategorical[f] && c.length > settings.maxBins - 1);
  const mapper = fitBins(source, {
    maxBins: settings.maxBins,
    seed: settings.seed,
    gradient: manyCategories ? startingGradient(objective, y, weight, baseScore, n) : undefined,
    catSmooth: settings.rules.catSmooth,
  });
  // Everything the kernels touch lives in the arena; sizes are known now, so it is laid out once.
  // Small data trains on the calling thread: starting and waking workers would cost more than
  // they save. The model is the same either way.
  const arena = new Arena(n * p < SMALL_DATA ? 1 : settings.nThreads);
  try {
    const binnedAt = arena.alloc(n * p);
    const offsetsAt = arena.alloc(4 * p);
    const rowsAt = arena.alloc(4 * n);
    const scratchAt = arena.alloc(4 * n);
    const resultsAt = arena.alloc(4 * arena.nThreads);
    const nSample = settings.subsample < 1 ? Math.max(1, Math.round(settings.subsample * n)) : n;
    // The rows drawn for the current iteration, kept apart: growing a tree reorders rowsAt.
    const sampleAt = nSample < n ? arena.alloc(4 * n) : 0;
    // Each row's (gradient, hessian) as an f32 pair, output after output.
    const ghAt = arena.alloc(8 * n * K);
    const goesLeftAt = arena.alloc(257);
    const scanNValueBinsAt = arena.alloc(4 * p);
    const scanFlagsAt = arena.alloc(4 * p);
    const scanResultsAt = arena.alloc(24 * p);
    const scanNonEmptyAt = arena.alloc(32);
    const scanGeneralAt = arena.alloc(8 * 15);
    const buffersAt = arena.alloc(HISTOGRAM_BUFFER_BYTES * arena.nThreads);
    const jobsAt = arena.alloc(16 * MAX_BATCH);
    const partitionJobsAt = arena.alloc(32 * MAX_BATCH);
    const partitionTablesAt = arena.alloc(257 * MAX_BATCH);
    const prepareJobsAt = arena.alloc(PREPARE_BYTES);
    // Binning copies blocks of a dense matrix into the gradients' space, unused until training starts.
    applyBinsInArena(mapper, source, arena, binnedAt, { at: ghAt, bytes: 8 * n * K });
    arena.i32(offsetsAt, p).set(mapper.offsets);
    arena.i32(scanNValueBinsAt, p).set(mapper.features.map((fb) => fb.nValueBins));
    const data: TrainingData = {
      arena,
      binned: binnedAt,
      nRows: n,
      nFeatures: p,
      offsets: offsetsAt,
      rows: rowsAt,
      totalBins: mapper.totalBins,
      withCounts: settings.rules.minSamplesLeaf > 1,
      buffers: buffersAt,
      jobs: jobsAt,
      partitionJobs: partitionJobsAt,
      partitionTables: partitionTablesAt,
      prepareJobs: prepareJobsAt,
      binStarts: Int32Array.from({ length: p + 1 }, (_, f) => (f < p ? mapper.offsets[f] : mapper.totalBins)),
      scanNValueBins: scanNValueBinsAt,
      scanFlags: scanFlagsAt,
      scanResults: scanResultsAt,
      scanNonEmpty: scanNonEmptyAt,
      scanGeneral: scanGeneralAt,
      mapper,
      scratch: scratchAt,
      results: resultsAt,
      goesLeft: goesLeftAt,
    };
    const rawAt = arena.alloc(8 * n * K);
    // The commonest objectives compute their gradients in the arena, on all threads.
    const gradientKernel = objective.name === "binary-logloss" ? "logisticGradients" : objective.name === "squared-error" ? "squaredGradients" : null;
    // Log-loss targets are 0 or 1 (checked by the objective): a byte each.
    const yAt = gradientKernel === "logisticGradients" ? arena.alloc(n) : gradientKernel ? arena.alloc(8 * n) : 0;
    const weightAt = gradientKernel && weight ? arena.alloc(8 * n) : 0;
    if (gradientKernel === "logisticGradients") arena.u8(yAt, n).set(y);
    else if (gradientKernel) arena.f64(yAt, n).set(y);
    if (gradientKernel) {
      if (weight) arena.f64(weightAt, n).set(weight);
    }
    const raw = (): Float64Array => arena.f64(rawAt, n * K);
    for (let k = 0; k < K; k++) raw().fill(baseScore[k], k * n, (k + 1) * n);
    const pool = new HistogramPool(data);
    const nCols = Math.max(1, Math.round(settings.colsample * p));

    const nValid = valid ? valid.set.source.nRows : 0;
    const scores = new TreeScores({ arena, mapper, binned: binnedAt, nFeatures: p, nRows: n, subsampled: nSample < n, nOutputs: K, validRows: valid ? denseRows(valid.set.source, p) : null }, baseScore);

    const trees: Tree[] = [];
    const validScores: number[] = [];
    let bestIteration = -1;
    let bestScore = NaN;
    let stoppedEarly = false;
    for (let t = 0; t < settings.nEstimators; t++) {
      if (gradientKernel) runOverRows(arena, gradientKernel, n, (s, e) => [yAt, rawAt, weightAt, ghAt, s, e]);
      else pairGradients(objective, arena, { y, raw: raw(), weight, ghAt, n });
      const sample = nSample < n ? rng.sample(n, nSample) : null;
      if (sample) {
        arena.i32(sampleAt, nSample).set(sample);
        scores.setSample(sampleAt, nSample);
      }
      const allowed = nCols < p ? featureMask(rng, p, nCols) : null;
      const rules: SplitRules = { ...settings.rules, allowed };
      for (let k = 0; k < K; k++) {
        if (sample) arena.kernels.copy32(rowsAt, sampleAt, nSample);
        else arena.kernels.iota(rowsAt, n);
        const grown = growTree(data, nSample, ghAt + 8 * k * n, { maxLeaves: settings.maxLeaves, maxDepth: settings.maxDepth, learningRate: settings.learningRate, rules }, pool);
        const value = grown.tree.value;
        const offset = k * n;
        const renewAt = renewalQuantile(objective);
        if (renewAt !== null) renewLeaves(grown, arena.i32(rowsAt, nSample), y, raw(), weight, renewAt, settings.learningRate);
        for (let j = 0; j < grown.leafNode.length; j++) {
          arena.kernels.addToRows(rowsAt, grown.leafStart[j], grown.leafEnd[j], rawAt + 8 * offset, value[grown.leafNode[j]]);
        }
        scores.add(grown, rawAt + 8 * offset, k, sample !== null);
        trees.push(grown.tree);
      }
      if (valid) {
        const score = valid.metric.evaluate(valid.set.y, objective.transform(scores.validRaw(), nValid), valid.set.weight, K);
        validScores.push(score);
        const better = bestIteration < 0 || (valid.metric.higherIsBetter ? score > bestScore : score < bestScore);
        if (better) {
          bestScore = score;
          bestIteration = t;
        } else if (settings.earlyStoppingRounds !== null && t - bestIteration >= settings.earlyStoppingRounds) {
          stoppedEarly = true;
          break;
        }
      }
      if (settings.shouldStop?.(t) && t + 1 < settings.nEstimators) {
        stoppedEarly = true;
        break;
      }
    }
    if (!valid) bestIteration = trees.length / K - 1;
    // Keep the trees up to the best iteration: the model a user gets is the one that scored best.
    const kept = settings.earlyStoppingRounds !== null && valid ? trees.slice(0, (bestIteration + 1) * K) : trees;
    return { trees: kept, baseScore, nOutputs: K, bestIteration, validScores, stoppedEarly, mapper };
  } finally {
    arena.close();
  }
}

/**
 * Absolute error and quantile losses have no curvature: their Newton step (hessian 1) moves a leaf
 * by about the mean sign of its residuals, whatever their scale. As LightGBM and XGBoost do, each
 * leaf is then set to the (weighted) quantile of its rows' residuals: the loss's true minimiser.
 */
function renewalQuantile(objective: Objective): number | null {
  if (objective.name === "absolute-error") return 0.5;
  if (objective.name === "quantile") return objective.alpha ?? 0.5;
  return null;
}

function renewLeaves(grown: GrownTree, rows: Int32Array, y: Float64Array, raw: Float64Array, weight: Float64Array | null, alpha: number, learningRate: number): void {
  const value = grown.tree.value as Float64Array;
  for (let j = 0; j < grown.leafNode.length; j++) {
    const start = grown.leafStart[j];
    const end = grown.leafEnd[j];
    if (end <= start) continue;
    const residuals = new Float64Array(end - start);
    const weights = weight ? new Float64Array(end - start) : null;
    let total = 0;
    for (let r = start; r < end; r++) {
      residuals[r - start] = y[rows[r]] - raw[rows[r]];
      if (weights) weights[r - start] = weight![rows[r]];
      total += weights ? weights[r - start] : 1;
    }
    // A leaf of zero-weight rows keeps its Newton value: no residual has a say.
    if (total > 0) value[grown.leafNode[j]] = learningRate * weightedQuantile(residuals, weights, alpha);
  }
}

/** Row × feature count under which training uses one thread. */
const SMALL_DATA = 1 << 21;

/** Below this many rows an elementwise kernel runs on the calling thread alone. */
const PARALLEL_MIN_ROWS = 1 << 16;

/** Runs an elementwise kernel over rows [0, n), split across the team when n is large. */
function runOverRows(arena: Arena, kernel: "logisticGradients" | "squaredGradients", n: number, args: (start: number, end: number) => number[]): void {
  const threads = n < PARALLEL_MIN_ROWS ? 1 : arena.nThreads;
  const range = (t: number): number[] => args(Math.round((t * n) / threads), Math.round(((t + 1) * n) / threads));
  if (threads === 1) (arena.kernels[kernel] as (...a: number[]) => void)(...range(0));
  else arena.team.run(kernel, range);
}

/** Gradients from an objective written in JavaScript, laid out as the kernels' (grad, hess) pairs. */
function pairGradients(objective: Objective, arena: Arena, at: { y: Float64Array; raw: Float64Array; weight: Float64Array | null; ghAt: number; n: number }): void {
  const { n } = at;
  const K = objective.nOutputs;
  const grad = new Float32Array(n * K);
  const hess = new Float32Array(n * K);
  objective.gradients(at.y, at.raw, at.weight, grad, hess);
  const gh = arena.f32(at.ghAt, 2 * n * K);
  for (let j = 0; j < n * K; j++) {
    gh[2 * j] = grad[j];
    gh[2 * j + 1] = hess[j];
  }
}

/** The first output's gradients at the starting score: what orders many categories into bins. */
function startingGradient(objective: Objective, y: Float64Array, weight: Float64Array | null, baseScore: Float64Array, n: number): Float32Array {
  const K = objective.nOutputs;
  const raw = new Float64Array(n * K);
  for (let k = 0; k < K; k++) raw.fill(baseScore[k], k * n, (k + 1) * n);
  const grad = new Float32Array(n * K);
  objective.gradients(y, raw, weight, grad, new Float32Array(n * K));
  return grad.subarray(0, n);
}

function featureMask(rng: Rng, p: number, k: number): Uint8Array {
  const mask = new Uint8Array(p);
  for (const f of rng.sample(p, k)) mask[f] = 1;
  return mask;
}

/** The source's values as one row-major array, for traversal by raw values. */
export function denseRows(source: FeatureSource, p: number): Float64Array {
  if (source.names.length !== p) {
    throw new InvalidInput(`The validation data has ${source.names.length} features but the training data has ${p}`);
  }
  const n = source.nRows;
  const out = new Float64Array(n * p);
  for (let f = 0; f < p; f++) {
    const read = source.column(f);
    for (let i = 0; i < n; i++) out[i * p + f] = read(i);
  }
  return out;
}
