// The typed columns a Frame is made of. Each kind has one storage type and one missing marker,
// so every consumer can walk a column without asking what it is twice.

import { InvalidInput } from "../core/index.js";

/**
 * What a column holds.
 * - numeric, integer: `Float64Array`, NaN for missing (integer: whole numbers only)
 * - categorical: `Int32Array` codes into `categories`, -1 for missing
 * - boolean: `Int8Array` of 0/1, -1 for missing
 * - datetime: `Float64Array` of epoch milliseconds (UTC), NaN for missing
 * - text: strings, null for missing
 */
export type ColumnKind = "numeric" | "integer" | "categorical" | "boolean" | "datetime" | "text";

export const COLUMN_KINDS: readonly ColumnKind[] = ["numeric", "integer", "categorical", "boolean", "datetime", "text"];

export interface NumericColumn {
  readonly kind: "numeric" | "integer" | "datetime";
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly codes: Int32Array;
  readonly categories: readonly string[];
}

export interface BooleanColumn {
  readonly kind: "boolean";
  readonly values: Int8Array;
}

export interface TextColumn {
  readonly kind: "text";
  readonly values: readonly (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn | BooleanColumn | TextColumn;

/** What schema inference concluded about a column beyond its storage kind. */
export interface Field {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Unique per row, or named like a key with mostly distinct values: not a feature. */
  readonly isIdentifier: boolean;
  /** An integer column with few distinct values: maybe a category coded as a number. */
  readonly isPossiblyCategorical: boolean;
}

export function columnLength(column: Column): number {
  return column.kind === "categorical" ? column.codes.length : column.values.length;
}

/** Bytes held by the column's typed storage (text: UTF-16 estimate of its strings). */
export function columnBytes(column: Column): number {
  switch (column.kind) {
    case "categorical":
      return column.codes.byteLength + column.categories.reduce((sum, c) => sum + 2 * c.length, 0);
    case "text":
      return column.values.reduce((sum, v) => sum + (v === null ? 0 : 2 * v.length), 0);
    default:
      return column.values.byteLength;
  }
}

export function isMissingAt(column: Column, row: number): boolean {
  switch (column.kind) {
    case "categorical":
      return column.codes[row] < 0;
    case "boolean":
      return column.values[row] < 0;
    case "text":
      return column.values[row] === null;
    default:
      return Number.isNaN(column.values[row]);
  }
}

/** The value at a row as plain data: number, string, boolean, ISO date string or null. */
export function valueAt(column: Column, row: number): number | string | boolean | null {
  switch (column.kind) {
    case "categorical": {
      const code = column.codes[row];
      return code < 0 ? null : column.categories[code];
    }
    case "boolean": {
      const v = column.values[row];
      return v < 0 ? null : v === 1;
    }
    case "text":
      return column.values[row];
    case "datetime": {
      const v = column.values[row];
      return Number.isNaN(v) ? null : new Date(v).toISOString();
    }
    default: {
      const v = column.values[row];
      return Number.isNaN(v) ? null : v;
    }
  }
}

/** The rows of a column picked by index, in that order. */
export function takeColumn(column: Column, index: ArrayLike<number>): Column {
  const n = index.length;
  switch (column.kind) {
    case "categorical": {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = column.codes[index[i]];
      return { kind: "categorical", codes, categories: column.categories };
    }
    case "boolean": {
      const values = new Int8Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[index[i]];
      return { kind: "boolean", values };
    }
    case "text": {
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) values[i] = column.values[index[i]];
      return { kind: "text", values };
    }
    default: {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[index[i]];
      return { kind: column.kind, values };
    }
  }
}

/** Checks a column built by hand: storage type matches kind, codes are in range. */
export function checkColumn(name: string, column: Column): void {
  const bad = (what: string): never => {
    throw new InvalidInput(`Column "${name}" (${column.kind}) ${what}`);
  };
  switch (column.kind) {
    case "numeric":
    case "integer":
    case "datetime":
      if (!(column.values instanceof Float64Array)) bad("must hold a Float64Array");
      break;
    case "boolean":
      if (!(column.values instanceof Int8Array)) bad("must hold an Int8Array of 0, 1 and -1 for missing");
      break;
    case "text":
      if (!Array.isArray(column.values)) bad("must hold an array of strings or null");
      break;
    case "categorical": {
      if (!(column.codes instanceof Int32Array)) bad("must hold an Int32Array of codes");
      const k = column.categories.length;
      for (let i = 0; i < column.codes.length; i++) {
        const c = column.codes[i];
        if (c < -1 || c >= k) bad(`has code ${c} at row ${i}, outside -1..${k - 1}`);
      }
      break;
    }
    default:
      bad("has an unknown kind");
  }
}
