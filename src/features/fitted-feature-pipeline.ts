// FittedFeaturePipeline: maps a Frame to the model matrix (row-major Float64Array) with output
// names and provenance, never refitting. Bad input is refused or repaired exactly as configured at
// fit: an absent column (error, or all missing when optional), a wrong kind (numeric and integer
// are one; text and categorical are read as each other by name; anything else is an error),
// unseen categories (each encoder's handleUnknown), missing values where no imputer was fitted (the
// `missing` policy). What was repaired comes back as counts per column on the result.

import { InvalidInput, type Matrix } from "../core/index.js";
import type { Column, ColumnKind, Frame } from "../data/index.js";
import { categoryView } from "./categories.js";
import { checkFinite, countMissing, hasImputer, writeChain, type FittedChain } from "./column-chain.js";
import { decodeFeaturePipelineDocument, encodeFeaturePipeline, pipelineFromJson, pipelineToJson, type FeaturePipelineDocument } from "./pipeline-document.js";
import { RepairLog, type Repair } from "./repair-log.js";

export interface PipelineOptions {
  readonly missing: "keep" | "error" | "impute";
  readonly optional: readonly string[];
  /** Columns of the training frame left out, and why. */
  readonly dropped: readonly { readonly column: string; readonly reason: string }[];
}

export interface FeatureMatrix extends Matrix {
  readonly data: Float64Array;
  readonly names: readonly string[];
  /** The input column each output came from. */
  readonly sources: readonly string[];
  /** What the transform repaired instead of refusing, counted per column. */
  readonly repairs: readonly Repair[];
}

export interface InputField {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly optional: boolean;
  /** Categories seen at fit, when a step encodes them (sorted). */
  readonly categories?: readonly string[];
}

export class FittedFeaturePipeline {
  readonly chains: readonly FittedChain[];
  readonly options: PipelineOptions;
  readonly featureNames: readonly string[];
  /** For each output, the input column it came from (for importances). */
  readonly sources: readonly string[];
  readonly #offsets: Int32Array;

  constructor(chains: readonly FittedChain[], options: PipelineOptions) {
    this.chains = chains;
    this.options = options;
    this.featureNames = chains.flatMap((c) => c.names);
    this.sources = chains.flatMap((c) => c.names.map(() => c.name));
    this.#offsets = new Int32Array(chains.length);
    let offset = 0;
    chains.forEach((c, k) => {
      this.#offsets[k] = offset;
      offset += c.names.length;
    });
  }

  get nFeatures(): number {
    return this.featureNames.length;
  }

  /** The columns a frame must have (or may lack, when optional), with their kinds at fit. */
  get inputs(): InputField[] {
    const optional = new Set(this.options.optional);
    return this.chains.map((c) => {
      const encoder = c.steps.find((s) => "categories" in s) as { categories?: readonly string[] } | undefined;
      const field = { name: c.name, kind: c.kind, optional: optional.has(c.name) };
      return encoder?.categories ? { ...field, categories: [...encoder.categories] } : field;
    });
  }

  transform(frame: Frame): FeatureMatrix {
    return this.transformWith(frame);
  }

  /** @internal transform with some block outputs given (the out-of-fold training encodings). */
  transformWith(frame: Frame, overrides?: ReadonlyMap<string, Float64Array>): FeatureMatrix {
    const absent = this.chains.filter((c) => !frame.has(c.name) && !this.options.optional.includes(c.name)).map((c) => c.name);
    if (absent.length > 0) {
      throw new InvalidInput(`The frame lacks ${absent.length === 1 ? "column" : "columns"} ${absent.map((a) => `"${a}"`).join(", ")}, which the feature pipeline was fitted on`, {
        hint: `columns are ${frame.names.join(", ")}; mark columns that may be absent as optional when fitting`,
      });
    }
    const rows = frame.nRows;
    const cols = this.featureNames.length;
    const data = new Float64Array(rows * cols);
    const repairs = new RepairLog();
    const streams: { offset: number; values: Float64Array }[] = [];
    this.chains.forEach((chain, k) => {
      const column = this.#prepare(chain, frame, repairs);
      const offset = this.#offsets[k];
      const values = writeChain(chain, column, { data, stride: cols, offset }, { name: chain.name, repairs }, overrides?.get(chain.name));
      if (values) streams.push({ offset, values });
    });
    writeTiled(streams, data, rows, cols);
    return { data, rows, cols, names: this.featureNames, sources: this.sources, repairs: repairs.list() };
  }

