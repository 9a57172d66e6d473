// train(): Orchard's main job as a library call. Given a table and a target it chooses the task,
// the metric and the validation, picks the columns, searches models under a time budget, ensembles
// the best, refits on all training rows, tunes the decision threshold, and evaluates on held-back
// rows with confidence intervals — returning everything as data.

import { InvalidInput, Rng } from "../core/index.js";
import { profile, type Frame, type Profile } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";
import { FAMILIES, type Family, type FitContext } from "./candidates.js";
import { selectEnsemble, type EnsembleSelection } from "./ensemble.js";
import { evaluateOnTest, type TestEvaluation } from "./holdout.js";
import { applyCalibration, chooseCalibration, type CalibrationChoice } from "./calibration.js";
import { chooseColumns, type DroppedColumn } from "./columns.js";
import { TrainedPredictor, type PredictorMember } from "./predictor.js";
import { context, inputColumns, inputsOf, refitEstimate, refitIterations, refitPredictor, refitRunnerUp } from "./refit.js";
import { createScorer, defaultMetric, type Scorer } from "./scoring.js";
import { bestTrial, labelIndex, search, trialName, type SearchEvent, type Trial } from "./search.js";
import { resolveTarget, type Target, type Task } from "./task.js";
import { tuneThreshold } from "./threshold.js";
import { makeFolds, parseValidation, type Validation } from "./validation.js";

export { trialName };

export interface TrainOptions {
  readonly data: Frame;
  readonly target: string;
  readonly task?: Task | "auto";
  readonly metric?: string;
  /** Seconds for the whole run (search, refit, evaluation). Default 120. */
  readonly budgetSeconds?: number;
  readonly validation?: Validation | string;
  /** Rows to report the final score on; without it, a stratified fifth of `data` is held back. */
  readonly test?: Frame;
  readonly exclude?: readonly string[];
  readonly seed?: number;
  readonly nThreads?: number | null;
  /** Families to search (default: all). */
  readonly families?: readonly string[];
  /** Stop the search after this many trials. */
  readonly maxTrials?: number;
  readonly onProgress?: (event: TrainProgress) => void;
  /**
   * Retrain this predictor's models (families, hyperparameters, rounds and weights) on `data`
   * without a search: seconds instead of minutes when the data is new but the problem is not.
   */
  readonly refitFrom?: TrainedPredictor;
}

export type TrainProgress =
  | { readonly phase: "prepare"; readonly message: string }
  | { readonly phase: "search"; readonly event: SearchEvent }
  | { readonly phase: "tick"; readonly message: string }
  | { readonly phase: "refit" | "evaluate"; readonly message: string };

