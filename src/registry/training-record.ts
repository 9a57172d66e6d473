// What a training run records: parameters, lineage, final metrics, per-trial results and timings,
// taken from the bundle (and the TrainResult, when the run trained in this process).

import type { Bundle, TrainResult } from "../automl/index.js";
import type { RunEnd, RunStart } from "./registry.js";
import type { TrialRecord } from "./runs.js";

export function trainingRecord(bundle: Bundle, result?: TrainResult): { start: RunStart; end: Omit<RunEnd, "artifacts" | "register"> } {
  const l = bundle.lineage;
  const m = bundle.metrics;
  const metrics: Record<string, number> = {
    [`validation_${m.name}`]: m.validation,
    [`test_${m.name}`]: m.test,
    [`test_${m.name}_low`]: m.testInterval[0],
    [`test_${m.name}_high`]: m.testInterval[1],
  };
  const trials: TrialRecord[] = (result?.trials ?? []).map((t) => ({
    trial: t.id,
    family: t.family,
    status: t.status,
    score: t.score,
    seconds: t.seconds,
    detail: { config: t.config, foldScores: t.foldScores, ...(t.error ? { error: t.error } : {}) },
  }));
  const timings: Record<string, number> = result ? { ...result.seconds } : {};
  return {
    start: {
      params: { ...l.params, seed: l.seed },
      tags: { task: bundle.predictor.task, target: bundle.predictor.target, metric: m.name },
      lineage: {
        dataFingerprint: l.dataFingerprint,
        schemaFingerprint: l.schemaFingerprint,
        nTrainRows: l.nTrainRows,
        source: l.source,
        seed: l.seed,
        packageVersion: l.packageVersion,
        gitCommit: l.gitCommit,
        bundleCreatedAt: l.createdAt,
      },
    },
    end: { metrics, trials, timings },
  };
}
