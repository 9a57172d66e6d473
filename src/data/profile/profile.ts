// profile(): the first look an ML engineer takes at a table — per-column statistics, correlations,
// association with a target, and the alerts that follow from them. Exact where it is cheap; large
// tables get their quantiles, distinct counts and correlations from a seeded sample.

import { InvalidInput, Rng } from "../../core/index.js";
import type { Column } from "../column.js";
import type { Frame } from "../frame.js";
import { columnAlerts, leakageAlerts, tableAlerts } from "./alerts.js";
import { EXACT_LIMIT, profileColumn } from "./column-profile.js";
import { cramersVMatrix, pearsonMatrix, spearmanMatrix } from "./correlations.js";
import { countDuplicateRows } from "./duplicates.js";
import { associate, binColumn, binNumbers, type EncodedTarget } from "./target-association.js";
import type { CategoryCount, ColumnProfile, Profile, TargetAssociation } from "./types.js";

export interface ProfileOptions {
  /** A column to relate every other column to. */
  readonly target?: string;
  /** Seed for the samples (default 0). */
  readonly seed?: number;
  /** Rows used for correlations (default 100,000). */
  readonly correlationRows?: number;
  readonly onProgress?: (progress: { readonly step: string; readonly fraction: number }) => void;
}

/** Categorical columns with more levels than this are left out of Cramér's V. */
const MAX_CRAMER_LEVELS = 100;

export function profile(frame: Frame, options: ProfileOptions = {}): Profile {
  const started = performance.now();
  const { target, seed = 0, correlationRows = 100_000 } = options;
  if (frame.nRows === 0) throw new InvalidInput("Cannot profile a table with no rows");
  if (target !== undefined) frame.column(target);
  const rng = new Rng(seed);
  const n = frame.nRows;
  const exactSample = n > EXACT_LIMIT ? rng.sample(n, EXACT_LIMIT) : null;
  const progress = (step: string, fraction: number): void => options.onProgress?.({ step, fraction });

  const columns: ColumnProfile[] = frame.schema.map((field, i) => {
    progress("columns", i / frame.nCols);
    return profileColumn(field, frame.column(field.name), exactSample);
  });
  progress("correlations", 0);
  const correlationSample = n > correlationRows ? rng.sample(n, correlationRows) : null;
  const correlations = correlate(frame, columns, correlationSample);
  progress("target", 0);
  const encoded = target === undefined ? undefined : encodeTarget(frame.column(target), columns.find((c) => c.name === target)!, exactSample);
  const targetAssociations = encoded ? associateAll(frame, columns, target!, encoded, rng, exactSample) : [];
  progress("duplicates", 0);
  const duplicateRows = countDuplicateRows(frame.names.map((name) => frame.column(name)), n);

  const partial = {
    source: frame.origin?.source ?? "frame",
    nRows: n,
    nCols: frame.nCols,
    target: encoded && {
      name: target!,
      task: encoded.task,
      classes: encoded.task === "classification" ? classCounts(encoded) : undefined,
    },
    columns,
    correlations,
    targetAssociations,
    duplicateRows,
    missingTokens: frame.origin?.missingTokens ?? {},
    sampleRows: exactSample ? exactSample.length : null,
    elapsedMs: 0,
  };
  const alerts = [
    ...tableAlerts(partial, frame.origin),
    ...(target ? leakageAlerts(targetAssociations, target, correlations.spearman) : []),
    ...columns.flatMap((c) => columnAlerts(c, n, target)),
  ].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "warning" ? -1 : 1));
  return { ...partial, alerts, elapsedMs: performance.now() - started };
}

