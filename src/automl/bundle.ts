// The model bundle (DESIGN.md §5): what is registered and served. The trained predictor (its
// models encoded in the shared model format), the input signature, the output, metrics with their
// intervals, reference statistics of the training data for drift checks, and lineage. One byte
// array in the model envelope (format "orchard-bundle"); decoding checks every field and never
// executes anything from the bytes.

import { InvalidInput } from "../core/index.js";
import type { ColumnKind, ColumnProfile, Frame, Histogram } from "../data/index.js";
import {
  PayloadReader,
  PayloadWriter,
  arrayOf,
  decodeDocument,
  decodeModel,
  encodeDocument,
  encodeModel,
  numberOf,
  objectOf,
  sectionOf,
  stringOf,
  type ClassLabel,
  type Model,
} from "../models/index.js";
import { FittedFeaturePipeline } from "../features/index.js";
import { calibratorDocument, calibratorFromDocument } from "./calibration.js";
import { ConstantModel } from "./candidates.js";
import { dataFingerprint, schemaFingerprint } from "./fingerprint.js";
import { TrainedPredictor, type PredictorMember } from "./predictor.js";
import type { TrainResult } from "./train.js";

export const BUNDLE_FORMAT = "orchard-bundle";
export const BUNDLE_VERSION = 1;

export interface SignatureColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Whether training saw missing values here (a model handles them either way). */
  readonly nullable: boolean;
  /** Categorical: the categories seen in training (others are unseen: routed as the model learnt). */
  readonly categories?: readonly string[];
  /** Numeric: the range seen in training. */
  readonly range?: readonly [number, number];
}

export interface ReferenceColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly missingShare: number;
  readonly histogram?: Histogram;
  /** Categorical, boolean: share of each value (top values, the rest as "other"). */
  readonly shares?: Readonly<Record<string, number>>;
}

export interface BundleMetrics {
  readonly name: string;
  readonly higherIsBetter: boolean;
  readonly validation: number;
  readonly test: number;
  readonly testInterval: readonly [number, number];
  readonly level: number;
  readonly nTestRows: number;
  readonly runnerUp: { readonly name: string; readonly score: number; readonly difference: number; readonly pValue: number } | null;
}

export interface Lineage {
  readonly dataFingerprint: string;
  readonly schemaFingerprint: string;
  readonly nTrainRows: number;
  readonly source: string | null;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly packageVersion: string;
  readonly gitCommit: string | null;
  readonly createdAt: string;
}

export interface Bundle {
  readonly predictor: TrainedPredictor;
  readonly signature: readonly SignatureColumn[];
  readonly metrics: BundleMetrics;
  readonly reference: readonly ReferenceColumn[];
  readonly lineage: Lineage;
  /** The search's best candidates, for the record. */
  readonly leaderboard: readonly { readonly name: string; readonly score: number }[];
}

export interface LineageFacts {
  readonly packageVersion: string;
  readonly gitCommit?: string | null;
  readonly source?: string | null;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly createdAt?: string;
}

/** The bundle of a training run; `trainData` is the frame that was passed to train(). */
export function bundleFromResult(result: TrainResult, trainData: Frame, facts: LineageFacts): Bundle {
  const inputs = result.predictor.inputs;
  const byName = new Map(result.profile.columns.map((c) => [c.name, c]));
  return {
    predictor: result.predictor,
    signature: inputs.map((c) => signatureColumn(trainData, c.name, c.kind)),
    metrics: {
      name: result.metric.name,
      higherIsBetter: result.metric.higherIsBetter,
      validation: result.validationScore,
      test: result.test.score,
      testInterval: result.test.interval,
      level: result.test.level,
      nTestRows: result.test.nRows,
      runnerUp: result.test.runnerUp && { name: result.test.runnerUp.name, score: result.test.runnerUp.score, difference: result.test.runnerUp.difference, pValue: result.test.runnerUp.pValue },
    },
    reference: inputs.map((c) => referenceColumn(byName.get(c.name), c.name, c.kind)),
    lineage: {
      dataFingerprint: dataFingerprint(trainData),
      schemaFingerprint: schemaFingerprint(inputs),
      nTrainRows: result.nTrainRows,
      source: facts.source ?? null,
      params: facts.params ?? {},
      seed: result.seed,
      packageVersion: facts.packageVersion,
      gitCommit: facts.gitCommit ?? null,
      createdAt: facts.createdAt ?? new Date().toISOString(),
    },
    leaderboard: result.leaderboard.slice(0, 20).map((row) => ({ name: row.name, score: row.score })),
  };
}

