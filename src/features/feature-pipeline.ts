// FeaturePipeline: what to do with each column, by kind, with per-column overrides, as
// configuration. fit(frame, { target }) learns every step and returns a FittedFeaturePipeline that
// maps a Frame to the model matrix. A kind with no steps listed is left out (and said so in
// `info.dropped`); an empty list passes the column's values through.

import { InvalidInput } from "../core/index.js";
import type { Column, ColumnKind, Frame } from "../data/index.js";
import { checkFinite, countMissing, fitChain, type FittedChain } from "./column-chain.js";
import { FittedFeaturePipeline, type FeatureMatrix, type PipelineOptions } from "./fitted-feature-pipeline.js";
import { encodeTarget, type TargetType } from "./target.js";
import type { ColumnTransformer, EncodedTarget } from "./transformer.js";

export type Steps = readonly ColumnTransformer[];

export interface FeaturePipelineConfig {
  readonly numeric?: Steps;
  /** Integer columns; numeric's steps when absent. */
  readonly integer?: Steps;
  readonly categorical?: Steps;
  readonly boolean?: Steps;
  readonly datetime?: Steps;
  readonly text?: Steps;
  /** Steps for named columns, whatever their kind. */
  readonly columns?: Readonly<Record<string, Steps>>;
  readonly exclude?: readonly string[];
  /** Columns that may be absent at transform: then read as all missing (and counted as a repair). */
  readonly optional?: readonly string[];
  /**
   * Missing values in a column whose steps have no imputer: "keep" passes NaN on (trees handle
   * it), "error" refuses them (at fit and transform), "impute" fills those that appear only at
   * transform with the median / most frequent value of the training rows. Default "error".
   */
  readonly missing?: "keep" | "error" | "impute";
  /** Leave out columns the reader flagged as identifiers. Default true. */
  readonly dropIdentifiers?: boolean;
}

export interface PipelineFitOptions {
  /** The target: a column of the frame (left out of the features) or the values themselves. */
  readonly target?: string | Column;
  readonly targetType?: TargetType;
}

export class FeaturePipeline {
  readonly config: FeaturePipelineConfig;

  constructor(config: FeaturePipelineConfig) {
    checkConfig(config);
    this.config = config;
  }

  fit(frame: Frame, options: PipelineFitOptions = {}): FittedFeaturePipeline {
    return this.#fit(frame, options, false).pipeline;
  }

  /**
   * Fits, and returns the training matrix: the same as transform(frame) except that supervised
   * steps (target encoding) give their out-of-fold encodings, so no row sees its own target.
   */
  fitTransform(frame: Frame, options: PipelineFitOptions = {}): { pipeline: FittedFeaturePipeline; X: FeatureMatrix } {
    const { pipeline, training } = this.#fit(frame, options, true);
    return { pipeline, X: pipeline.transformWith(frame, training) };
  }

  #fit(frame: Frame, options: PipelineFitOptions, keepTraining: boolean): { pipeline: FittedFeaturePipeline; training: Map<string, Float64Array> } {
    const { config } = this;
    const targetName = typeof options.target === "string" ? options.target : undefined;
    const exclude = new Set([...(config.exclude ?? []), ...(targetName ? [targetName] : [])]);
    for (const name of [...(config.exclude ?? []), ...Object.keys(config.columns ?? {})]) frame.column(name);
    let target: EncodedTarget | undefined;
    const chains: FittedChain[] = [];
    const dropped: { column: string; reason: string }[] = [];
    const training = new Map<string, Float64Array>();
    const policy = config.missing ?? "error";
    for (const field of frame.schema) {
      if (exclude.has(field.name)) continue;
      const steps = this.#stepsFor(field.name, field.kind);
      if (field.isIdentifier && (config.dropIdentifiers ?? true) && !config.columns?.[field.name]) {
        dropped.push({ column: field.name, reason: "identifier" });
        continue;
      }
      if (steps === undefined) {
        dropped.push({ column: field.name, reason: `no steps for ${field.kind} columns` });
        continue;
      }
      const column = frame.column(field.name);
      if (steps.some((s) => s.isSupervised) && !target) target = this.#target(frame, options);
      checkFinite(column, field.name, 0);
      const nMissing = countMissing(column);
      const fitted = fitChain(column, steps, { name: field.name, target, nMissing, policy });
      chains.push(fitted.chain);
      if (keepTraining && fitted.training) training.set(field.name, fitted.training);
    }
    if (chains.length === 0) throw new InvalidInput(`The feature pipeline kept no column of the ${frame.nCols} given`, { hint: "give steps for the kinds of columns the frame has" });
    const pipelineOptions: PipelineOptions = { missing: policy, optional: [...(config.optional ?? [])], dropped };
    return { pipeline: new FittedFeaturePipeline(chains, pipelineOptions), training };
  }

  #stepsFor(name: string, kind: ColumnKind): Steps | undefined {
    const { config } = this;
    if (config.columns?.[name]) return config.columns[name];
    if (kind === "integer") return config.integer ?? config.numeric;
    return config[kind];
  }

  #target(frame: Frame, options: PipelineFitOptions): EncodedTarget {
    if (options.target === undefined) throw new InvalidInput("The feature pipeline has a supervised step (target encoding): pass fit(frame, { target })");
    const column = typeof options.target === "string" ? frame.column(options.target) : options.target;
    const n = column.kind === "categorical" ? column.codes.length : column.values.length;
    if (n !== frame.nRows) throw new InvalidInput(`The target has ${n} values but the frame has ${frame.nRows} rows`);
    return encodeTarget(column, { type: options.targetType, name: typeof options.target === "string" ? options.target : "target" });
  }
}

const KIND_KEYS = ["numeric", "integer", "categorical", "boolean", "datetime", "text"] as const;
const CONFIG_KEYS = new Set<string>([...KIND_KEYS, "columns", "exclude", "optional", "missing", "dropIdentifiers"]);

/** Every problem in the configuration at once: unknown keys, step lists that are not transformers. */
function checkConfig(config: FeaturePipelineConfig): void {
  const problems: string[] = [];
  for (const key of Object.keys(config)) if (!CONFIG_KEYS.has(key)) problems.push(`unknown key "${key}" (keys are ${[...CONFIG_KEYS].join(", ")})`);
  const checkSteps = (where: string, steps: unknown) => {
    if (steps === undefined) return;
    if (!Array.isArray(steps)) problems.push(`${where} must be a list of transformers`);
    else steps.forEach((s, i) => {
      if (!s || typeof s !== "object" || typeof (s as ColumnTransformer).fit !== "function" || typeof (s as ColumnTransformer).kind !== "string") {
        problems.push(`${where}[${i}] is not a transformer (new StandardScaler(), new OneHotEncoder({ … }), …)`);
      }
    });
  };
  for (const key of KIND_KEYS) checkSteps(key, config[key]);
  for (const [name, steps] of Object.entries(config.columns ?? {})) checkSteps(`columns["${name}"]`, steps);
  if (config.missing !== undefined && !["keep", "error", "impute"].includes(config.missing)) problems.push(`missing must be "keep", "error" or "impute": received ${String(config.missing)}`);
  if (problems.length > 0) throw new InvalidInput(`Invalid FeaturePipeline configuration: ${problems.join("; ")}`);
}
