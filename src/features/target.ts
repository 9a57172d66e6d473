// The target as supervised transformers need it: numbers for regression, class codes for
// classification. "auto" reads categorical, boolean and text targets as classes, numeric targets
// with exactly two distinct values as binary, and other numeric targets as continuous.

import { InvalidInput } from "../core/index.js";
import { valueAt, type Column } from "../data/index.js";
import { compareNames } from "./categories.js";
import type { EncodedTarget } from "./transformer.js";

export type TargetType = "auto" | "continuous" | "binary" | "multiclass";

export function encodeTarget(column: Column, options: { type?: TargetType; name?: string } = {}): EncodedTarget {
  const name = options.name ?? "target";
  const n = column.kind === "categorical" ? column.codes.length : column.values.length;
  const isNumber = column.kind === "numeric" || column.kind === "integer";
  let type = options.type ?? "auto";
  if (type === "continuous" || (type === "auto" && isNumber)) {
    if (!isNumber) throw new InvalidInput(`Target "${name}" is ${column.kind}: a continuous target must be numeric`);
    const values = column.values as Float64Array;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i])) throw new InvalidInput(`Target "${name}" is ${values[i]} at row ${i}: drop rows without a target before fitting`);
    }
    if (type === "continuous" || new Set(values).size !== 2) return { type: "continuous", values };
  }
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const v = valueAt(column, i);
    if (v === null) throw new InvalidInput(`Target "${name}" is missing at row ${i}: drop rows without a target before fitting`);
    labels[i] = String(v);
  }
  const classes = [...new Set(labels)].sort(isNumber ? (a, b) => Number(a) - Number(b) : compareNames);
  if (classes.length < 2) throw new InvalidInput(`Target "${name}" has a single class (${classes[0]}): nothing to encode against`);
  if (type === "auto") type = classes.length === 2 ? "binary" : "multiclass";
  if (type === "binary" && classes.length !== 2) throw new InvalidInput(`Target "${name}" has ${classes.length} classes, not the 2 of a binary target`);
  const index = new Map(classes.map((c, k) => [c, k] as const));
  return { type: type as "binary" | "multiclass", codes: Int32Array.from(labels, (l) => index.get(l)!), classes };
}
