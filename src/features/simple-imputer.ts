// SimpleImputer: fills missing values with a statistic learned at fit (mean, median, most
// frequent) or a constant, optionally with a 0/1 "was missing" indicator beside the column (only
// for columns that had missing values at fit, as scikit-learn's add_indicator does).

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { categoryView, countCategories, compareNames } from "./categories.js";
import { medianOfSorted, sortedPresent } from "./quantile.js";
import { numberFromJson, numberToJson, recordOf } from "./state-json.js";
import type { BlockSink, ColumnTransformer, FitContext, FittedStream, StepState, TransformContext } from "./transformer.js";

export const SIMPLE_IMPUTER_PARAMS = {
  strategy: { type: "enum", default: "mean", values: ["mean", "median", "most_frequent", "constant"], doc: "What fills a missing value: mean and median for numeric columns only" },
  fillValue: { type: "optional-number", default: null, doc: "The constant for numeric and boolean columns (default 0)" },
  addIndicator: { type: "boolean", default: false, doc: "Add a 0/1 column marking the rows that were missing (if any were at fit)" },
} as const satisfies ParamSpecs;

export type SimpleImputerParams = ParamValues<typeof SIMPLE_IMPUTER_PARAMS> & {
  /** The constant for categorical and text columns (default "missing_value", as scikit-learn). */
  fillCategory: string;
};

export class SimpleImputer implements ColumnTransformer {
  readonly kind = "simple-imputer";
  readonly role = "stream";
  readonly accepts: readonly ColumnKind[] = ["numeric", "integer", "datetime", "categorical", "boolean", "text"];
  readonly params: SimpleImputerParams;

  constructor(params: Partial<SimpleImputerParams> = {}) {
    const { fillCategory = "missing_value", ...rest } = params;
    if (typeof fillCategory !== "string") throw new InvalidInput(`Invalid SimpleImputer parameters: fillCategory must be a string: received ${String(fillCategory)}`);
    this.params = { ...resolveParams(SIMPLE_IMPUTER_PARAMS, rest, "SimpleImputer"), fillCategory };
  }

  fit(column: Column, context: FitContext): FittedSimpleImputer {
    const { strategy } = this.params;
    const isNumber = column.kind === "numeric" || column.kind === "integer" || column.kind === "datetime";
    if (!isNumber && (strategy === "mean" || strategy === "median")) {
      throw new InvalidInput(`SimpleImputer strategy "${strategy}" needs a numeric column but "${context.name}" is ${column.kind}`, {
        hint: 'use strategy "most_frequent" or "constant" for this column',
      });
    }
    let nMissing = 0;
    let fill: number | string;
    if (column.kind === "categorical" || column.kind === "text") {
      const counted = countCategories(categoryView(column, context.name));
      nMissing = counted.nMissing;
      fill = strategy === "constant" ? this.params.fillCategory : mostFrequentName(counted, context.name);
    } else if (column.kind === "boolean") {
      for (const v of column.values) if (v < 0) nMissing++;
      fill = strategy === "constant" ? (this.params.fillValue ?? 0) : mostFrequentNumber(Float64Array.from(column.values, (v) => (v < 0 ? NaN : v)), context.name);
    } else {
      const sorted = sortedPresent(column.values);
      nMissing = column.values.length - sorted.length;
      fill = strategy === "constant" ? (this.params.fillValue ?? 0) : numericFill(strategy, sorted, context.name);
    }
    return new FittedSimpleImputer(this.params, fill, this.params.addIndicator && nMissing > 0);
  }
}

export class FittedSimpleImputer implements FittedStream {
  readonly kind = "simple-imputer";
  readonly role = "stream";
  readonly params: SimpleImputerParams;
  /** The value that replaces a missing one: a number, or a category name. */
  readonly fill: number | string;
  readonly hasIndicator: boolean;

  constructor(params: SimpleImputerParams, fill: number | string, hasIndicator: boolean) {
    this.params = params;
    this.fill = fill;
    this.hasIndicator = hasIndicator;
  }

  get outputKind(): ColumnKind {
    return typeof this.fill === "string" ? "categorical" : "numeric";
  }

  get sideSuffixes(): readonly string[] {
    return this.hasIndicator ? [".missing"] : [];
  }

