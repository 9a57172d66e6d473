// The validation strategy: how the training rows are cut into folds for model selection. Stratified
// k-fold by default; time-ordered when a time column is named (never validate on the past); grouped
// when a group column is named (a group's rows stay together).

import { InvalidInput, Rng } from "../core/index.js";
import type { Frame } from "../data/index.js";
import type { Target } from "./task.js";

export type Validation =
  | { readonly kind: "kfold"; readonly k: number }
  | { readonly kind: "holdout"; readonly fraction: number }
  | { readonly kind: "time"; readonly column: string; readonly k: number }
  | { readonly kind: "group"; readonly column: string; readonly k: number };

export interface Fold {
  /** Positions in the target's rows (not frame rows). */
  readonly train: Int32Array;
  readonly valid: Int32Array;
}

/** Parses "kfold:5", "holdout:0.2", "time:<column>", "group:<column>". */
export function parseValidation(text: string): Validation {
  const at = text.indexOf(":");
  const kind = at < 0 ? text : text.slice(0, at);
  const arg = at < 0 ? "" : text.slice(at + 1);
  const fail = (): never => {
    throw new InvalidInput(`--validation "${text}" is not understood: use kfold:5, holdout:0.2, time:<column> or group:<column>`);
  };
  switch (kind) {
    case "kfold": {
      const k = arg === "" ? 5 : Number(arg);
      if (!Number.isInteger(k) || k < 2 || k > 20) throw new InvalidInput(`kfold needs 2 to 20 folds: received "${arg}"`);
      return { kind, k };
    }
    case "holdout": {
      const fraction = arg === "" ? 0.2 : Number(arg);
      if (!(fraction > 0 && fraction < 1)) throw new InvalidInput(`holdout needs a fraction in (0, 1): received "${arg}"`);
      return { kind, fraction };
    }
    case "time":
    case "group":
      if (arg === "") fail();
      return { kind, column: arg, k: kind === "time" ? 4 : 5 };
    default:
      return fail();
  }
}

/** Folds over the target's rows; classification k-fold is stratified by class. */
export function makeFolds(validation: Validation, frame: Frame, target: Target, seed: number): Fold[] {
  const n = target.rows.length;
  switch (validation.kind) {
    case "kfold":
      return kFold(n, Math.min(validation.k, maxFolds(target, validation.k)), target.task === "classification" ? classIndex(target) : null, seed);
    case "holdout": {
      const folds = kFold(n, Math.max(2, Math.round(1 / validation.fraction)), target.task === "classification" ? classIndex(target) : null, seed);
      return [folds[0]];
    }
    case "time":
      return timeFolds(frame, target, validation.column, validation.k);
    case "group":
      return groupFolds(frame, target, validation.column, validation.k);
  }
}

/** The target's labels as class indices (classification) for stratification and scoring. */
export function classIndex(target: Target): Int32Array {
  const index = new Map(target.classes.map((c, k) => [c, k]));
  const labels = target.labels as readonly unknown[];
  return Int32Array.from({ length: labels.length }, (_, i) => index.get(labels[i] as never)!);
}

/** Fewer folds when the smallest class cannot fill them, but never below 2 (and say so by error). */
function maxFolds(target: Target, k: number): number {
  if (target.task !== "classification") {
    if (target.rows.length < 2 * k) {
      if (target.rows.length < 4) throw new InvalidInput(`Only ${target.rows.length} rows have a target: too few to validate a model (at least 4 are needed)`);
      return Math.floor(target.rows.length / 2);
    }
    return k;
  }
  const counts = new Map<unknown, number>();
  for (const label of target.labels as readonly unknown[]) counts.set(label, (counts.get(label) ?? 0) + 1);
  const smallest = Math.min(...counts.values());
  if (smallest < 2) {
    const rare = [...counts].find(([, c]) => c < 2)![0];
    throw new InvalidInput(`Class ${JSON.stringify(rare)} of the target has a single row: it cannot appear in both training and validation folds`, {
      hint: "drop that row, merge the class with another, or gather more data",
    });
  }
  return Math.min(k, smallest);
}

/** Shuffled k-fold; with classes, each class is dealt round-robin so folds keep its share. */
function kFold(n: number, k: number, classes: Int32Array | null, seed: number): Fold[] {
  const rng = new Rng(seed);
  const foldOf = new Int32Array(n);
  if (classes) {
    const K = classes.reduce((m, c) => Math.max(m, c), 0) + 1;
    const order = rng.permutation(n);
    let next = 0;
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < n; j++) {
        const i = order[j];
        if (classes[i] === c) foldOf[i] = next++ % k;
      }
    }
  } else {
    const order = rng.permutation(n);
    for (let j = 0; j < n; j++) foldOf[order[j]] = j % k;
  }
  return foldsFrom(foldOf, k);
}

function foldsFrom(foldOf: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < foldOf.length; i++) (foldOf[i] === f ? valid : train).push(i);
    return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
  });
}

/** Expanding window: rows ordered by time; fold j trains on the first blocks and validates on the next. */
function timeFolds(frame: Frame, target: Target, column: string, k: number): Fold[] {
  const values = numericColumn(frame, column, "time");
  const n = target.rows.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const x = values[target.rows[a]];
    const y = values[target.rows[b]];
    return x === y ? a - b : Number.isNaN(x) ? -1 : Number.isNaN(y) ? 1 : x - y;
  });
  const block = Math.floor(n / (k + 1));
  if (block < 2) throw new InvalidInput(`Only ${n} rows: too few for ${k} time-ordered folds`);
  return Array.from({ length: k }, (_, j) => ({
    train: order.slice(0, block * (j + 1)),
    valid: order.slice(block * (j + 1), j === k - 1 ? n : block * (j + 2)),
  }));
}

/** Groups dealt to folds largest first, each to the fold with fewest rows so far. */
function groupFolds(frame: Frame, target: Target, column: string, k: number): Fold[] {
  const col = frame.column(column);
  const keyOf = (r: number): string | number => (col.kind === "categorical" ? col.codes[r] : col.kind === "text" ? (col.values[r] ?? "") : col.values[r]);
  const groups = new Map<string | number, number[]>();
  target.rows.forEach((r, i) => {
    const key = keyOf(r);
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  if (groups.size < k) {
    if (groups.size < 2) throw new InvalidInput(`Group column "${column}" has a single group: grouped validation needs at least 2`);
    k = groups.size;
  }
  const sizes = new Float64Array(k);
  const foldOf = new Int32Array(target.rows.length);
  for (const members of [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0])) {
    let f = 0;
    for (let j = 1; j < k; j++) if (sizes[j] < sizes[f]) f = j;
    for (const i of members) foldOf[i] = f;
    sizes[f] += members.length;
  }
  return foldsFrom(foldOf, k);
}

function numericColumn(frame: Frame, column: string, what: string): Float64Array {
  if (!frame.has(column)) throw new InvalidInput(`The ${what} column "${column}" is not in the data`);
  const col = frame.column(column);
  if (col.kind !== "numeric" && col.kind !== "integer" && col.kind !== "datetime") {
    throw new InvalidInput(`The ${what} column "${column}" is ${col.kind}: it must hold dates or numbers`);
  }
  return col.values;
}
