// Schema inference rules shared by the readers: missing-value tokens, the kind of a column DuckDB
// typed itself, and what makes an integer column look categorical or like a key.

import type { ColumnKind } from "./column.js";

/** Tokens read as missing in every column unless the caller gives their own list. */
export const DEFAULT_MISSING = ["", "NA", "N/A", "n/a", "NaN", "nan", "null", "NULL", "Null", "?", "#N/A", "-nan"];

/**
 * Values of string columns that mean "not known", compared without case: missing unless the caller
 * says `unknownAsMissing: false`. The tokens of DEFAULT_MISSING are not repeated here, so a caller's
 * own `missing` list really replaces them.
 */
export const UNKNOWN_TOKENS = ["unknown", "not available", "not known", "none given"];

/** Integer columns with at most this many distinct values may be categories coded as numbers. */
export const POSSIBLY_CATEGORICAL_MAX = 20;

/** The kind of a column DuckDB typed itself. */
export function duckKind(type: string): ColumnKind | undefined {
  const t = type.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(t)) return "integer";
  if (/^DECIMAL\(\d+,\s*0\)$/.test(t)) return "integer";
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(t)) return "numeric";
  if (t === "BOOLEAN") return "boolean";
  if (/^(DATE|TIMESTAMP.*)$/.test(t)) return "datetime";
  if (t === "VARCHAR") return undefined;
  return "text";
}

const ID_NAME = /(^|[_\s.-])(id|key|uuid|guid|nbr|no|index)$|^(id|instant|no|index|row_?id|uuid|guid|key)$/i;
const CAMEL_ID_NAME = /[a-z](Id|ID|Nbr|Key)$/;

/** Whether a name reads like a key column: "ID", "patient_nbr", "encounter_id", "No", "customerId". */
export function looksLikeIdName(name: string): boolean {
  return ID_NAME.test(name) || CAMEL_ID_NAME.test(name);
}
