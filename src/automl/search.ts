// The search: candidates are cross-validated one after another, cheapest known-good configurations
// first, then proposals from a TPE model of what has worked, family by family, until the time
// budget is spent. A candidate whose first fold is clearly worse than the leaders' first folds is
// dropped there (racing), so bad candidates die young; boosting stops early on each fold. When a
// fold of the first real model is slow against the budget, the search validates on fewer of the
// folds (down to one, a holdout), so that several configurations can still be compared.
//
// Folds and trials run one at a time, each fit on all threads (boosting builds its histograms on
// the worker team). Running two folds at once with a thread each would need whole fits in worker
// threads (the data copied or shared, a wasm instance each, an asynchronous search loop) and could
// only help on small data where a fit's threads wait on each other; on the shared 2-core machine
// (load 10–20 while measured) the gain could not be measured, so it is not done. Results would stay
// deterministic per trial (a fit depends on its seed, not on threads) if trials were recorded in
// id order rather than completion order.

import { InvalidInput, Rng } from "../core/index.js";
import type { Frame } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";
import { proposeTpe, type Config } from "../tune/index.js";
import { TooSlow, type Family, type FitContext, type FitData, type FittedCandidate } from "./candidates.js";
import type { Scorer } from "./scoring.js";
import type { Target } from "./task.js";
import type { Fold } from "./validation.js";

export type TrialStatus = "done" | "pruned" | "failed";

export interface Trial {
  readonly id: number;
  readonly family: string;
  readonly config: Config;
  readonly status: TrialStatus;
  /** Mean of the fold scores (pruned: the folds it ran). */
  readonly score: number;
  readonly foldScores: readonly number[];
  /** Boosting: iterations early stopping kept, per fold. */
  readonly iterations: readonly (number | null)[];
  readonly seconds: number;
  /** Seconds since the search started, when the trial ended. */
  readonly endedAt: number;
  readonly error?: string;
}

/** Out-of-fold predictions of a finished trial: n × K (or n) in target-row order. */
export type OutOfFold = Float64Array;

export interface SearchEvent {
  readonly trial: Trial;
  readonly best: Trial | null;
  readonly elapsed: number;
  readonly budget: number;
}

export interface SearchOptions {
  readonly families: readonly Family[];
  readonly scorer: Scorer;
  readonly folds: readonly Fold[];
  readonly seed: number;
  readonly nThreads: number | null;
  /** Seconds the search may use. */
  readonly seconds: number;
  /**
   * Seconds to keep free at the end for what follows the search (refitting the best), given the
   * best trial so far; the search ends that much earlier.
   */
  readonly reserve?: (best: Trial | null) => number;
  /** Stop after this many trials (tests, quick runs). */
  readonly maxTrials?: number;
  /**
   * Folds are interchangeable (k-fold, grouped), so a search short of time may validate on the
   * first few only: after the first real model's first fold, it keeps as many folds as let about
   * TARGET_TRIALS such trials fit in the time left (at least one, a holdout).
   */
  readonly adaptiveFolds?: boolean;
  readonly onTrial?: (event: SearchEvent) => void;
  /** Called now and then while a candidate trains (at most every 200 ms), for live progress. */
  readonly onTick?: (elapsed: number, trialsDone: number) => void;
}

export interface SearchResult {
  readonly trials: readonly Trial[];
  readonly outOfFold: ReadonlyMap<number, OutOfFold>;
  /** Target rows that some fold validated (time-ordered folds skip the earliest rows). */
  readonly validated: Uint8Array;
  /** How many of the folds (the first ones) the search validated on. */
  readonly foldsUsed: number;
  /**
   * The best finished trial's model of its first fold (trained on that fold's training rows): the
   * model to keep when refitting on all rows no longer fits in the budget.
   */
  readonly bestFoldModel: { readonly trialId: number; readonly fitted: FittedCandidate } | null;
  readonly seconds: number;
}

/**
 * A pruned candidate's first fold lost by more than this (relative) to the 3rd-best first fold of
 * the real models (the best one's while there are fewer): the baseline sets no bar.
 */
const PRUNE_MARGIN = 0.002;
const LEADERS = 3;
/** Trials of the first real model's cost the search wants to fit in its time, adaptive folds. */
const TARGET_TRIALS = 8;

