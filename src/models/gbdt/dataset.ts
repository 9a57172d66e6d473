// The training input of the boosting engine, whatever the caller passed: a Frame (categorical and
// missing values native) or a dense row-major matrix. Values are read in place, never copied
// column by column, so a large matrix costs no second copy.

import { InvalidInput, type Matrix } from "../../core/index.js";
import type { Frame } from "../../data/index.js";

export interface FeatureSource {
  readonly nRows: number;
  readonly names: readonly string[];
  /** Per feature: categorical (values are category codes) or numeric. */
  readonly isCategorical: readonly boolean[];
  /** Category names per categorical feature (codes index them); [] for numeric features. */
  readonly categories: readonly (readonly string[])[];
  /** Reader of feature f: value at row i (NaN = missing; categories as codes). */
  column(f: number): (i: number) => number;
  /** The values as one row-major array, when they are that already (hot loops read it directly). */
  readonly dense?: { readonly data: Float64Array | Float32Array; readonly cols: number };
}

export interface MatrixOptions {
  readonly featureNames?: readonly string[];
  /** Indices of matrix columns holding category codes (non-negative integers). */
  readonly categoricalFeatures?: readonly number[];
}

export function fromMatrix(X: Matrix, options: MatrixOptions = {}): FeatureSource {
  const { data, rows, cols } = X;
  if (data.length !== rows * cols) throw new InvalidInput(`Matrix data has ${data.length} values but its shape ${rows} × ${cols} needs ${rows * cols}`);
  const names = options.featureNames ? [...options.featureNames] : Array.from({ length: cols }, (_, j) => `f${j}`);
  if (names.length !== cols) throw new InvalidInput(`featureNames has ${names.length} names for ${cols} columns`);
  const categorical = new Set(options.categoricalFeatures ?? []);
  for (const j of categorical) {
    if (!Number.isInteger(j) || j < 0 || j >= cols) throw new InvalidInput(`categoricalFeatures holds ${j}, outside 0..${cols - 1}`);
  }
  const isCategorical = names.map((_, j) => categorical.has(j));
  const categories = names.map((_, j) => (categorical.has(j) ? categoryNamesOf(X, j) : []));
  return {
    nRows: rows,
    names,
    isCategorical,
    categories,
    column: (f) => (i) => data[i * cols + f],
    dense: { data, cols },
  };
}

function categoryNamesOf(X: Matrix, j: number): string[] {
  let max = -1;
  for (let i = 0; i < X.rows; i++) {
    const v = X.data[i * X.cols + j];
    if (v !== v) continue;
    if (v < 0 || !Number.isInteger(v)) throw new InvalidInput(`Categorical column ${j} holds ${v} at row ${i}: category codes must be non-negative integers`);
    if (v > max) max = v;
  }
  return Array.from({ length: max + 1 }, (_, c) => String(c));
}

export function fromFrame(frame: Frame, names: readonly string[] = frame.names): FeatureSource {
  const columns = names.map((name) => frame.column(name));
  columns.forEach((column, f) => {
    if (column.kind === "text") throw new InvalidInput(`Column "${names[f]}" is text: drop it or encode it before boosting`);
  });
  return {
    nRows: frame.nRows,
    names: [...names],
    isCategorical: columns.map((c) => c.kind === "categorical"),
    categories: columns.map((c) => (c.kind === "categorical" ? c.categories : [])),
    column: (f) => {
      const column = columns[f];
      switch (column.kind) {
        case "categorical": {
          const codes = column.codes;
          return (i) => (codes[i] < 0 ? NaN : codes[i]);
        }
        case "boolean": {
          const values = column.values;
          return (i) => (values[i] < 0 ? NaN : values[i]);
        }
        case "text":
          return () => NaN;
        default: {
          const values = column.values;
          return (i) => values[i];
        }
      }
    },
  };
}

/** Code given to a category the model never saw: it goes right at every categorical split. */
export const UNSEEN_CATEGORY = -2;

/**
 * Maps a source's category codes onto the training dictionaries, by name: a Frame read later has
 * its own dictionary, so code 3 may mean another category there.
 */
export function alignCategories(source: FeatureSource, training: readonly (readonly string[])[]): FeatureSource {
  const maps = source.categories.map((names, f) => {
    if (!source.isCategorical[f]) return null;
    const trainingCodes = new Map(training[f].map((name, code) => [name, code]));
    return Int32Array.from(names, (name) => trainingCodes.get(name) ?? UNSEEN_CATEGORY);
  });
  return {
    ...source,
    categories: training,
    column: (f) => {
      const read = source.column(f);
      const map = maps[f];
      if (!map) return read;
      return (i) => {
        const v = read(i);
        return v !== v ? NaN : v >= 0 && v < map.length ? map[v] : UNSEEN_CATEGORY;
      };
    },
  };
}