function signatureColumn(frame: Frame, name: string, kind: ColumnKind): SignatureColumn {
  const column = frame.column(name);
  let nullable = false;
  if (column.kind === "categorical") {
    for (const code of column.codes) if (code < 0) nullable = true;
    return { name, kind, nullable, categories: [...column.categories] };
  }
  if (column.kind === "boolean") {
    for (const v of column.values) if (v < 0) nullable = true;
    return { name, kind, nullable };
  }
  if (column.kind === "text") return { name, kind, nullable: column.values.includes(null) };
  let min = Infinity;
  let max = -Infinity;
  for (const v of column.values) {
    if (Number.isNaN(v)) nullable = true;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { name, kind, nullable, ...(min <= max ? { range: [min, max] as const } : {}) };
}

function referenceColumn(stats: ColumnProfile | undefined, name: string, kind: ColumnKind): ReferenceColumn {
  const base = { name, kind, missingShare: stats?.missingShare ?? 0 };
  if (stats?.numeric) return { ...base, histogram: stats.numeric.histogram };
  if (stats?.datetime) return { ...base, histogram: stats.datetime.histogram };
  if (stats?.categorical) {
    const total = stats.categorical.top.reduce((s, c) => s + c.count, 0) + stats.categorical.otherCount;
    const shares: Record<string, number> = {};
    for (const c of stats.categorical.top) shares[c.value] = c.count / total;
    if (stats.categorical.otherCount > 0) shares["(other)"] = stats.categorical.otherCount / total;
    return { ...base, shares };
  }
  return base;
}

/** The bundle as bytes: header JSON with everything but the members' models, which follow it. */
export function encodeBundle(bundle: Bundle): Uint8Array {
  const writer = new PayloadWriter();
  const { predictor } = bundle;
  const members = predictor.members.map((m) =>
    m.model instanceof ConstantModel
      ? { family: m.family, weight: m.weight, config: m.config, iterations: m.iterations, constant: [...m.model.values] }
      : {
          family: m.family,
          weight: m.weight,
          config: m.config,
          iterations: m.iterations,
          model: writer.add("uint8", encodeModel(m.model)),
          ...(m.pipeline ? { pipeline: writer.add("uint8", m.pipeline.encode()) } : {}),
        },
  );
  const header = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    kind: "bundle",
    task: predictor.task,
    target: predictor.target,
    classes: predictor.classes,
    threshold: predictor.threshold,
    calibrator: predictor.calibrator ? calibratorDocument(predictor.calibrator) : null,
    inputs: predictor.inputs,
    members,
    signature: bundle.signature,
    metrics: bundle.metrics,
    reference: bundle.reference,
    lineage: bundle.lineage,
    leaderboard: bundle.leaderboard,
    payloadBytes: writer.byteLength,
  };
  return encodeDocument({ header, payload: writer.finish() });
}

export function decodeBundle(bytes: Uint8Array): Bundle {
  const doc = decodeDocument(bytes);
  const raw = objectOf(doc.header, "header");
  if (raw.format !== BUNDLE_FORMAT) {
    throw new InvalidInput(`Not an Orchard model bundle: format is ${JSON.stringify(raw.format)}, expected "${BUNDLE_FORMAT}"`, {
      hint: raw.format === "orchard-model" ? "this is a single model: load it with decodeModel()" : "pass a file written by orchard train --out",
    });
  }
  if (raw.version !== BUNDLE_VERSION) throw new InvalidInput(`Unsupported bundle version ${JSON.stringify(raw.version)}: this Orchard reads version ${BUNDLE_VERSION}`, { hint: "load it with the Orchard version that wrote it, or retrain" });
  if (raw.payloadBytes !== doc.payload.byteLength) throw new InvalidInput(`Bundle payload has ${doc.payload.byteLength} bytes but the header says ${JSON.stringify(raw.payloadBytes)}`);
  const task = raw.task;
  if (task !== "classification" && task !== "regression") throw new InvalidInput(`Bundle header field "task" must be classification or regression: received ${JSON.stringify(task)}`);
  const reader = new PayloadReader(doc.payload);
  const classes = arrayOf(raw.classes, "classes", (v, w): ClassLabel => {
    if (typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) return v;
    throw new InvalidInput(`Bundle header field "${w}" must be a class label: received ${JSON.stringify(v)}`);
  });
  const inputs = arrayOf(raw.inputs, "inputs", (v, w) => {
    const o = objectOf(v, w);
    const kind = stringOf(o.kind, `${w}.kind`) as ColumnKind;
    const categories = o.categories === undefined ? undefined : arrayOf(o.categories, `${w}.categories`, (c, wc) => stringOf(c, wc));
    return { name: stringOf(o.name, `${w}.name`), kind, ...(categories ? { categories } : {}) };
  });
  const members: PredictorMember[] = arrayOf(raw.members, "members", (v, w) => {
    const o = objectOf(v, w);
    const weight = numberOf(o.weight, `${w}.weight`);
    const family = stringOf(o.family, `${w}.family`);
    const config = objectOf(o.config, `${w}.config`) as PredictorMember["config"];
    const iterations = o.iterations === null ? null : numberOf(o.iterations, `${w}.iterations`);
    if (o.constant !== undefined) return { family, weight, config, iterations, pipeline: null, model: new ConstantModel(Float64Array.from(arrayOf(o.constant, `${w}.constant`, (c, wc) => numberOf(c, wc)))) };
    const model: Model = decodeModel(reader.read("uint8", sectionOf(o.model, `${w}.model`), `${w}.model`));
    const pipeline = o.pipeline === undefined ? null : FittedFeaturePipeline.decode(reader.read("uint8", sectionOf(o.pipeline, `${w}.pipeline`), `${w}.pipeline`));
    return { family, weight, config, iterations, model, pipeline };
  });
  if (members.length === 0) throw new InvalidInput("Bundle has no models");
  const threshold = raw.threshold === null ? null : numberOf(raw.threshold, "threshold");
  const calibrator = raw.calibrator === null || raw.calibrator === undefined ? null : calibratorFromDocument(objectOf(raw.calibrator, "calibrator") as never);
  const predictor = new TrainedPredictor({ task, target: stringOf(raw.target, "target"), classes, inputs, members, threshold, calibrator });
  return {
    predictor,
    signature: raw.signature as SignatureColumn[],
    metrics: raw.metrics as BundleMetrics,
    reference: raw.reference as ReferenceColumn[],
    lineage: raw.lineage as Lineage,
    leaderboard: raw.leaderboard as Bundle["leaderboard"],
  };
}