export function search(X: Frame, target: Target, options: SearchOptions): SearchResult {
  const { families, scorer, folds } = options;
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const K = target.task === "classification" ? target.classes.length : 1;
  const yIndex = target.task === "classification" ? labelIndex(target) : (target.labels as Float64Array);
  const foldData = folds.map((fold) => ({ train: subset(X, target, fold.train), valid: subset(X, target, fold.test) }));
  // Folds the search validates on: all, until adaptive folds cut them down (never back up).
  let nFolds = folds.length;
  const rng = new Rng(options.seed);
  const trials: Trial[] = [];
  const outOfFold = new Map<number, OutOfFold>();
  const firstFoldScores: number[] = [];
  /**
   * Seconds each fold of each family took: their median is the estimate for the next one (the
   * last alone would let one slow configuration rule the family out).
   */
  const foldSeconds = new Map<string, number[]>();
  const queue = initialQueue(families);
  let bestFoldModel: { trialId: number; fitted: FittedCandidate } | null = null;
  let deadlineHit = false;
  let lastTick = 0;
  // The search's own end: its seconds, minus what refitting the best real model will need — or,
  // before one has finished, the model being cross-validated, judged by its folds so far.
  let best: Trial | null = null;
  let provisional: Trial | null = null;
  const deadline = (): number => options.seconds - (options.reserve?.(best && best.family !== "baseline" ? best : provisional ?? best) ?? 0);
  const context = (seed: number): FitContext => ({
    task: target.task,
    classes: target.classes,
    seed,
    nThreads: options.nThreads,
    shouldStop: () => {
      const now = elapsed();
      if (options.onTick && now - lastTick > 0.2) {
        lastTick = now;
        options.onTick(now, trials.length);
      }
      deadlineHit ||= now > deadline();
      return deadlineHit;
    },
    secondsLeft: () => deadline() - elapsed(),
  });

  // Families whose next trial no longer fits in the time left: the search goes on with the others.
  const tooSlow = new Set<string>();
  for (let id = 0; ; ) {
    if (options.maxTrials !== undefined && id >= options.maxTrials) break;
    const next = queue.shift() ?? propose(families.filter((f) => !tooSlow.has(f.name)), trials, scorer, rng);
    if (!next) break;
    if (tooSlow.has(next.family.name)) continue;
    // A family not tried yet is guessed at twice the slowest fold seen so far.
    const slowest = Math.max(0, ...Array.from(foldSeconds.values(), median));
    const seen = foldSeconds.get(next.family.name);
    const foldEstimate = seen ? median(seen) : 2 * slowest;
    // Until a real model (not the baseline) has finished, trials run whatever the clock says: a
    // budget too short for a search still returns a model (boosting then stops after a round).
    const haveModel = trials.some((t) => t.status === "done" && t.family !== "baseline");
    if (haveModel && elapsed() + foldEstimate * nFolds > deadline()) {
      tooSlow.add(next.family.name);
      if (families.every((f) => tooSlow.has(f.name) || Object.keys(f.space).length === 0) && queue.every((q) => tooSlow.has(q.family.name))) break;
      continue;
    }
    const trialId = id++;
    const trialStart = performance.now();
    const oof = new Float64Array(target.rows.length * K);
    const foldScores: number[] = [];
    const iterations: (number | null)[] = [];
    let status: TrialStatus = "done";
    let error: string | undefined;
    let firstFold: FittedCandidate | null = null;
    try {
      for (let f = 0; f < nFolds; f++) {
        const foldStart = performance.now();
        const fitted = next.family.fit(foldData[f].train, foldData[f].valid, next.config, context(options.seed + trialId));
        const pred = fitted.predict(foldData[f].valid.X);
        if (f === 0) firstFold = fitted;
        const valid = folds[f].test;
        for (let j = 0; j < valid.length; j++) for (let k = 0; k < K; k++) oof[valid[j] * K + k] = pred[j * K + k];
        foldScores.push(foldScore(scorer, pick(yIndex, valid), pred, K));
        iterations.push(fitted.iterations);
        const seconds = (performance.now() - foldStart) / 1000;
        foldSeconds.set(next.family.name, [...(foldSeconds.get(next.family.name) ?? []), seconds]);
        if (!haveModel && next.family.name !== "baseline") {
          provisional = { id: trialId, family: next.family.name, config: next.config, status: "done", score: NaN, foldScores: [...foldScores], iterations: [...iterations], seconds: (performance.now() - trialStart) / 1000, endedAt: elapsed() };
          if (f === 0 && options.adaptiveFolds) nFolds = affordableFolds(nFolds, seconds, deadline() - elapsed());
        }
        if (f === 0 && nFolds > 1 && shouldPrune(scorer, foldScores[0], firstFoldScores)) {
          status = "pruned";
          break;
        }
        // Models that cannot be stopped mid-fit (forests, linear) are checked between folds: the
        // next fold must fit in the time left, judged by this one.
        deadlineHit ||= elapsed() + (performance.now() - foldStart) / 1000 > deadline();
        if (deadlineHit && haveModel && f < nFolds - 1) {
          status = "pruned";
          break;
        }
      }
    } catch (caught) {
      if (caught instanceof InvalidInput) throw caught;
      // Too slow for the time left: the family is not tried again.
      if (caught instanceof TooSlow) tooSlow.add(next.family.name);
      status = caught instanceof TooSlow ? "pruned" : "failed";
      error = caught instanceof Error ? caught.message : String(caught);
    }
    // A candidate cut short by the clock is not a fair estimate of its configuration.
    if (status === "done" && deadlineHit && haveModel) status = "pruned";
    if (foldScores.length > 0 && next.family.name !== "baseline") firstFoldScores.push(foldScores[0]);
    const scored = foldScores.filter((v) => !Number.isNaN(v));
    const score = scored.length === 0 ? NaN : scored.reduce((a, b) => a + b, 0) / scored.length;
    const trial: Trial = {
      id: trialId,
      family: next.family.name,
      config: next.config,
      status,
      score,
      foldScores,
      iterations,
      seconds: (performance.now() - trialStart) / 1000,
      endedAt: elapsed(),
      ...(error === undefined ? {} : { error }),
    };
    trials.push(trial);
    if (status === "done") outOfFold.set(trialId, oof);
    best = bestTrial(trials, scorer);
    if (best?.id === trialId && firstFold) bestFoldModel = { trialId, fitted: firstFold };
    options.onTrial?.({ trial, best, elapsed: elapsed(), budget: options.seconds });
    // Out of time: stop, unless only the baseline has finished (a real model is still owed).
    if (deadlineHit && (haveModel || (status === "done" && next.family.name !== "baseline"))) break;
  }
  // Rows the kept folds validated; a trial that ran more folds (the baseline, before the cut) is
  // judged on these rows like the others.
  const validated = new Uint8Array(target.rows.length);
  for (const fold of folds.slice(0, nFolds)) for (const i of fold.test) validated[i] = 1;
  const kept = trials.map((t) => (t.foldScores.length > nFolds ? rescore(t, nFolds) : t));
  return { trials: kept, outOfFold, validated, foldsUsed: nFolds, bestFoldModel, seconds: elapsed() };
}

