// The search: candidates are cross-validated one after another, cheapest known-good configurations
// first, then proposals from a TPE model of what has worked, family by family, until the time
// budget is spent. A candidate whose first fold is clearly worse than the leaders' first folds is
// dropped there (racing), so bad candidates die young; boosting stops early on each fold.

import { InvalidInput, Rng } from "../core/index.js";
import type { Frame } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";
import { proposeTpe, type Config } from "../tune/index.js";
import type { Family, FitContext, FitData } from "./candidates.js";
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
  readonly onTrial?: (event: SearchEvent) => void;
  /** Called now and then while a candidate trains (at most every 200 ms), for live progress. */
  readonly onTick?: (elapsed: number, trialsDone: number) => void;
}

export interface SearchResult {
  readonly trials: readonly Trial[];
  readonly outOfFold: ReadonlyMap<number, OutOfFold>;
  /** Target rows that some fold validated (time-ordered folds skip the earliest rows). */
  readonly validated: Uint8Array;
  readonly seconds: number;
}

/** A pruned candidate's first fold lost to the 3rd-best first fold by more than this (relative). */
const PRUNE_MARGIN = 0.002;
const LEADERS = 3;

export function search(X: Frame, target: Target, options: SearchOptions): SearchResult {
  const { families, scorer, folds } = options;
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const K = target.task === "classification" ? target.classes.length : 1;
  const yIndex = target.task === "classification" ? labelIndex(target) : (target.labels as Float64Array);
  const foldData = folds.map((fold) => ({ train: subset(X, target, fold.train), valid: subset(X, target, fold.test) }));
  const validated = new Uint8Array(target.rows.length);
  for (const fold of folds) for (const i of fold.test) validated[i] = 1;
  const rng = new Rng(options.seed);
  const trials: Trial[] = [];
  const outOfFold = new Map<number, OutOfFold>();
  const firstFoldScores: number[] = [];
  /** Seconds a fold of each family took last time: the estimate for the next one. */
  const foldSeconds = new Map<string, number>();
  const queue = initialQueue(families);
  let deadlineHit = false;
  let lastTick = 0;
  // The search's own end: its seconds, minus what refitting the current best will need.
  let best: Trial | null = null;
  const deadline = (): number => options.seconds - (options.reserve?.(best) ?? 0);
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
  });

  // Families whose next trial no longer fits in the time left: the search goes on with the others.
  const tooSlow = new Set<string>();
  for (let id = 0; ; ) {
    if (options.maxTrials !== undefined && id >= options.maxTrials) break;
    const next = queue.shift() ?? propose(families.filter((f) => !tooSlow.has(f.name)), trials, scorer, rng);
    if (!next) break;
    if (tooSlow.has(next.family.name)) continue;
    // A family not tried yet is guessed at twice the slowest fold seen so far.
    const slowest = Math.max(0, ...foldSeconds.values());
    const foldEstimate = foldSeconds.get(next.family.name) ?? 2 * slowest;
    // Until a real model (not the baseline) has finished, trials run whatever the clock says: a
    // budget too short for a search still returns a model (boosting then stops after a round).
    const haveModel = trials.some((t) => t.status === "done" && t.family !== "baseline");
    if (haveModel && elapsed() + foldEstimate * folds.length > deadline()) {
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
    try {
      for (let f = 0; f < folds.length; f++) {
        const foldStart = performance.now();
        const fitted = next.family.fit(foldData[f].train, foldData[f].valid, next.config, context(options.seed + trialId));
        const pred = fitted.predict(foldData[f].valid.X);
        const valid = folds[f].test;
        for (let j = 0; j < valid.length; j++) for (let k = 0; k < K; k++) oof[valid[j] * K + k] = pred[j * K + k];
        foldScores.push(foldScore(scorer, pick(yIndex, valid), pred, K));
        iterations.push(fitted.iterations);
        foldSeconds.set(next.family.name, (performance.now() - foldStart) / 1000);
        if (f === 0 && folds.length > 1 && shouldPrune(scorer, foldScores[0], firstFoldScores)) {
          status = "pruned";
          break;
        }
        // Models that cannot be stopped mid-fit (forests, linear) are checked between folds: the
        // next fold must fit in the time left, judged by this one.
        deadlineHit ||= elapsed() + (performance.now() - foldStart) / 1000 > deadline();
        if (deadlineHit && haveModel && f < folds.length - 1) {
          status = "pruned";
          break;
        }
      }
    } catch (caught) {
      if (caught instanceof InvalidInput) throw caught;
      status = "failed";
      error = caught instanceof Error ? caught.message : String(caught);
    }
    // A candidate cut short by the clock is not a fair estimate of its configuration.
    if (status === "done" && deadlineHit && haveModel) status = "pruned";
    if (foldScores.length > 0) firstFoldScores.push(foldScores[0]);
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
    options.onTrial?.({ trial, best, elapsed: elapsed(), budget: options.seconds });
    // Out of time: stop, unless only the baseline has finished (a real model is still owed).
    if (deadlineHit && (haveModel || (status === "done" && next.family.name !== "baseline"))) break;
  }
  return { trials, outOfFold, validated, seconds: elapsed() };
}

export function bestTrial(trials: readonly Trial[], scorer: Scorer): Trial | null {
  let best: Trial | null = null;
  for (const t of trials) {
    if (t.status !== "done" || Number.isNaN(t.score)) continue;
    if (!best || (scorer.higherIsBetter ? t.score > best.score : t.score < best.score)) best = t;
  }
  return best;
}

/** Portfolio configurations, interleaved across families so each is tried early. */
function initialQueue(families: readonly Family[]): { family: Family; config: Config }[] {
  const queue: { family: Family; config: Config }[] = [];
  const longest = Math.max(...families.map((f) => f.portfolio.length));
  for (let j = 0; j < longest; j++) for (const family of families) if (j < family.portfolio.length) queue.push({ family, config: family.portfolio[j] });
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

function shouldPrune(scorer: Scorer, first: number, previous: readonly number[]): boolean {
  if (previous.length < LEADERS || Number.isNaN(first)) return false;
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
