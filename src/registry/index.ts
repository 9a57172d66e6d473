// The model registry: runs, registered models, versions, aliases, promotion, rollback, the audit
// log, URIs (models:/name/3, models:/name@alias, runs:/<id>/model) and garbage collection.

export { openRegistry, Registry, type ModelDetail, type RegistryOptions, type ResolvedModel, type RunEnd, type RunResult, type RunStart } from "./registry.js";
export { parseModelUri, parseModelReference, checkAlias, checkModelName, formatModelUri, type ModelRef } from "./model-uri.js";
export { currentActor, type AuditAction, type AuditEntry } from "./audit-log.js";
export type { ModelSummary, ModelVersion } from "./model-versions.js";
export type { AliasMove } from "./aliases.js";
export type { Run, RunStatus, RunSummary, RunArtifact, TrialRecord } from "./runs.js";
export type { RunComparison, FieldComparison, MetricComparison } from "./run-comparison.js";
export type { GcOptions, GcReport } from "./retention.js";
export { trainingRecord } from "./training-record.js";