export function bestTrial(trials: readonly Trial[], scorer: Scorer): Trial | null {
  let best: Trial | null = null;
  for (const t of trials) {
    if (t.status !== "done" || Number.isNaN(t.score)) continue;
    if (!best || (scorer.higherIsBetter ? t.score > best.score : t.score < best.score)) best = t;
  }
  return best;
}

/**
 * Portfolio configurations, interleaved across families so each is tried early — after the
 * leading family's first `lead` ones (Family.lead): on a short budget the slower, usually weaker
 * families must not crowd out the second configuration of the one that usually wins.
 */
function initialQueue(families: readonly Family[]): { family: Family; config: Config }[] {
  const queue: { family: Family; config: Config }[] = [];
  const start = new Map(families.map((f) => [f, 0]));
  for (const family of families) {
    const lead = Math.min(family.lead ?? 0, family.portfolio.length);
    for (let j = 0; j < lead; j++) queue.push({ family, config: family.portfolio[j] });
    start.set(family, lead);
  }
  const longest = Math.max(...families.map((f) => f.portfolio.length));
  for (let j = 0; j < longest; j++) for (const family of families) if (j >= start.get(family)! && j < family.portfolio.length) queue.push({ family, config: family.portfolio[j] });
  return queue;
}

/** The next proposal: TPE within the family that leads (searchable families only). */
function propose(families: readonly Family[], trials: readonly Trial[], scorer: Scorer, rng: Rng): { family: Family; config: Config } | null {
  const searchable = families.filter((f) => Object.keys(f.space).length > 0);
  if (searchable.length === 0) return null;
  // Mostly the best family so far; sometimes another, so a slow starter is not starved.
  const ranked = [...searchable].sort((a, b) => familyScore(b, trials, scorer) - familyScore(a, trials, scorer));
  const family = rng.next() < 0.75 || ranked.length === 1 ? ranked[0] : ranked[1 + rng.int(ranked.length - 1)];
  const history = trials
    .filter((t) => t.family === family.name && !Number.isNaN(t.score))
    .map((t) => ({ config: t.config, loss: (scorer.higherIsBetter ? -1 : 1) * (t.status === "done" ? t.score : t.foldScores[0]) }));
  return { family, config: proposeTpe(family.space, history, rng, { nStartup: 6 }) };
}

