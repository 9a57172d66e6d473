// A column's values as numbers, for the numeric transformers: numeric, integer and datetime
// columns as they are (missing = NaN), booleans as 0/1 (missing = NaN).

import { InvalidInput } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";

export const NUMBER_KINDS: readonly ColumnKind[] = ["numeric", "integer", "datetime", "boolean"];

export function numericValues(column: Column, name: string, who: string): Float64Array {
  if (column.kind === "numeric" || column.kind === "integer" || column.kind === "datetime") return column.values;
  if (column.kind === "boolean") return Float64Array.from(column.values, (v) => (v < 0 ? NaN : v));
  throw new InvalidInput(`${who} needs a numeric column but "${name}" is ${column.kind}`, {
    hint: "encode categorical and text columns first (one-hot, ordinal, hashing), or give this column other steps",
  });
}

/** scikit-learn's _handle_zeros_in_scale: a scale too close to zero becomes 1. */
export function safeScale(scale: number): number {
  return scale < 10 * Number.EPSILON ? 1 : scale;
}