function correlate(frame: Frame, columns: readonly ColumnProfile[], sample: Int32Array | null): Profile["correlations"] {
  const pick = (values: Float64Array): Float64Array => (sample ? Float64Array.from(sample, (i) => values[i]) : values);
  const numeric = columns.filter((c) => !c.isIdentifier && c.nDistinct > 1 && (c.kind === "numeric" || c.kind === "integer" || c.kind === "boolean"));
  const numericValues = numeric.map((c) => {
    const column = frame.column(c.name);
    if (column.kind === "boolean") return pick(Float64Array.from(column.values, (v) => (v < 0 ? NaN : v)));
    return pick((column as { values: Float64Array }).values);
  });
  const names = numeric.map((c) => c.name);
  const categorical = columns.filter((c) => !c.isIdentifier && c.nDistinct > 1 && (c.kind === "categorical" || c.kind === "boolean"));
  const kept = categorical.filter((c) => c.kind === "boolean" || c.nDistinct <= MAX_CRAMER_LEVELS);
  const codes = kept.map((c) => {
    const column = frame.column(c.name);
    const all = column.kind === "categorical" ? column.codes : Int32Array.from((column as { values: Int8Array }).values);
    return sample ? Int32Array.from(sample, (i) => all[i]) : all;
  });
  const levels = kept.map((c) => {
    const column = frame.column(c.name);
    return column.kind === "categorical" ? column.categories.length : 2;
  });
  return {
    pearson: pearsonMatrix(names, numericValues),
    spearman: spearmanMatrix(names, numericValues),
    cramersV: cramersVMatrix(kept.map((c) => c.name), codes, levels),
    nRows: sample ? sample.length : frame.nRows,
  };
}

/** Classification for categories, booleans and integers with few values; regression otherwise. */
function encodeTarget(column: Column, profile: ColumnProfile, sample: Int32Array | null): EncodedTarget {
  if (column.kind === "categorical") {
    return { task: "classification", classes: column.codes, nClasses: column.categories.length, labels: column.categories };
  }
  if (column.kind === "boolean") return { task: "classification", classes: Int32Array.from(column.values), nClasses: 2, labels: ["false", "true"] };
  if (column.kind === "text") {
    throw new InvalidInput(`Target "${profile.name}" is free text (${profile.nDistinct} distinct values)`, {
      hint: "choose a categorical or numeric target, or read it with kinds: { [target]: \"categorical\" }",
    });
  }
  const values = column.values;
  if (column.kind === "integer" && profile.nDistinct <= 20) {
    const distinct = [...new Set(values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const index = new Map(distinct.map((v, i) => [v, i]));
    return {
      task: "classification",
      classes: Int32Array.from(values, (v) => index.get(v) ?? -1),
      nClasses: distinct.length,
      labels: distinct.map(String),
    };
  }
  // Mutual information needs classes: a numeric target is cut into quantile bins, missing = -1.
  const binned = binNumbers(values, sample);
  const valueBins = binned.bins.map((b) => (b === binned.nBins - 1 ? -1 : b));
  return { task: "regression", values, valueBins, nClasses: binned.nBins - 1 };
}

function associateAll(
  frame: Frame,
  columns: readonly ColumnProfile[],
  target: string,
  encoded: EncodedTarget,
  rng: Rng,
  sample: Int32Array | null,
): TargetAssociation[] {
  // One random half trains each column's lookup table, the other half scores it.
  const isTest = new Uint8Array(frame.nRows);
  for (const i of rng.sample(frame.nRows, Math.floor(frame.nRows / 2))) isTest[i] = 1;
  const out: TargetAssociation[] = [];
  for (const c of columns) {
    if (c.name === target || c.isIdentifier || c.nDistinct <= 1) continue;
    const binned = binColumn(frame.column(c.name), sample);
    if (binned) out.push(associate(c.name, binned, encoded, isTest));
  }
  return out.sort((a, b) => b.uncertaintyCoefficient - a.uncertaintyCoefficient);
}

/** Rows per class, largest first. */
function classCounts(target: EncodedTarget): CategoryCount[] {
  const counts = new Float64Array(target.nClasses);
  for (const c of target.classes!) if (c >= 0) counts[c]++;
  return target.labels!.map((value, i) => ({ value, count: counts[i] })).sort((a, b) => b.count - a.count);
}