function familyScore(family: Family, trials: readonly Trial[], scorer: Scorer): number {
  const scores = trials.filter((t) => t.family === family.name && t.status === "done").map((t) => (scorer.higherIsBetter ? t.score : -t.score));
  return scores.length === 0 ? Infinity : Math.max(...scores);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Folds to keep when one fold of the first real model took `foldSeconds` and `left` remain. */
function affordableFolds(nFolds: number, foldSeconds: number, left: number): number {
  return Math.max(1, Math.min(nFolds, Math.floor(left / (TARGET_TRIALS * Math.max(foldSeconds, 1e-3)))));
}

/** A trial's scores on its first `nFolds` folds only, so that every trial is judged on the same rows. */
function rescore(trial: Trial, nFolds: number): Trial {
  const foldScores = trial.foldScores.slice(0, nFolds);
  const scored = foldScores.filter((v) => !Number.isNaN(v));
  const score = scored.length === 0 ? NaN : scored.reduce((a, b) => a + b, 0) / scored.length;
  return { ...trial, foldScores, iterations: trial.iterations.slice(0, nFolds), score };
}

function shouldPrune(scorer: Scorer, first: number, previous: readonly number[]): boolean {
  if (previous.length === 0 || Number.isNaN(first)) return false;
  const sorted = [...previous].filter((v) => !Number.isNaN(v)).sort((a, b) => (scorer.higherIsBetter ? b - a : a - b));
  const bar = sorted[Math.min(LEADERS, sorted.length) - 1];
  const margin = PRUNE_MARGIN * Math.max(Math.abs(bar), 1e-12);
  return scorer.higherIsBetter ? first < bar - margin : first > bar + margin;
}

/** A fold's score; NaN when the metric is undefined on it (e.g. AUC on a fold with one class). */
function foldScore(scorer: Scorer, y: Float64Array, pred: Float64Array, K: number): number {
  try {
    return scorer.score(y, pred, K);
  } catch (error) {
    if (error instanceof InvalidInput) return NaN;
    throw error;
  }
}

function subset(X: Frame, target: Target, positions: Int32Array): FitData {
  const rows = Int32Array.from(positions, (i) => target.rows[i]);
  const y =
    target.task === "regression"
      ? Float64Array.from(positions, (i) => (target.labels as Float64Array)[i])
      : Array.from(positions, (i) => (target.labels as readonly ClassLabel[])[i]);
  return { X: X.take(rows), y };
}

export function labelIndex(target: Target): Float64Array {
  const index = new Map(target.classes.map((c, k) => [c, k]));
  return Float64Array.from(target.labels as readonly ClassLabel[], (label) => index.get(label)!);
}

function pick(values: Float64Array, positions: Int32Array): Float64Array {
  return Float64Array.from(positions, (i) => values[i]);
}

/** How a trial is named in leaderboards: its family and its number. */
export function trialName(trial: Trial): string {
  return `${trial.family}#${trial.id}`;
}