  /** The column as the chain expects it: present, of its kind, with missing values as configured. */
  #prepare(chain: FittedChain, frame: Frame, repairs: RepairLog): Column {
    const n = frame.nRows;
    if (!frame.has(chain.name)) {
      repairs.add(chain.name, "absent column read as missing", n);
      return allMissing(chain.kind, n);
    }
    let column = frame.column(chain.name);
    if (column.kind !== chain.kind) column = coerce(column, chain, repairs, n);
    checkFinite(column, chain.name, 0);
    if (chain.nMissingAtFit > 0 || hasImputer(chain) || this.options.missing === "keep") return column;
    const nMissing = countMissing(column);
    if (nMissing === 0) return column;
    if (this.options.missing === "impute" && chain.fallback) return chain.fallback.apply(column, { name: chain.name, repairs });
    const row = firstMissing(column);
    throw new InvalidInput(`Column "${chain.name}" is missing at row ${row} (${nMissing} rows in all) but had no missing values at fit and no imputer`, {
      hint: 'fill these values, or fit with an imputer or missing: "impute"',
    });
  }

  toJSON(): FeaturePipelineDocument {
    return pipelineToJson(this);
  }

  /** The pipeline as UTF-8 JSON bytes (the document of toJSON). */
  encode(): Uint8Array {
    return encodeFeaturePipeline(this);
  }

  static decode(bytes: Uint8Array): FittedFeaturePipeline {
    return FittedFeaturePipeline.fromJSON(decodeFeaturePipelineDocument(bytes));
  }

  static fromJSON(doc: unknown): FittedFeaturePipeline {
    const { chains, options } = pipelineFromJson(doc);
    return new FittedFeaturePipeline(chains, options);
  }
}

/**
 * Writes single-value columns into the row-major matrix a tile of rows at a time: one pass per
 * column over the whole matrix would pull every cache line of it through memory once per column.
 */
function writeTiled(streams: readonly { offset: number; values: Float64Array }[], data: Float64Array, rows: number, cols: number): void {
  const tile = 512;
  for (let start = 0; start < rows; start += tile) {
    const end = Math.min(start + tile, rows);
    for (const { offset, values } of streams) {
      for (let r = start; r < end; r++) data[r * cols + offset] = values[r];
    }
  }
}

function coerce(column: Column, chain: FittedChain, repairs: RepairLog, n: number): Column {
  const numbers = new Set<ColumnKind>(["numeric", "integer"]);
  if (numbers.has(column.kind) && numbers.has(chain.kind)) return column;
  if (column.kind === "text" && chain.kind === "categorical") {
    repairs.add(chain.name, "text read as categorical", n);
    return { kind: "categorical", ...categoryView(column, chain.name) };
  }
  if (column.kind === "categorical" && chain.kind === "text") {
    repairs.add(chain.name, "categorical read as text", n);
    return { kind: "text", values: Array.from(column.codes, (c) => (c < 0 ? null : column.categories[c])) };
  }
  throw new InvalidInput(`Column "${chain.name}" is ${column.kind} but was ${chain.kind} when the feature pipeline was fitted`, {
    hint: `read it as ${chain.kind} (a schema override), or refit`,
  });
}

function allMissing(kind: ColumnKind, n: number): Column {
  switch (kind) {
    case "categorical":
      return { kind, codes: new Int32Array(n).fill(-1), categories: [] };
    case "boolean":
      return { kind, values: new Int8Array(n).fill(-1) };
    case "text":
      return { kind, values: new Array<string | null>(n).fill(null) };
    default:
      return { kind, values: new Float64Array(n).fill(NaN) };
  }
}

function firstMissing(column: Column): number {
  const n = column.kind === "categorical" ? column.codes.length : column.values.length;
  for (let i = 0; i < n; i++) {
    if (column.kind === "categorical" ? column.codes[i] < 0 : column.kind === "boolean" ? column.values[i] < 0 : column.kind === "text" ? column.values[i] === null : Number.isNaN(column.values[i])) return i;
  }
  return -1;
}
