// What kind of problem a table and a target make: the task, the labels, the rows that can be used.
// A careful engineer's first look, written down so that the choice is explained, not guessed.

import { InvalidInput } from "../core/index.js";
import type { Frame } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";

export type Task = "classification" | "regression";

export interface Target {
  readonly name: string;
  readonly task: Task;
  /** Why this task was chosen (or "asked for"). */
  readonly reason: string;
  /** Rows of the frame that have a target value, in order. */
  readonly rows: Int32Array;
  /** Classification: each kept row's label; regression: each kept row's value. */
  readonly labels: readonly ClassLabel[] | Float64Array;
  /** Classification: the distinct labels, sorted (the models' class order). */
  readonly classes: readonly ClassLabel[];
  /** Rows dropped because their target is missing. */
  readonly nDropped: number;
}

/** Integer targets with at most this many distinct values are read as classes. */
const MAX_INTEGER_CLASSES = 10;
/** …when every class has at least this many rows. */
const MIN_ROWS_PER_CLASS = 5;

export function resolveTarget(frame: Frame, name: string, requested: Task | "auto" = "auto"): Target {
  if (!frame.has(name)) {
    throw new InvalidInput(`Target column "${name}" is not in the data: columns are ${frame.names.slice(0, 30).join(", ")}${frame.nCols > 30 ? ", …" : ""}`);
  }
  const column = frame.column(name);
  const kept: number[] = [];
  const values: (ClassLabel | number)[] = [];
  for (let i = 0; i < frame.nRows; i++) {
    const v = valueOf(column, i);
    if (v === null) continue;
    kept.push(i);
    values.push(v);
  }
  const nDropped = frame.nRows - kept.length;
  if (kept.length === 0) throw new InvalidInput(`Target "${name}" is missing on every row: there is nothing to learn from`);
  const distinct = new Map<ClassLabel, number>();
  for (const v of values) distinct.set(v, (distinct.get(v) ?? 0) + 1);
  if (distinct.size < 2) {
    throw new InvalidInput(`Target "${name}" has a single value (${String(values[0])}) on all ${kept.length} rows with a target: there is nothing to predict`, {
      hint: "check the target column, or the filter that produced the data",
    });
  }
  const numeric = column.kind === "numeric" || column.kind === "integer";
  const { task, reason } = chooseTask(column.kind, numeric, distinct, requested, name);
  if (task === "regression" && !numeric) {
    throw new InvalidInput(`Target "${name}" holds ${column.kind} values (e.g. "${String(values[0])}"): regression needs numbers`, {
      hint: "use --task classification, or convert the column to numbers",
    });
  }
  const rows = Int32Array.from(kept);
  if (task === "regression") return { name, task, reason, rows, labels: Float64Array.from(values as number[]), classes: [], nDropped };
  const classes = [...distinct.keys()].sort(compareLabels);
  return { name, task, reason, rows, labels: values as ClassLabel[], classes, nDropped };
}

function chooseTask(kind: string, numeric: boolean, distinct: Map<ClassLabel, number>, requested: Task | "auto", name: string): { task: Task; reason: string } {
  if (requested !== "auto") return { task: requested, reason: "asked for" };
  if (!numeric) return { task: "classification", reason: `target "${name}" is ${kind} with ${distinct.size} values` };
  const integers = [...distinct.keys()].every((v) => Number.isInteger(v));
  const smallest = Math.min(...distinct.values());
  if (integers && distinct.size <= MAX_INTEGER_CLASSES && (distinct.size === 2 || smallest >= MIN_ROWS_PER_CLASS)) {
    return { task: "classification", reason: `target "${name}" holds ${distinct.size} distinct integers` };
  }
  return { task: "regression", reason: `target "${name}" is numeric with ${distinct.size} distinct values` };
}

function valueOf(column: ReturnType<Frame["column"]>, i: number): ClassLabel | null {
  switch (column.kind) {
    case "categorical":
      return column.codes[i] < 0 ? null : column.categories[column.codes[i]];
    case "boolean":
      return column.values[i] < 0 ? null : column.values[i] === 1;
    case "text":
      return column.values[i];
    default:
      return Number.isFinite(column.values[i]) ? column.values[i] : null;
  }
}

export function compareLabels(a: ClassLabel, b: ClassLabel): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
