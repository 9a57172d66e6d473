// The validation strategy: how the training rows are cut into folds for model selection. Stratified
// k-fold by default; time-ordered when a time column is named (never validate on the past); grouped
// when a group column is named (a group's rows stay together).

import { InvalidInput } from "../core/index.js";
import type { Frame } from "../data/index.js";
import { groupKFold, holdout, kFold, stratifiedKFold, timeSeriesSplit, type Fold } from "../evaluate/index.js";
import type { Target } from "./task.js";

/** Folds hold positions in the target's rows (not frame rows). */
export type { Fold };

export type Validation =
  | { readonly kind: "kfold"; readonly k: number }
  | { readonly kind: "holdout"; readonly fraction: number }
  | { readonly kind: "time"; readonly column: string; readonly k: number }
  | { readonly kind: "group"; readonly column: string; readonly k: number };

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

/** Folds over the target's rows; classification k-fold and holdout are stratified by class. */
export function makeFolds(validation: Validation, frame: Frame, target: Target, seed: number): Fold[] {
  const n = target.rows.length;
  const labels = target.task === "classification" ? (target.labels as readonly unknown[]) : null;
  switch (validation.kind) {
    case "kfold": {
      const k = foldCount(target, validation.k);
      return labels ? stratifiedKFold(labels, { nSplits: k, shuffle: true, seed }) : kFold(n, { nSplits: k, shuffle: true, seed });
    }
    case "holdout":
      foldCount(target, 2);
      return [holdout(n, { testSize: validation.fraction, seed, ...(labels ? { stratify: labels } : {}) })];
    case "time": {
      // Folds over the rows in time order, mapped back to positions.
      const values = numericColumn(frame, validation.column, "time");
      const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
        const x = values[target.rows[a]];
        const y = values[target.rows[b]];
        return x === y ? a - b : Number.isNaN(x) ? -1 : Number.isNaN(y) ? 1 : x - y;
      });
      if (n < 2 * (validation.k + 1)) throw new InvalidInput(`Only ${n} rows: too few for ${validation.k} time-ordered folds`);
      return timeSeriesSplit(n, { nSplits: validation.k }).map((fold) => ({
        train: Int32Array.from(fold.train, (i) => order[i]).sort(),
        test: Int32Array.from(fold.test, (i) => order[i]).sort(),
      }));
    }
    case "group": {
      if (!frame.has(validation.column)) throw new InvalidInput(`The group column "${validation.column}" is not in the data`);
      const column = frame.column(validation.column);
      const groups = Array.from(target.rows, (r) => (column.kind === "categorical" ? column.codes[r] : column.kind === "text" ? column.values[r] : column.values[r]));
      const distinct = new Set(groups).size;
      if (distinct < 2) throw new InvalidInput(`Group column "${validation.column}" has a single group: grouped validation needs at least 2`);
      return groupKFold(groups, { nSplits: Math.min(validation.k, distinct) });
    }
  }
}

/** Folds the data can fill: fewer when the smallest class (or the row count) cannot fill k. */
function foldCount(target: Target, k: number): number {
  const n = target.rows.length;
  if (target.task !== "classification") {
    if (n < 4) throw new InvalidInput(`Only ${n} rows have a target: too few to validate a model (at least 4 are needed)`);
    return Math.min(k, Math.floor(n / 2));
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

function numericColumn(frame: Frame, column: string, what: string): Float64Array {
  if (!frame.has(column)) throw new InvalidInput(`The ${what} column "${column}" is not in the data`);
  const col = frame.column(column);
  if (col.kind !== "numeric" && col.kind !== "integer" && col.kind !== "datetime") {
    throw new InvalidInput(`The ${what} column "${column}" is ${col.kind}: it must hold dates or numbers`);
  }
  return col.values;
}