  apply(column: Column, context: TransformContext): Column {
    let nFilled = 0;
    let out: Column;
    if (typeof this.fill === "string") {
      const view = categoryView(column, context.name);
      let fillCode = view.categories.indexOf(this.fill);
      const categories = fillCode < 0 ? [...view.categories, this.fill] : view.categories;
      if (fillCode < 0) fillCode = view.categories.length;
      const codes = new Int32Array(view.codes.length);
      for (let i = 0; i < codes.length; i++) {
        const c = view.codes[i];
        if (c < 0) nFilled++;
        codes[i] = c < 0 ? fillCode : c;
      }
      out = { kind: "categorical", codes, categories };
    } else if (column.kind === "boolean") {
      const values = new Int8Array(column.values.length);
      for (let i = 0; i < values.length; i++) {
        const v = column.values[i];
        if (v < 0) nFilled++;
        values[i] = v < 0 ? this.fill : v;
      }
      out = { kind: "boolean", values };
    } else if (column.kind === "categorical" || column.kind === "text") {
      throw new InvalidInput(`Column "${context.name}" is ${column.kind} but its imputer was fitted on a numeric column`);
    } else {
      const values = new Float64Array(column.values.length);
      const fill = this.fill;
      for (let i = 0; i < values.length; i++) {
        const v = column.values[i];
        if (v !== v) nFilled++;
        values[i] = v !== v ? fill : v;
      }
      out = { kind: column.kind === "datetime" ? "datetime" : "numeric", values };
    }
    context.repairs?.add(context.name, "missing imputed", nFilled);
    return out;
  }

  /** The indicator: 1 where the column entering the imputer is missing. */
  writeSide(column: Column, sink: BlockSink): void {
    const { data, stride, offset } = sink;
    const n = column.kind === "categorical" ? column.codes.length : column.values.length;
    for (let i = 0; i < n; i++) {
      let missing: boolean;
      if (column.kind === "categorical") missing = column.codes[i] < 0;
      else if (column.kind === "text") missing = column.values[i] === null;
      else if (column.kind === "boolean") missing = column.values[i] < 0;
      else missing = Number.isNaN(column.values[i]);
      data[i * stride + offset] = missing ? 1 : 0;
    }
  }

  toJSON(): StepState {
    const fill = typeof this.fill === "string" ? { fillCategory: this.fill } : { fillNumber: numberToJson(this.fill) };
    return { kind: this.kind, params: this.params, ...fill, hasIndicator: this.hasIndicator };
  }

  static fromJSON(state: Record<string, unknown>): FittedSimpleImputer {
    const imputer = new SimpleImputer(recordOf(state.params, "simple-imputer params") as Partial<SimpleImputerParams>);
    const fill = typeof state.fillCategory === "string" ? state.fillCategory : numberFromJson(state.fillNumber, "simple-imputer fillNumber");
    return new FittedSimpleImputer(imputer.params, fill, state.hasIndicator === true);
  }
}

function numericFill(strategy: string, sorted: Float64Array, name: string): number {
  if (sorted.length === 0) throw allMissing(name);
  if (strategy === "median") return medianOfSorted(sorted);
  if (strategy === "most_frequent") return mostFrequentNumber(sorted, name);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return sum / sorted.length;
}

/** The most frequent non-missing value; ties go to the smallest, as scikit-learn's. */
function mostFrequentNumber(values: Float64Array, name: string): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  if (sorted.length === 0) throw allMissing(name);
  let best = sorted[0];
  let bestCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestCount) {
      best = sorted[i];
      bestCount = j - i;
    }
    i = j;
  }
  return best;
}

function mostFrequentName(counted: { categories: string[]; counts: Float64Array }, name: string): string {
  if (counted.categories.length === 0) throw allMissing(name);
  let best = 0;
  for (let c = 1; c < counted.categories.length; c++) {
    const more = counted.counts[c] > counted.counts[best];
    const tieSmaller = counted.counts[c] === counted.counts[best] && compareNames(counted.categories[c], counted.categories[best]) < 0;
    if (more || tieSmaller) best = c;
  }
  return counted.categories[best];
}

function allMissing(name: string): InvalidInput {
  return new InvalidInput(`Column "${name}" has no values at fit: every row is missing, so there is nothing to impute from`, {
    hint: 'exclude the column, or use strategy "constant"',
  });
}
