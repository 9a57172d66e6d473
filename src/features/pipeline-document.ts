// The fitted pipeline as a versioned, kind-tagged JSON document, and back. Features sit below
// models, so this is a JSON format of its own rather than the models' byte envelope: it carries
// `format`, `version` and `kind` the same way, and the model bundle stores it beside the model.
// Every step's state is plain JSON (numbers that may be NaN through state-json.ts), so a decoded
// pipeline gives the same bytes of output as the one that was encoded. Reading never runs code
// from the document: steps are rebuilt by their kind tag from a fixed table.

import { InvalidInput } from "../core/index.js";
import { COLUMN_KINDS, type ColumnKind } from "../data/index.js";
import { chainNames, type FittedChain } from "./column-chain.js";
import { FittedDatetimeEncoder } from "./datetime-encoder.js";
import type { FittedFeaturePipeline, PipelineOptions } from "./fitted-feature-pipeline.js";
import { FittedHashingVectorizer } from "./hashing-vectorizer.js";
import { FittedKBinsDiscretizer } from "./k-bins-discretizer.js";
import { FittedMinMaxScaler } from "./min-max-scaler.js";
import { FittedOneHotEncoder } from "./one-hot-encoder.js";
import { FittedOrdinalEncoder } from "./ordinal-encoder.js";
import { FittedSimpleImputer } from "./simple-imputer.js";
import { FittedAffine } from "./standard-scaler.js";
import { recordOf, stringsFromJson } from "./state-json.js";
import { FittedTargetEncoder } from "./target-encoder.js";
import type { FittedStep, StepState } from "./transformer.js";

export const FEATURES_FORMAT = "orchard-features";
export const FEATURE_PIPELINE_KIND = "feature-pipeline";
export const FEATURE_PIPELINE_VERSION = 1;

export interface FeaturePipelineDocument {
  readonly format: typeof FEATURES_FORMAT;
  readonly version: number;
  readonly kind: typeof FEATURE_PIPELINE_KIND;
  readonly missing: PipelineOptions["missing"];
  readonly optional: readonly string[];
  readonly dropped: PipelineOptions["dropped"];
  readonly columns: readonly {
    readonly name: string;
    readonly kind: ColumnKind;
    readonly nMissingAtFit: number;
    readonly steps: readonly StepState[];
    /** Per output of the block step, the stream steps after it. */
    readonly post: readonly (readonly StepState[])[];
    readonly fallback: StepState | null;
  }[];
  /** Written for readers that only want the names; checked against the steps on reading. */
  readonly featureNames: readonly string[];
}

const STEP_READERS: Readonly<Record<string, (state: Record<string, unknown>) => FittedStep>> = {
  "simple-imputer": FittedSimpleImputer.fromJSON,
  "standard-scaler": FittedAffine.fromJSON,
  "robust-scaler": FittedAffine.fromJSON,
  "min-max-scaler": FittedMinMaxScaler.fromJSON,
  "one-hot-encoder": FittedOneHotEncoder.fromJSON,
  "ordinal-encoder": FittedOrdinalEncoder.fromJSON,
  "target-encoder": FittedTargetEncoder.fromJSON,
  "datetime-encoder": FittedDatetimeEncoder.fromJSON,
  "k-bins-discretizer": FittedKBinsDiscretizer.fromJSON,
  "hashing-vectorizer": FittedHashingVectorizer.fromJSON,
};

export function pipelineToJson(pipeline: FittedFeaturePipeline): FeaturePipelineDocument {
  return {
    format: FEATURES_FORMAT,
    version: FEATURE_PIPELINE_VERSION,
    kind: FEATURE_PIPELINE_KIND,
    missing: pipeline.options.missing,
    optional: [...pipeline.options.optional],
    dropped: pipeline.options.dropped.map((d) => ({ ...d })),
    columns: pipeline.chains.map((c) => ({
      name: c.name,
      kind: c.kind,
      nMissingAtFit: c.nMissingAtFit,
      steps: c.steps.map((s) => s.toJSON()),
      post: c.post.map((steps) => steps.map((s) => s.toJSON())),
      fallback: c.fallback ? c.fallback.toJSON() : null,
    })),
    featureNames: [...pipeline.featureNames],
  };
}

