// Frame: a table held as typed columns. Immutable: every operation returns a new Frame that shares
// the columns it did not change.

import { InvalidInput, NotFound, Rng, type Matrix } from "../core/index.js";
import {
  checkColumn,
  columnBytes,
  columnLength,
  takeColumn,
  valueAt,
  type Column,
  type Field,
} from "./column.js";

/** How the Frame came to be, when it was read from a source: what a caller may want to report. */
export interface FrameOrigin {
  readonly source: string;
  readonly format: "csv" | "parquet" | "json" | "sql";
  readonly delimiter?: string;
  readonly header?: boolean;
  /** Tokens read as missing, with how many cells each replaced. */
  readonly missingTokens: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

export interface NamedMatrix extends Matrix {
  readonly data: Float64Array | Float32Array;
  readonly names: readonly string[];
}

export interface SplitOptions {
  /** Share of rows for the test part, in (0, 1), or a row count ≥ 1. */
  readonly test: number;
  /** A column whose class proportions both parts keep. Numeric columns are split by quantile. */
  readonly stratify?: string;
  readonly seed?: number;
}

type FieldHints = Partial<Omit<Field, "name" | "kind">>;

export class Frame {
  readonly nRows: number;
  readonly origin: FrameOrigin | undefined;
  readonly #columns: ReadonlyMap<string, Column>;
  readonly #fields: readonly Field[];

  private constructor(columns: Map<string, Column>, fields: Field[], nRows: number, origin?: FrameOrigin) {
    this.#columns = columns;
    this.#fields = fields;
    this.nRows = nRows;
    this.origin = origin;
  }

  /** Builds a Frame from named columns; all must have the same length. */
  static fromColumns(
    columns: Record<string, Column> | ReadonlyArray<readonly [string, Column]>,
    options: { hints?: Record<string, FieldHints>; origin?: FrameOrigin } = {},
  ): Frame {
    const entries = Array.isArray(columns) ? columns : Object.entries(columns);
    const map = new Map<string, Column>();
    const fields: Field[] = [];
    let nRows = -1;
    for (const [name, column] of entries) {
      if (map.has(name)) throw new InvalidInput(`Column "${name}" appears twice: column names must be unique`);
      checkColumn(name, column);
      const length = columnLength(column);
      if (nRows >= 0 && length !== nRows) {
        throw new InvalidInput(`Column "${name}" has ${length} rows but the columns before it have ${nRows}`);
      }
      nRows = length;
      map.set(name, column);
      const hints = options.hints?.[name] ?? {};
      fields.push({
        name,
        kind: column.kind,
        isIdentifier: hints.isIdentifier ?? false,
        isPossiblyCategorical: hints.isPossiblyCategorical ?? false,
      });
    }
    return new Frame(map, fields, Math.max(nRows, 0), options.origin);
  }

  get nCols(): number {
    return this.#fields.length;
  }

  get names(): string[] {
    return this.#fields.map((f) => f.name);
  }

  get schema(): readonly Field[] {
    return this.#fields;
  }

  has(name: string): boolean {
    return this.#columns.has(name);
  }

  field(name: string): Field {
    const field = this.#fields.find((f) => f.name === name);
    if (!field) throw this.#notFound(name);
    return field;
  }

  column(name: string): Column {
    const column = this.#columns.get(name);
    if (!column) throw this.#notFound(name);
    return column;
  }

  /** A new Frame with these columns, in this order. */
  select(names: readonly string[]): Frame {
    const map = new Map<string, Column>();
    const fields: Field[] = [];
    for (const name of names) {
      if (map.has(name)) throw new InvalidInput(`Column "${name}" is selected twice`);
      map.set(name, this.column(name));
      fields.push(this.field(name));
    }
    return new Frame(map, fields, this.nRows);
  }

  /** A new Frame without these columns. */
  drop(names: readonly string[]): Frame {
    for (const name of names) this.column(name);
    const dropped = new Set(names);
    return this.select(this.names.filter((n) => !dropped.has(n)));
  }

