// One input column's way through the pipeline: stream steps in order (each may add side outputs,
// such as an imputer's indicator), then either a block step or the stream's own values as one
// output. Stream steps listed after a block step apply to each of its outputs, fitted apart (the
// calendar parts of a date, each imputed and scaled). Fitting a chain fits each step on what the
// previous step produced from the training rows.

import { InvalidInput } from "../core/index.js";
import { isMissingAt, type Column, type ColumnKind } from "../data/index.js";
import { FittedSimpleImputer, SimpleImputer } from "./simple-imputer.js";
import type { BlockSink, ColumnTransformer, FitContext, FittedBlock, FittedStep, FittedStream, TransformContext } from "./transformer.js";

export interface FittedChain {
  readonly name: string;
  /** The column's kind at fit (integer and numeric are interchangeable at transform). */
  readonly kind: ColumnKind;
  /** The steps up to and including the block step, if any. */
  readonly steps: readonly FittedStep[];
  /** After a block step: for each of its outputs, the stream steps fitted on it (or none). */
  readonly post: readonly (readonly FittedStream[])[];
  /** Rows missing at fit: a chain fitted on missing values handles them as it learned to. */
  readonly nMissingAtFit: number;
  /** For the "impute" missing policy: fills missing values that appear only at transform. */
  readonly fallback: FittedSimpleImputer | null;
  /** Output names, in output order. */
  readonly names: readonly string[];
}

export function hasImputer(chain: FittedChain): boolean {
  return [...chain.steps, ...chain.post.flat()].some((s) => s.kind === "simple-imputer");
}

/** Output names of fitted steps on a column: main outputs first, then side outputs in step order. */
export function chainNames(name: string, steps: readonly FittedStep[]): string[] {
  const last = steps[steps.length - 1];
  const main = last?.role === "block" ? last.outputSuffixes.map((s) => name + s) : [name];
  const side = steps.flatMap((s) => (s.role === "stream" ? (s.sideSuffixes ?? []).map((x) => name + x) : []));
  return [...main, ...side];
}

/** Fits the steps one after another; only stream steps may follow a block step. */
export function fitChain(
  column: Column,
  steps: readonly ColumnTransformer[],
  context: FitContext & { nMissing: number; policy: string },
): { chain: FittedChain; training?: Float64Array } {
  const fitted: FittedStep[] = [];
  let training: Float64Array | undefined;
  let current = column;
  const blockAt = steps.findIndex((s) => s.role === "block");
  for (const step of blockAt < 0 ? steps : steps.slice(0, blockAt + 1)) {
    checkAccepts(step, current.kind, context.name);
    let f: FittedStep;
    if (step.fitTransform) {
      const result = step.fitTransform(current, context);
      f = result.fitted;
      training = result.training;
    } else f = step.fit(current, context);
    fitted.push(f);
    if (f.role === "stream") current = f.apply(current, { name: context.name });
  }
  const last = fitted[fitted.length - 1];
  const after = blockAt < 0 ? [] : steps.slice(blockAt + 1);
  let post: FittedStream[][] = [];
  if (after.length > 0) ({ post, training } = fitPost(last as FittedBlock, current, after, training, context.name));
  if (last?.role !== "block" && (current.kind === "categorical" || current.kind === "text")) {
    throw new InvalidInput(`Column "${context.name}" is still ${current.kind} after its steps: its codes mean nothing to a model`, {
      hint: "end its steps with an encoder (OneHotEncoder, OrdinalEncoder, TargetEncoder, HashingVectorizer) or exclude it",
    });
  }
  const partial = { name: context.name, kind: column.kind, steps: fitted, post, nMissingAtFit: context.nMissing, fallback: null, names: chainNames(context.name, fitted) };
  const imputes = hasImputer(partial);
  if (!imputes && context.policy === "error" && context.nMissing > 0 && last?.role !== "block") {
    throw new InvalidInput(`Column "${context.name}" has ${context.nMissing} missing values and no imputer`, {
      hint: 'add a SimpleImputer to its steps, or set missing: "keep" to pass NaN to the model',
    });
  }
  let fallback: FittedSimpleImputer | null = null;
  if (!imputes && context.policy === "impute" && context.nMissing < lengthOfColumn(column)) {
    const numeric = column.kind === "numeric" || column.kind === "integer" || column.kind === "datetime";
    fallback = new SimpleImputer({ strategy: numeric ? "median" : "most_frequent" }).fit(column, context);
  }
  return { chain: { ...partial, fallback }, training };
}

function checkAccepts(step: ColumnTransformer, kind: ColumnKind, name: string): void {
  if (step.accepts.includes(kind)) return;
  throw new InvalidInput(`${step.constructor.name} cannot take column "${name}": it is ${kind} at that step, and ${step.constructor.name} takes ${step.accepts.join(", ")}`, {
    hint: "give this column other steps (a per-column override) or exclude it",
  });
}

