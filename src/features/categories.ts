// Categories by name. A Frame read later has its own dictionary, so every categorical transformer
// stores the category names it saw at fit and maps a new column onto them by name (one lookup per
// dictionary entry, not per row). Text, boolean and integer columns are read as categories too.

import { InvalidInput } from "../core/index.js";
import type { Column } from "../data/index.js";

export const MISSING = -1;
export const UNKNOWN = -2;

/** A column as codes into a dictionary of names, -1 for missing. */
export interface CategoryView {
  readonly codes: Int32Array;
  readonly categories: readonly string[];
  /** Categories are numbers written as text (an integer column): they sort as numbers. */
  readonly isNumeric?: boolean;
}

export function categoryView(column: Column, name: string): CategoryView {
  switch (column.kind) {
    case "categorical":
      return column;
    case "boolean": {
      const codes = new Int32Array(column.values.length);
      for (let i = 0; i < codes.length; i++) codes[i] = column.values[i] < 0 ? MISSING : column.values[i];
      return { codes, categories: ["false", "true"] };
    }
    case "text": {
      const ids = new Map<string, number>();
      const codes = new Int32Array(column.values.length);
      for (let i = 0; i < codes.length; i++) {
        const v = column.values[i];
        if (v === null) codes[i] = MISSING;
        else {
          let id = ids.get(v);
          if (id === undefined) ids.set(v, (id = ids.size));
          codes[i] = id;
        }
      }
      return { codes, categories: [...ids.keys()] };
    }
    case "integer":
    case "numeric": {
      // Whole numbers coded as categories (a weather code, a month): each distinct value a name.
      const ids = new Map<number, number>();
      const codes = new Int32Array(column.values.length);
      for (let i = 0; i < codes.length; i++) {
        const v = column.values[i];
        if (Number.isNaN(v)) codes[i] = MISSING;
        else {
          let id = ids.get(v);
          if (id === undefined) ids.set(v, (id = ids.size));
          codes[i] = id;
        }
      }
      return { codes, categories: Array.from(ids.keys(), String), isNumeric: true };
    }
    default:
      throw new InvalidInput(`Column "${name}" is ${column.kind}, not categorical: a category encoder takes categorical, boolean, text or integer columns`, {
        hint: "bin numeric columns with KBinsDiscretizer, or give the column a numeric step",
      });
  }
}

/** Names seen (sorted, as scikit-learn sorts them; numbers as numbers), their counts, and how many rows were missing. */
export function countCategories(view: CategoryView): { categories: string[]; counts: Float64Array; nMissing: number } {
  const byCode = new Float64Array(view.categories.length);
  let nMissing = 0;
  for (let i = 0; i < view.codes.length; i++) {
    const c = view.codes[i];
    if (c < 0) nMissing++;
    else byCode[c]++;
  }
  const present: number[] = [];
  for (let c = 0; c < byCode.length; c++) if (byCode[c] > 0) present.push(c);
  const names = view.categories;
  present.sort(view.isNumeric ? (a, b) => Number(names[a]) - Number(names[b]) : (a, b) => compareNames(names[a], names[b]));
  return {
    categories: present.map((c) => view.categories[c]),
    counts: Float64Array.from(present, (c) => byCode[c]),
    nMissing,
  };
}

/** Codes of `view` as indices into `categories` by name: -1 missing, -2 a name not among them. */
export function alignCodes(view: CategoryView, categories: readonly string[]): Int32Array {
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const remap = Int32Array.from(view.categories, (c) => index.get(c) ?? UNKNOWN);
  const out = new Int32Array(view.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = view.codes[i];
    out[i] = c < 0 ? MISSING : remap[c];
  }
  return out;
}

/** The name behind an unknown code at a row, for messages. */
export function nameAt(view: CategoryView, row: number): string {
  const c = view.codes[row];
  return c < 0 ? "(missing)" : view.categories[c];
}

/** Code-point order, as numpy sorts strings. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
