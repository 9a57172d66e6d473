// Refitting: a configuration the search chose, or a saved predictor's members, fitted again on all
// the training rows — with the rounds the folds found and the time the search kept back for it.

import { InvalidInput } from "../core/index.js";
import type { Frame } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";
import { FAMILIES, type Family, type FitContext } from "./candidates.js";
import type { chooseColumns } from "./columns.js";
import { TrainedPredictor, type InputColumn } from "./predictor.js";
import { trialName, type Trial } from "./search.js";
import type { Target } from "./task.js";

/** The columns a predictor reads, all of which the new data must have. */
export function inputsOf(predictor: TrainedPredictor, frame: Frame): ReturnType<typeof chooseColumns> {
  const missing = predictor.inputs.filter((c) => !frame.has(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new InvalidInput(`The new data lacks ${missing.join(", ")}: the model to refit reads ${predictor.inputs.map((c) => c.name).join(", ")}`);
  return { features: predictor.inputs.map((c) => c.name), dropped: [], warnings: [] };
}

/** The same members, weights and threshold, each refitted on `data` with its own configuration. */
export function refitPredictor(from: TrainedPredictor, data: { X: Frame; y: readonly ClassLabel[] | Float64Array }, target: Target, seed: number, nThreads: number | null): TrainedPredictor {
  if (from.task !== target.task) throw new InvalidInput(`The model to refit does ${from.task}, but "${target.name}" makes a ${target.task} task`);
  const members = from.members.map((member, j) => {
    const family = FAMILIES.find((f) => f.name === member.family);
    if (!family) throw new InvalidInput(`The model to refit has a member of unknown family "${member.family}"`);
    const fitted = family.refit(data, member.config, member.iterations, context(target, seed + j, nThreads, () => false));
    return { ...member, model: fitted.model, pipeline: fitted.pipeline };
  });
  return new TrainedPredictor({
    task: target.task,
    target: target.name,
    classes: target.classes,
    inputs: from.inputs,
    members,
    threshold: target.task === "classification" && target.classes.length === 2 ? from.threshold : null,
    calibrator: from.calibrator,
  });
}

export function context(target: Target, seed: number, nThreads: number | null, shouldStop: () => boolean): FitContext {
  return { task: target.task, classes: target.classes, seed, nThreads, shouldStop };
}

/**
 * Seconds refitting a trial's configuration on all rows should take: a fold's fit scaled to the
 * larger data, with a second for scoring. A fold's time already includes the rounds early stopping
 * ran past the best, validation scoring and (first fold) warm-up, so it overestimates: on adult
 * and airlines a refit took 0.4–0.7 of the fold's time. An ensemble's other members are refitted
 * only while the budget lasts (train() checks before each), so they are not reserved: a reserve
 * of 2.5 folds left a third of a 30 s budget unused.
 */
export function refitEstimate(trial: Trial, nFolds: number): number {
  return (trial.seconds / Math.max(1, trial.foldScores.length)) * (nFolds / Math.max(1, nFolds - 1)) + 1;
}

/** Iterations for a refit on all rows: the folds' mean, a little more for the larger data. */
export function refitIterations(trial: Trial, nFolds: number): number | null {
  const known = trial.iterations.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  return Math.max(1, Math.round(mean * (1 + 1 / Math.max(2, nFolds))));
}

export function refitRunnerUp(
  trial: Trial,
  families: readonly Family[],
  all: { X: Frame; y: readonly ClassLabel[] | Float64Array },
  nFolds: number,
  target: Target,
  seed: number,
  nThreads: number | null,
  shouldStop: () => boolean,
): { name: string; predictor: TrainedPredictor } {
  const family = families.find((f) => f.name === trial.family)!;
  const iterations = refitIterations(trial, nFolds);
  const fitted = family.refit(all, trial.config, iterations, context(target, seed + trial.id, nThreads, shouldStop));
  return {
    name: trialName(trial),
    predictor: new TrainedPredictor({
      task: target.task,
      target: target.name,
      classes: target.classes,
      inputs: inputColumns(all.X, all.X.names),
      members: [{ family: family.name, weight: 1, model: fitted.model, pipeline: fitted.pipeline, config: trial.config, iterations }],
      threshold: null,
    }),
  };
}

/** The columns a predictor reads, with their kinds (and categories) in training. */
export function inputColumns(frame: Frame, names: readonly string[]): InputColumn[] {
  return names.map((name) => {
    const column = frame.column(name);
    return column.kind === "categorical" ? { name, kind: column.kind, categories: [...column.categories] } : { name, kind: column.kind };
  });
}