/** Fits the steps after a block on each of its training outputs; returns the block they give. */
function fitPost(block: FittedBlock, column: Column, after: readonly ColumnTransformer[], training: Float64Array | undefined, name: string): { post: FittedStream[][]; training: Float64Array } {
  const width = block.outputSuffixes.length;
  const rows = lengthOfColumn(column);
  const raw = training ?? new Float64Array(rows * width);
  if (!training) block.write(column, { data: raw, stride: width, offset: 0 }, { name });
  const out = new Float64Array(rows * width);
  const post = block.outputSuffixes.map((suffix, j) => {
    let current: Column = { kind: "numeric", values: extract(raw, j, width, rows) };
    const steps = after.map((step) => {
      if (step.role !== "stream") throw new InvalidInput(`${step.constructor.name} on "${name}" follows a block step: only one block step per column`);
      checkAccepts(step, current.kind, name + suffix);
      const f = step.fit(current, { name: name + suffix }) as FittedStream;
      if (f.sideSuffixes?.length) throw new InvalidInput(`${step.constructor.name} after a block step on "${name}" cannot add side outputs (an indicator): put it before the block`);
      current = f.apply(current, { name: name + suffix });
      return f;
    });
    place(valuesOf(current), out, j, width);
    return steps;
  });
  return { post, training: out };
}

function extract(block: Float64Array, j: number, width: number, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = block[r * width + j];
  return out;
}

function place(values: Float64Array, block: Float64Array, j: number, width: number): void {
  for (let r = 0; r < values.length; r++) block[r * width + j] = values[r];
}

/**
 * Writes the chain's outputs for `column` at sink.offset onwards, except a stream's own values,
 * which it returns for the caller to write (in row tiles, see FittedFeaturePipeline). `override`
 * replaces the block step's output (the out-of-fold training encoding), rows × outputs.
 */
export function writeChain(chain: FittedChain, column: Column, sink: BlockSink, context: TransformContext, override?: Float64Array): Float64Array | null {
  let current = column;
  const last = chain.steps[chain.steps.length - 1];
  const mainWidth = last?.role === "block" ? last.outputSuffixes.length : 1;
  let sideOffset = sink.offset + mainWidth;
  for (const step of chain.steps) {
    if (step.role === "block") break;
    const stream = step as FittedStream;
    if (stream.sideSuffixes && stream.sideSuffixes.length > 0 && stream.writeSide) {
      stream.writeSide(current, { ...sink, offset: sideOffset }, context);
      sideOffset += stream.sideSuffixes.length;
    }
    current = stream.apply(current, context);
  }
  if (last?.role === "block") {
    if (override) copyBlock(override, mainWidth, sink);
    else if (chain.post.length === 0) (last as FittedBlock).write(current, sink, context);
    else writePost(chain, last as FittedBlock, current, sink, context);
    return null;
  }
  return valuesOf(current);
}

/** The block into a scratch buffer, then each output through its own post steps into the sink. */
function writePost(chain: FittedChain, block: FittedBlock, column: Column, sink: BlockSink, context: TransformContext): void {
  const width = block.outputSuffixes.length;
  const rows = lengthOfColumn(column);
  const raw = new Float64Array(rows * width);
  block.write(column, { data: raw, stride: width, offset: 0 }, context);
  chain.post.forEach((steps, j) => {
    let current: Column = { kind: "numeric", values: extract(raw, j, width, rows) };
    const name = chain.name + block.outputSuffixes[j];
    for (const step of steps) current = step.apply(current, { ...context, name });
    const values = valuesOf(current);
    for (let r = 0; r < rows; r++) sink.data[r * sink.stride + sink.offset + j] = values[r];
  });
}

function valuesOf(column: Column): Float64Array {
  if (column.kind === "boolean") return Float64Array.from(column.values, (v) => (v < 0 ? NaN : v));
  if (column.kind === "numeric" || column.kind === "integer" || column.kind === "datetime") return column.values;
  throw new InvalidInput(`A ${column.kind} column cannot be written to the model matrix without an encoder`);
}

function copyBlock(block: Float64Array, width: number, sink: BlockSink): void {
  const rows = block.length / width;
  for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) sink.data[i * sink.stride + sink.offset + j] = block[i * width + j];
}

function lengthOfColumn(column: Column): number {
  return column.kind === "categorical" ? column.codes.length : column.values.length;
}

export function countMissing(column: Column): number {
  const n = column.kind === "categorical" ? column.codes.length : column.values.length;
  let missing = 0;
  for (let i = 0; i < n; i++) if (isMissingAt(column, i)) missing++;
  return missing;
}

/** Infinite numbers are not missing values and no step can scale them: refuse them by row. */
export function checkFinite(column: Column, name: string, rowOffset: number): void {
  if (column.kind !== "numeric" && column.kind !== "integer" && column.kind !== "datetime") return;
  const values = column.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === Infinity || v === -Infinity) {
      throw new InvalidInput(`Column "${name}" is ${v} at row ${i + rowOffset}: infinite values cannot be encoded`, { hint: "replace them with a finite value or missing" });
    }
  }
}