export interface LeaderboardRow {
  readonly rank: number;
  readonly name: string;
  readonly family: string;
  readonly score: number;
  readonly foldScores: readonly number[];
  readonly seconds: number;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface TrainResult {
  readonly task: Task;
  readonly taskReason: string;
  readonly target: string;
  readonly classes: readonly ClassLabel[];
  readonly metric: { readonly name: string; readonly higherIsBetter: boolean };
  readonly validation: Validation;
  readonly nTrainRows: number;
  readonly nTestRows: number;
  readonly features: readonly string[];
  readonly dropped: readonly DroppedColumn[];
  readonly warnings: readonly string[];
  readonly trials: readonly Trial[];
  readonly leaderboard: readonly LeaderboardRow[];
  readonly ensemble: EnsembleSelection | null;
  /** The cross-validated score of what was kept (ensemble or best single model). */
  readonly validationScore: number;
  readonly threshold: number | null;
  /** Binary tasks: the calibration chosen by cross-fitting on out-of-fold predictions, and why. */
  readonly calibration: CalibrationChoice | null;
  readonly test: TestEvaluation;
  /** The rows the test score is on: the `test` frame given, or the rows held back from `data`. */
  readonly testFrame: Frame;
  readonly predictor: TrainedPredictor;
  readonly profile: Profile;
  readonly seconds: { readonly total: number; readonly search: number; readonly refit: number; readonly evaluate: number; readonly budget: number };
  readonly seed: number;
}

/**
 * Share of the budget the search may use at most; refitting the best and scoring the held-back
 * rows are reserved from it too.
 */
const SEARCH_SHARE = 0.95;
/**
 * Held-back rows scored per second, predictions and bootstrap intervals included, on a busy
 * 2-core machine (20 000 rows of diabetes-130 took 5 s): the time the evaluation is given.
 */
const EVALUATED_ROWS_PER_SECOND = 4000;
const PROFILE_SAMPLE = 50_000;

export function train(options: TrainOptions): TrainResult {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const budget = options.budgetSeconds ?? 120;
  if (!(budget > 0)) throw new InvalidInput(`budget must be a positive number of seconds: received ${budget}`);
  if (options.refitFrom && options.refitFrom.target !== options.target) {
    throw new InvalidInput(`The model to refit predicts "${options.refitFrom.target}", not "${options.target}"`);
  }
  const seed = options.seed ?? 1;
  const say = (message: string): void => options.onProgress?.({ phase: "prepare", message });
  const warnings: string[] = [];

  say("choosing the task and columns");
  const full = options.data;
  const targetAll = resolveTarget(full, options.target, options.task ?? "auto");
  if (targetAll.nDropped > 0) warnings.push(`${targetAll.nDropped} rows have no value for "${options.target}" and were left out`);
  const sampleRows = full.nRows > PROFILE_SAMPLE ? new Rng(seed).sample(full.nRows, PROFILE_SAMPLE).sort() : null;
  const profiled = profile(sampleRows ? full.take(sampleRows) : full, { target: options.target, seed });
  const columns = options.refitFrom ? inputsOf(options.refitFrom, full) : chooseColumns(full, profiled, { target: options.target, exclude: options.exclude ?? [] });
  warnings.push(...columns.warnings);
  if (columns.features.length === 0) {
    throw new InvalidInput(`No usable feature columns are left after dropping ${columns.dropped.map((d) => `${d.column} (${d.reason})`).join(", ")}`);
  }

  // Without a test set, a stratified fifth of the rows is held back and never seen by the search.
  let trainFrame = full;
  let testFrame = options.test ?? null;
  if (!testFrame) {
    const split = holdBack(full, targetAll, seed);
    trainFrame = full.take(split.train);
    testFrame = full.take(split.test);
  }
  const target = testFrame === options.test ? targetAll : { ...resolveTarget(trainFrame, options.target, targetAll.task), reason: targetAll.reason };
  if (target.task === "classification" && target.classes.length !== targetAll.classes.length) {
    warnings.push(`classes ${targetAll.classes.filter((c) => !target.classes.includes(c)).join(", ")} have too few rows to appear in the training part`);
  }
  const K = target.task === "classification" ? target.classes.length : 1;
  const scorer = createScorer(options.metric ?? defaultMetric(target.task, target.classes.length), target.task, target.classes.length);
  const validation = typeof options.validation === "string" ? parseValidation(options.validation) : options.validation ?? { kind: "kfold" as const, k: 5 };
  const folds = makeFolds(validation, trainFrame, target, seed);
  const X = trainFrame.select(columns.features);
  const families = familiesFor(options.families);

  // What every result says about the setting, whichever path trained the model.
  const common = {
    target: options.target,
    classes: target.classes,
    metric: { name: scorer.name, higherIsBetter: scorer.higherIsBetter },
    validation,
    nTrainRows: target.rows.length,
    features: columns.features,
    dropped: columns.dropped,
    warnings,
    testFrame,
    profile: profiled,
    seed,
  };

  if (options.refitFrom) {
    const predictor = refitPredictor(options.refitFrom, { X: X.take(target.rows), y: target.labels }, target, seed, options.nThreads ?? null);
    const refitSeconds = elapsed();
    options.onProgress?.({ phase: "evaluate", message: `scoring ${testFrame.nRows} held-back rows` });
    const test = evaluateOnTest(predictor, testFrame, { scorer, seed, runnerUp: null });
    return {
      ...common,
      task: target.task,
      taskReason: `as in the model refitted from (${target.reason})`,
      nTestRows: test.nRows,
      trials: [],
      leaderboard: [],
      ensemble: null,
      validationScore: NaN,
      threshold: predictor.threshold,
      calibration: null,
      test,
      predictor,
      seconds: { total: elapsed(), search: 0, refit: refitSeconds, evaluate: elapsed() - refitSeconds, budget },
    };
  }

  const searchSeconds = Math.max(0, budget * SEARCH_SHARE - elapsed());
  const evaluateReserve = testFrame.nRows / EVALUATED_ROWS_PER_SECOND;
  const result = search(X, target, {
    families,
    scorer,
    folds,
    seed,
    nThreads: options.nThreads ?? null,
    seconds: searchSeconds,
    maxTrials: options.maxTrials,
    // With the default validation, a search short of time validates on fewer of the folds (more
    // candidates, each judged on fewer rows); a validation the caller named is kept as it is.
    adaptiveFolds: options.validation === undefined,
    // Refitting on all rows costs about a fold's fit scaled to the larger data (and twice that
    // for an ensemble), plus scoring the held-back rows.
    reserve: (best) => (best ? refitEstimate(best, folds.length) : 0.1 * budget) + evaluateReserve,
    onTrial: (event) => options.onProgress?.({ phase: "search", event }),
    onTick: (_elapsed, done) => options.onProgress?.({ phase: "tick", message: `candidate ${done + 1} training` }),
  });
  if (result.foldsUsed < folds.length) {
    warnings.push(`the search validated on ${result.foldsUsed} of the ${folds.length} folds, so that more candidates fit in the budget (name a validation, or give more time, to use them all)`);
  }
  const best = bestTrial(result.trials, scorer);
  if (!best) throw new InvalidInput(`No candidate model could be trained: ${result.trials.map((t) => t.error ?? t.status).join("; ")}`);

  // Ensemble over the best finished candidates, kept only when it beats the best single one.
  const yIndex = target.task === "classification" ? labelIndex(target) : (target.labels as Float64Array);
  const ranked = result.trials.filter((t) => t.status === "done" && !Number.isNaN(t.score)).sort((a, b) => (scorer.higherIsBetter ? b.score - a.score : a.score - b.score));
  // The baseline is the line to beat, not a model to blend (a constant moves no ranking metric).
  const pool = ranked.filter((t) => t.family !== "baseline").slice(0, 12).map((t) => ({ trialId: t.id, oof: result.outOfFold.get(t.id)! }));
  const selection = pool.length > 0 ? selectEnsemble(pool, yIndex, K, scorer, { mask: result.validated }) : { members: [], score: NaN, path: [] };
  const bestScoreOnMask = pool.length > 0 ? selectEnsemble(pool.slice(0, 1), yIndex, K, scorer, { mask: result.validated, rounds: 1 }).score : NaN;
  const gain = (scorer.higherIsBetter ? 1 : -1) * (selection.score - bestScoreOnMask);
  // When refitting the best on all rows would overrun the budget (a first fold that took most of
  // it), the best's first-fold model is kept as it is: trained on fewer rows, but fully trained.
  const foldModel = result.bestFoldModel?.trialId === best.id ? result.bestFoldModel.fitted : null;
  // The estimate is generous (a refit takes about half of it) and a boosting refit stops at the
  // budget's edge anyway, so only a refit that the estimate puts past the budget gives way.
  const keepFoldModel = foldModel !== null && elapsed() + refitEstimate(best, folds.length) + evaluateReserve > budget;
  if (keepFoldModel) warnings.push(`refitting ${trialName(best)} on all rows would overrun the budget: its model of the first fold (${target.rows.length - folds[0].test.length} rows) is kept`);
  const useEnsemble = !keepFoldModel && selection.members.length > 1 && gain > 1e-6 * Math.max(1e-12, Math.abs(bestScoreOnMask));
  const chosen = useEnsemble ? selection.members : [{ trialId: best.id, weight: 1 }];

  // Refit the chosen models on every training row, heaviest first, within the budget.
  const refitStart = elapsed();
  options.onProgress?.({ phase: "refit", message: `refitting ${chosen.length} model${chosen.length > 1 ? "s" : ""} on all ${target.rows.length} training rows` });
  const all = { X: X.take(target.rows), y: target.labels };
  const byId = new Map(result.trials.map((t) => [t.id, t]));
  const refitted: { trialId: number; member: PredictorMember }[] = [];
  for (const member of [...chosen].sort((a, b) => b.weight - a.weight)) {
    const trial = byId.get(member.trialId)!;
    // Another member is refitted only when it should end within the budget.
    if (refitted.length > 0 && elapsed() + refitEstimate(trial, folds.length) + evaluateReserve > budget * 0.97) {
      warnings.push(`the budget ran out before every ensemble member was refitted: ${chosen.length - refitted.length} left out`);
      break;
    }
    const family = families.find((f) => f.name === trial.family)!;
    if (keepFoldModel && foldModel) {
      refitted.push({ trialId: trial.id, member: { family: family.name, weight: 1, model: foldModel.model, pipeline: foldModel.pipeline, config: trial.config, iterations: foldModel.iterations } });
      continue;
    }
    const iterations = refitIterations(trial, folds.length);
    // The first refit stops at the budget's edge, but never before the time the search reserved
    // for it: a search that ran over must not leave a starved model of a few trees.
    const cutoff = refitted.length > 0 ? budget * 0.98 - evaluateReserve : Math.max(budget * 1.02 - evaluateReserve, refitStart + refitEstimate(best, folds.length));
    const fitted = family.refit(all, trial.config, iterations, context(target, seed + trial.id, options.nThreads ?? null, () => elapsed() > cutoff));
    refitted.push({ trialId: trial.id, member: { family: family.name, weight: member.weight, model: fitted.model, pipeline: fitted.pipeline, config: trial.config, iterations } });
  }
  const totalWeight = refitted.reduce((s, r) => s + r.member.weight, 0);
  const normalised = refitted.map((r) => ({ ...r.member, weight: r.member.weight / totalWeight }));

  // The decision threshold that maximises accuracy on the out-of-fold predictions (binary only).
  const blended = blendOutOfFold(refitted.map((r) => ({ weight: r.member.weight / totalWeight, oof: result.outOfFold.get(r.trialId)! })), target.rows.length * K, target.task === "classification");
  // Calibration when cross-fitting shows it helps; the threshold is then tuned on calibrated values.
  const calibration = target.task === "classification" && K === 2 ? chooseCalibration(yIndex, positiveColumn(blended), result.validated, seed) : null;
  if (calibration?.calibrator) {
    const p1 = applyCalibration(calibration.calibrator, positiveColumn(blended));
    p1.forEach((p, i) => {
      blended[2 * i] = 1 - p;
      blended[2 * i + 1] = p;
    });
  }
  const threshold = target.task === "classification" && K === 2 ? tuneThreshold(yIndex, blended, result.validated) : null;
  const predictor = new TrainedPredictor({
    task: target.task,
    target: options.target,
    classes: target.classes,
    inputs: inputColumns(full, columns.features),
    members: normalised,
    threshold,
    calibrator: calibration?.calibrator ?? null,
  });
  const refitSeconds = elapsed() - refitStart;

  options.onProgress?.({ phase: "evaluate", message: `scoring ${testFrame.nRows} held-back rows` });
  const evalStart = elapsed();
  // The runner-up: the best other model (of another family when there is one), the baseline last.
  const others = ranked.filter((t) => t.id !== best.id);
  const runnerUp = useEnsemble ? (others.find((t) => t.family !== "baseline") ?? null) : (others.find((t) => t.family !== best.family && t.family !== "baseline") ?? others.find((t) => t.family !== "baseline") ?? others[0] ?? null);
  const test = evaluateOnTest(predictor, testFrame, {
    scorer,
    seed,
    // Refitted only when that fits in what is left of the budget: it informs, it does not predict.
    runnerUp:
      runnerUp && elapsed() + refitEstimate(runnerUp, folds.length) + 2 * evaluateReserve < budget * 0.97
        ? refitRunnerUp(runnerUp, families, all, folds.length, target, seed, options.nThreads ?? null, () => elapsed() > budget * 0.97 - evaluateReserve)
        : null,
  });
  const evaluateSeconds = elapsed() - evalStart;

  return {
    ...common,
    task: target.task,
    taskReason: target.reason,
    nTestRows: test.nRows,
    trials: result.trials,
    leaderboard: leaderboard(ranked, scorer),
    ensemble: useEnsemble ? selection : null,
    validationScore: useEnsemble ? selection.score : best.score,
    threshold,
    calibration,
    test,
    predictor,
    seconds: { total: elapsed(), search: result.seconds, refit: refitSeconds, evaluate: evaluateSeconds, budget },
  };
}

function familiesFor(names: readonly string[] | undefined): Family[] {
  if (!names) return [...FAMILIES];
  return names.map((name) => {
    const family = FAMILIES.find((f) => f.name === name);
    if (!family) throw new InvalidInput(`Unknown model family "${name}": families are ${FAMILIES.map((f) => f.name).join(", ")}`);
    return family;
  });
}

function positiveColumn(proba: Float64Array): Float64Array {
  return Float64Array.from({ length: proba.length / 2 }, (_, i) => proba[2 * i + 1]);
}

/** The members' out-of-fold predictions blended as TrainedPredictor.blend blends theirs (probabilities kept in [0, 1]). */
function blendOutOfFold(parts: readonly { weight: number; oof: Float64Array }[], length: number, probabilities: boolean): Float64Array {
  const out = new Float64Array(length);
  for (const { weight, oof } of parts) for (let j = 0; j < length; j++) out[j] += weight * oof[j];
  if (probabilities) for (let j = 0; j < length; j++) out[j] = Math.min(1, Math.max(0, out[j]));
  return out;
}


function leaderboard(ranked: readonly Trial[], scorer: Scorer): LeaderboardRow[] {
  void scorer;
  return ranked.map((t, i) => ({
    rank: i + 1,
    name: trialName(t),
    family: t.family,
    score: t.score,
    foldScores: t.foldScores,
    seconds: t.seconds,
    config: t.config,
  }));
}

/** Train and test positions: a stratified (classification) seeded fifth held back. */
function holdBack(frame: Frame, target: Target, seed: number): { train: Int32Array; test: Int32Array } {
  const n = target.rows.length;
  const rng = new Rng(seed ^ 0x5eed);
  const order = rng.permutation(n);
  const isTest = new Uint8Array(n);
  if (target.task === "classification") {
    const byClass = new Map<unknown, number[]>();
    for (const i of order) {
      const label = (target.labels as readonly unknown[])[i];
      const list = byClass.get(label);
      if (list) list.push(i);
      else byClass.set(label, [i]);
    }
    for (const list of byClass.values()) {
      const nTest = list.length >= 5 ? Math.round(list.length * 0.2) : 0;
      for (let j = 0; j < nTest; j++) isTest[list[j]] = 1;
    }
  } else {
    const nTest = Math.round(n * 0.2);
    for (let j = 0; j < nTest; j++) isTest[order[j]] = 1;
  }
  void frame;
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (isTest[i] ? test : train).push(target.rows[i]);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