export function pipelineFromJson(doc: unknown): { chains: FittedChain[]; options: PipelineOptions } {
  const raw = recordOf(doc, "the document");
  if (raw.format !== FEATURES_FORMAT || raw.kind !== FEATURE_PIPELINE_KIND) {
    throw new InvalidInput(`Not an Orchard feature pipeline: format ${JSON.stringify(raw.format)} and kind ${JSON.stringify(raw.kind)}, expected "${FEATURES_FORMAT}" and "${FEATURE_PIPELINE_KIND}"`);
  }
  if (raw.version !== FEATURE_PIPELINE_VERSION) {
    throw new InvalidInput(`Unsupported feature pipeline version ${JSON.stringify(raw.version)}: this Orchard reads version ${FEATURE_PIPELINE_VERSION}`, { hint: "load it with the Orchard version that wrote it, or refit" });
  }
  if (!["keep", "error", "impute"].includes(raw.missing as string)) throw new InvalidInput(`Feature pipeline state: missing is ${JSON.stringify(raw.missing)}`);
  if (!Array.isArray(raw.columns)) throw new InvalidInput("Feature pipeline state: columns must be an array");
  const chains = raw.columns.map((value, k) => readChain(recordOf(value, `columns[${k}]`)));
  const names = chains.flatMap((c) => c.names);
  const stored = stringsFromJson(raw.featureNames, "featureNames");
  if (stored.length !== names.length || stored.some((n, i) => n !== names[i])) {
    throw new InvalidInput("Feature pipeline state: featureNames do not match the steps", { hint: "the document was altered" });
  }
  const dropped = Array.isArray(raw.dropped) ? raw.dropped.map((d, i) => {
    const r = recordOf(d, `dropped[${i}]`);
    return { column: String(r.column), reason: String(r.reason) };
  }) : [];
  return { chains, options: { missing: raw.missing as PipelineOptions["missing"], optional: stringsFromJson(raw.optional, "optional"), dropped } };
}

function readChain(raw: Record<string, unknown>): FittedChain {
  if (typeof raw.name !== "string") throw new InvalidInput("Feature pipeline state: a column has no name");
  if (!COLUMN_KINDS.includes(raw.kind as ColumnKind)) throw new InvalidInput(`Feature pipeline state: column "${raw.name}" has kind ${JSON.stringify(raw.kind)}`);
  if (!Array.isArray(raw.steps)) throw new InvalidInput(`Feature pipeline state: column "${raw.name}" steps must be an array`);
  const steps = raw.steps.map((s) => readStep(recordOf(s, `steps of "${raw.name}"`)));
  const post = (Array.isArray(raw.post) ? raw.post : []).map((list, j) => {
    if (!Array.isArray(list)) throw new InvalidInput(`Feature pipeline state: post steps of "${raw.name}" must be arrays`);
    return list.map((s) => {
      const step = readStep(recordOf(s, `post steps of "${raw.name}" output ${j}`));
      if (step.role !== "stream") throw new InvalidInput(`Feature pipeline state: a step after the block of "${raw.name}" must be a stream step`);
      return step;
    });
  });
  const last = steps[steps.length - 1];
  if (post.length > 0 && (last?.role !== "block" || post.length !== last.outputSuffixes.length)) {
    throw new InvalidInput(`Feature pipeline state: "${raw.name}" has post steps that do not match its block's outputs`);
  }
  const fallback = raw.fallback === null || raw.fallback === undefined ? null : readStep(recordOf(raw.fallback, "fallback"));
  if (fallback !== null && !(fallback instanceof FittedSimpleImputer)) throw new InvalidInput(`Feature pipeline state: the fallback of "${raw.name}" must be a simple-imputer`);
  const nMissingAtFit = Number(raw.nMissingAtFit);
  if (!Number.isInteger(nMissingAtFit) || nMissingAtFit < 0) throw new InvalidInput(`Feature pipeline state: nMissingAtFit of "${raw.name}" must be a count`);
  return { name: raw.name, kind: raw.kind as ColumnKind, steps, post, nMissingAtFit, fallback, names: chainNames(raw.name, steps) };
}

function readStep(state: Record<string, unknown>): FittedStep {
  const reader = typeof state.kind === "string" ? STEP_READERS[state.kind] : undefined;
  if (!reader) throw new InvalidInput(`Feature pipeline state: unknown step kind ${JSON.stringify(state.kind)}`, { hint: `known kinds are ${Object.keys(STEP_READERS).join(", ")}` });
  return reader(state);
}

/** The document as UTF-8 JSON bytes, and back. */
export function encodeFeaturePipeline(pipeline: FittedFeaturePipeline): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(pipelineToJson(pipeline)));
}

export function decodeFeaturePipelineDocument(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new InvalidInput(`Feature pipeline is not valid UTF-8 JSON: ${(error as Error).message}`, { cause: error });
  }
}