  /** A new Frame with a column added or replaced. */
  with(name: string, column: Column, hints: FieldHints = {}): Frame {
    checkColumn(name, column);
    if (columnLength(column) !== this.nRows && this.nCols > 0) {
      throw new InvalidInput(`Column "${name}" has ${columnLength(column)} rows but the frame has ${this.nRows}`);
    }
    const map = new Map(this.#columns);
    map.set(name, column);
    const field: Field = {
      name,
      kind: column.kind,
      isIdentifier: hints.isIdentifier ?? false,
      isPossiblyCategorical: hints.isPossiblyCategorical ?? false,
    };
    const fields = this.#fields.some((f) => f.name === name)
      ? this.#fields.map((f) => (f.name === name ? field : f))
      : [...this.#fields, field];
    return new Frame(map, fields, columnLength(column));
  }

  /** The rows at these indices, in this order (repeats allowed). */
  take(index: ArrayLike<number>): Frame {
    for (let i = 0; i < index.length; i++) {
      const r = index[i];
      if (!Number.isInteger(r) || r < 0 || r >= this.nRows) {
        throw new InvalidInput(`Row index ${r} at position ${i} is outside 0..${this.nRows - 1}`);
      }
    }
    const map = new Map<string, Column>();
    for (const [name, column] of this.#columns) map.set(name, takeColumn(column, index));
    return new Frame(map, [...this.#fields], index.length);
  }

  /** The rows where `keep` is true: a mask (one entry per row) or a predicate on the row index. */
  filter(keep: ArrayLike<boolean | number> | ((row: number) => boolean)): Frame {
    const index: number[] = [];
    if (typeof keep === "function") {
      for (let r = 0; r < this.nRows; r++) if (keep(r)) index.push(r);
    } else {
      if (keep.length !== this.nRows) {
        throw new InvalidInput(`Filter mask has ${keep.length} entries but the frame has ${this.nRows} rows`);
      }
      for (let r = 0; r < this.nRows; r++) if (keep[r]) index.push(r);
    }
    return this.take(Int32Array.from(index));
  }

  head(n = 5): Frame {
    const k = Math.min(Math.max(0, Math.trunc(n)), this.nRows);
    const index = new Int32Array(k);
    for (let i = 0; i < k; i++) index[i] = i;
    return this.take(index);
  }

  /** One row as plain data (datetimes as ISO strings). */
  row(index: number): Record<string, number | string | boolean | null> {
    if (!Number.isInteger(index) || index < 0 || index >= this.nRows) {
      throw new InvalidInput(`Row index ${index} is outside 0..${this.nRows - 1}`);
    }
    const out: Record<string, number | string | boolean | null> = {};
    for (const [name, column] of this.#columns) out[name] = valueAt(column, index);
    return out;
  }

  /** A seeded random split into train and test parts, optionally stratified by a column. */
  split(options: SplitOptions): { train: Frame; test: Frame } {
    const { trainIndex, testIndex } = splitIndex(this, options);
    return { train: this.take(trainIndex), test: this.take(testIndex) };
  }

  /**
   * The chosen columns as a dense row-major matrix for a model. Numeric, integer, datetime and
   * boolean columns give their values; categorical columns give their codes; missing is NaN.
   */
  toMatrix(names: readonly string[] = this.names, options: { dtype?: "float64" | "float32" } = {}): NamedMatrix {
    const columns = names.map((name) => {
      const column = this.column(name);
      if (column.kind === "text") {
        throw new InvalidInput(`Column "${name}" is text and has no numeric form: drop it or encode it first`);
      }
      return column;
    });
    const rows = this.nRows;
    const cols = columns.length;
    const data = options.dtype === "float32" ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
    for (let j = 0; j < cols; j++) {
      const column = columns[j];
      if (column.kind === "categorical") {
        const codes = column.codes;
        for (let r = 0; r < rows; r++) data[r * cols + j] = codes[r] < 0 ? NaN : codes[r];
      } else if (column.kind === "boolean") {
        const values = column.values;
        for (let r = 0; r < rows; r++) data[r * cols + j] = values[r] < 0 ? NaN : values[r];
      } else {
        const values = column.values;
        for (let r = 0; r < rows; r++) data[r * cols + j] = values[r];
      }
    }
    return { data, rows, cols, names: [...names] };
  }

  /** Bytes held by the columns' storage. */
  byteLength(): number {
    let total = 0;
    for (const column of this.#columns.values()) total += columnBytes(column);
    return total;
  }

  #notFound(name: string): NotFound {
    const names = this.names;
    const shown = names.length > 12 ? `${names.slice(0, 12).join(", ")}, … (${names.length} in all)` : names.join(", ");
    const where = this.origin ? ` in ${this.origin.source}` : "";
    return new NotFound(`Column "${name}" not found${where}`, { hint: `columns are ${shown}` });
  }
}

function splitIndex(frame: Frame, options: SplitOptions): { trainIndex: Int32Array; testIndex: Int32Array } {
  const n = frame.nRows;
  const { test, seed = 0 } = options;
  if (!(test > 0) || (test >= 1 && !Number.isInteger(test)) || test >= n) {
    throw new InvalidInput(`split test must be a share in (0, 1) or a row count below ${n}: received ${test}`);
  }
  const rng = new Rng(seed);
  const groups = options.stratify === undefined ? [identity(n)] : strata(frame, options.stratify);
  const nTestTotal = test < 1 ? Math.round(test * n) : test;
  const quotas = apportion(groups.map((g) => g.length), nTestTotal);
  const trainIndex: number[] = [];
  const testIndex: number[] = [];
  groups.forEach((group, g) => {
    rng.shuffle(group);
    for (let i = 0; i < group.length; i++) (i < quotas[g] ? testIndex : trainIndex).push(group[i]);
  });
  // Keep the original row order inside each part: time-ordered data stays ordered.
  return {
    trainIndex: Int32Array.from(trainIndex).sort(),
    testIndex: Int32Array.from(testIndex).sort(),
  };
}

/**
 * Splits `total` test rows over groups in proportion to their sizes, exactly: each group gets the
 * floor of its share, and the rows left over go to the largest remainders (ties to earlier groups).
 */
function apportion(sizes: readonly number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s * total) / n);
  const quotas = exact.map(Math.floor);
  let left = total - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => i).sort((a, b) => exact[b] - quotas[b] - (exact[a] - quotas[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    if (quotas[i] < sizes[i]) {
      quotas[i]++;
      left--;
    }
  }
  return quotas;
}

function identity(n: number): Int32Array {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  return index;
}

/** Row indices grouped by class; numeric columns with many values are cut into 5 quantile bins. */
function strata(frame: Frame, name: string): Int32Array[] {
  const column = frame.column(name);
  const keys = new Float64Array(frame.nRows);
  if (column.kind === "categorical") keys.set(column.codes);
  else if (column.kind === "boolean") keys.set(column.values);
  else if (column.kind === "text") {
    const ids = new Map<string | null, number>();
    column.values.forEach((v, i) => {
      if (!ids.has(v)) ids.set(v, ids.size);
      keys[i] = ids.get(v)!;
    });
  } else {
    const values = column.values;
    const distinct = new Set<number>();
    for (let i = 0; i < values.length && distinct.size <= 20; i++) distinct.add(values[i]);
    if (distinct.size <= 20) keys.set(values.map((v) => (Number.isNaN(v) ? -1 : v)));
    else {
      const sorted = values.filter((v) => !Number.isNaN(v)).sort();
      const cuts = [0.2, 0.4, 0.6, 0.8].map((q) => sorted[Math.floor(q * (sorted.length - 1))]);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        keys[i] = Number.isNaN(v) ? -1 : cuts.filter((c) => v > c).length;
      }
    }
  }
  const byKey = new Map<number, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const list = byKey.get(keys[i]);
    if (list) list.push(i);
    else byKey.set(keys[i], [i]);
  }
  return [...byKey.keys()].sort((a, b) => a - b).map((k) => Int32Array.from(byKey.get(k)!));
}
