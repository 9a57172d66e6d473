// Turns a profile's numbers into the warnings an ML engineer acts on, each with its reason.

import type { FrameOrigin } from "../frame.js";
import type { Alert, ColumnProfile, PairMatrix, Profile, TargetAssociation } from "./types.js";

/** A column predicting the target this well on its own, on held-out rows, is suspect. */
export const LEAKAGE_AUC = 0.95;
export const LEAKAGE_R2 = 0.9;

export function columnAlerts(column: ColumnProfile, nRows: number, targetName: string | undefined): Alert[] {
  const alerts: Alert[] = [];
  const name = column.name;
  const nonMissing = nRows - column.nMissing;
  if (column.nMissing === nRows) {
    alerts.push({ kind: "missing", severity: "warning", column: name, message: `"${name}" is missing in every row: drop it` });
    return alerts;
  }
  if (column.nDistinct <= 1) {
    alerts.push({ kind: "constant", severity: "warning", column: name, message: `"${name}" has a single value: it carries no information` });
  }
  if (column.isIdentifier && name !== targetName) {
    alerts.push({
      kind: "identifier",
      severity: "warning",
      column: name,
      message: `"${name}" looks like an identifier (${column.nDistinct.toLocaleString("en-US")} distinct of ${nonMissing.toLocaleString("en-US")}): exclude it from features`,
    });
  } else if ((column.kind === "categorical" || column.kind === "text") && column.nDistinct > 100) {
    alerts.push({
      kind: "high-cardinality",
      severity: "warning",
      column: name,
      message: `"${name}" has ${column.nDistinct.toLocaleString("en-US")} distinct values: encode by target or frequency, or group rare ones`,
    });
  }
  if (column.missingShare >= 0.5) {
    alerts.push({ kind: "missing", severity: "warning", column: name, message: `"${name}" is ${pct(column.missingShare)} missing` });
  } else if (column.missingShare >= 0.05) {
    alerts.push({ kind: "missing", severity: "info", column: name, message: `"${name}" is ${pct(column.missingShare)} missing` });
  }
  const skew = column.numeric?.skewness ?? 0;
  if (Math.abs(skew) >= 2 && column.nDistinct > 2) {
    alerts.push({
      kind: "skewed",
      severity: "info",
      column: name,
      message: `"${name}" is skewed (skewness ${skew.toFixed(1)}): a log or rank transform may help linear models`,
    });
  }
  if (column.isPossiblyCategorical && column.nDistinct > 2 && name !== targetName) {
    alerts.push({
      kind: "possibly-categorical",
      severity: "info",
      column: name,
      message: `"${name}" holds ${column.nDistinct} integer values: it may be a category coded as a number`,
    });
  }
  return alerts;
}

export function tableAlerts(profile: Omit<Profile, "alerts">, origin: FrameOrigin | undefined): Alert[] {
  const alerts: Alert[] = [];
  if (profile.duplicateRows > 0) {
    alerts.push({
      kind: "duplicates",
      severity: profile.duplicateRows / profile.nRows >= 0.01 ? "warning" : "info",
      message: `${profile.duplicateRows.toLocaleString("en-US")} rows (${pct(profile.duplicateRows / profile.nRows)}) repeat an earlier row`,
    });
  }
  const classes = profile.target?.classes;
  if (classes && classes.length >= 2) {
    const total = classes.reduce((s, c) => s + c.count, 0);
    const smallest = classes[classes.length - 1];
    if (smallest.count / total < 0.1) {
      alerts.push({
        kind: "imbalance",
        severity: "info",
        column: profile.target!.name,
        message: `Target "${profile.target!.name}" is imbalanced: class "${smallest.value}" is ${pct(smallest.count / total)} of rows`,
      });
    }
  }
  for (const note of origin?.notes ?? []) alerts.push({ kind: "read-note", severity: "warning", message: note });
  return alerts;
}

/**
 * Leakage suspects, in three tiers: a column that alone predicts the target almost perfectly on
 * held-out rows; one far ahead of every other column on both measures (as a call's duration is for
 * its outcome); and a column that moves with a near-perfect one and predicts well itself (a second
 * delay column beside the delay that defines the target).
 */
export function leakageAlerts(associations: readonly TargetAssociation[], target: string, spearman: PairMatrix): Alert[] {
  const strength = (a: TargetAssociation): number => (a.metric === "auc" ? Math.max(0, 2 * a.predictivePower - 1) : Math.max(0, a.predictivePower));
  const describe = (a: TargetAssociation): string => (a.metric === "auc" ? `AUC ${a.predictivePower.toFixed(3)}` : `R² ${a.predictivePower.toFixed(3)}`);
  const sorted = [...associations].filter((a) => Number.isFinite(a.predictivePower)).sort((a, b) => strength(b) - strength(a));
  const alerts: Alert[] = [];
  const flagged = new Set<string>();
  const nearPerfect = sorted.filter((a) => (a.metric === "auc" ? a.predictivePower >= LEAKAGE_AUC : a.predictivePower >= LEAKAGE_R2));
  for (const a of nearPerfect) {
    flagged.add(a.column);
    alerts.push({
      kind: "leakage",
      severity: "warning",
      column: a.column,
      message: `"${a.column}" alone predicts "${target}" almost perfectly (${describe(a)} on held-out rows): check it is known before the outcome`,
    });
  }
  const [top, next] = sorted;
  if (top && next && !flagged.has(top.column) && strength(top) >= 0.4 && strength(top) >= 1.6 * strength(next) &&
      top.uncertaintyCoefficient >= 2 * next.uncertaintyCoefficient) {
    flagged.add(top.column);
    alerts.push({
      kind: "leakage",
      severity: "warning",
      column: top.column,
      message: `"${top.column}" predicts "${target}" far better than any other column (${describe(top)}; next best "${next.column}", ${describe(next)}): check it is known before the outcome`,
    });
  }
  for (const a of sorted) {
    if (flagged.has(a.column) || strength(a) < 0.3) continue;
    const partner = nearPerfect.map((leak) => ({ leak, rho: pairValue(spearman, a.column, leak.column) })).find((p) => Math.abs(p.rho) >= 0.6);
    if (!partner) continue;
    alerts.push({
      kind: "leakage",
      severity: "warning",
      column: a.column,
      message: `"${a.column}" moves with "${partner.leak.column}" (Spearman ${partner.rho.toFixed(2)}) and predicts "${target}" well (${describe(a)}): it may leak too`,
    });
  }
  return alerts;
}

function pairValue(matrix: PairMatrix, a: string, b: string): number {
  const i = matrix.names.indexOf(a);
  const j = matrix.names.indexOf(b);
  return i < 0 || j < 0 ? 0 : (matrix.values[i][j] ?? 0);
}

function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
}
