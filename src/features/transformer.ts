// What every feature transformer is: configuration in, fitted transformer out. A transformer works
// on one input column. A "stream" step turns a column into a column (impute, scale, ordinal codes),
// so steps chain; a "block" step turns a column into a block of numeric outputs (one-hot, datetime
// parts, hashing, target encoding, one-hot bins) and ends its chain. Fitted state is plain JSON
// (state-json.ts), so the fitted pipeline can be written and read back with identical output.

import type { Column, ColumnKind } from "../data/index.js";
import type { RepairLog } from "./repair-log.js";

/** A target prepared for supervised transformers (target encoding). */
export type EncodedTarget =
  | { readonly type: "continuous"; readonly values: Float64Array }
  | { readonly type: "binary" | "multiclass"; readonly codes: Int32Array; readonly classes: readonly string[] };

export interface FitContext {
  /** The input column's name: used in output names and in error messages. */
  readonly name: string;
  readonly target?: EncodedTarget;
}

export interface TransformContext {
  readonly name: string;
  /** Where repairs (unseen categories mapped to "other", values imputed, …) are counted. */
  readonly repairs?: RepairLog;
  /** Added to row numbers in messages, when the column is a slice of a bigger frame. */
  readonly rowOffset?: number;
}

/**
 * Where a block step writes: value j of row r goes to data[r * stride + offset + j]. The block's
 * area is zero on entry (a freshly allocated matrix), so sparse outputs write their non-zeros only.
 */
export interface BlockSink {
  readonly data: Float64Array;
  readonly stride: number;
  readonly offset: number;
}

/** Fitted state as plain JSON: numbers that may be NaN or infinite go through state-json.ts. */
export type StepState = { readonly kind: string; readonly params: Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;

interface FittedBase {
  readonly kind: string;
  toJSON(): StepState;
}

export interface FittedStream extends FittedBase {
  readonly role: "stream";
  /** The kind of column `apply` returns. */
  readonly outputKind: ColumnKind;
  apply(column: Column, context: TransformContext): Column;
  /** Outputs written beside the chain from the column entering this step (an imputer's indicator). */
  readonly sideSuffixes?: readonly string[];
  writeSide?(column: Column, sink: BlockSink, context: TransformContext): void;
}

export interface FittedBlock extends FittedBase {
  readonly role: "block";
  /** Suffixes of the outputs, appended to the input column's name: "=Private", ".month_sin". */
  readonly outputSuffixes: readonly string[];
  write(column: Column, sink: BlockSink, context: TransformContext): void;
}

export type FittedStep = FittedStream | FittedBlock;

/** A transformer's configuration: `fit` learns from one column and returns the fitted step. */
export interface ColumnTransformer {
  readonly kind: string;
  readonly role: "stream" | "block";
  readonly params: Readonly<Record<string, unknown>>;
  /** Column kinds the transformer takes. */
  readonly accepts: readonly ColumnKind[];
  /** Needs the target at fit time. */
  readonly isSupervised?: boolean;
  fit(column: Column, context: FitContext): FittedStep;
  /**
   * Fits and returns the block the training rows should see. Only a transformer whose training
   * output differs from `transform` (target encoding, out of fold) defines it.
   */
  fitTransform?(column: Column, context: FitContext): { fitted: FittedBlock; training: Float64Array };
}

/** Rows of a column, whatever its storage. */
export function lengthOf(column: Column): number {
  return column.kind === "categorical" ? column.codes.length : column.values.length;
}
