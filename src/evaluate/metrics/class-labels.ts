// Class labels as metrics receive them: strings, numbers or booleans, in plain arrays or typed
// arrays. Labels are checked once (no missing values, one kind per call), sorted the way
// scikit-learn's np.unique sorts them, and turned into integer codes so the counting loops that
// follow touch only typed arrays.

import { InvalidInput } from "../../core/index.js";
import type { ClassLabel } from "../../models/index.js";

export type { ClassLabel };

/** Labels in the order scikit-learn sorts them: numbers ascending, strings by code unit, false < true. */
export function compareLabels(a: ClassLabel, b: ClassLabel): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Checks the labels of one array and adds them to `seen`; every label must share `kind`. Labels
 * already met are recognised by a scan of the few seen so far before the Set, which keeps a
 * million-row check to a few milliseconds.
 */
function collectLabels(y: ArrayLike<unknown>, name: string, metric: string, seen: Set<ClassLabel>, kind: { value: string | null }): void {
  if (!y || typeof y.length !== "number") throw new InvalidInput(`${name} must be an array of class labels (${metric})`);
  if (y instanceof Float64Array) return collectFloat64(y, name, metric, seen, kind);
  const recent: unknown[] = [];
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (recent.length > 0 && (v === recent[0] || recent.includes(v))) continue;
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
      throw new InvalidInput(`${name} is missing at row ${i} (${metric}): drop rows without a label before scoring`, { where: `${name} row ${i}` });
    }
    const type = typeof v;
    if (type !== "string" && type !== "number" && type !== "boolean") {
      throw new InvalidInput(`${name} holds a ${type} at row ${i} (${metric}): labels must be strings, numbers or booleans`, { where: `${name} row ${i}` });
    }
    if (type === "number" && !Number.isFinite(v)) throw new InvalidInput(`${name} holds ${String(v)} at row ${i} (${metric}): numeric labels must be finite`, { where: `${name} row ${i}` });
    if (kind.value === null) kind.value = type;
    else if (kind.value !== type) {
      throw new InvalidInput(`${name} holds a ${type} label (${JSON.stringify(v)}) at row ${i} among ${kind.value} labels (${metric}): use one kind of label throughout`, { where: `${name} row ${i}` });
    }
    seen.add(v as ClassLabel);
    if (recent.length < RECENT_LABELS) recent.push(v);
  }
}

/** The same for labels in a Float64Array, the common case of a large 0/1 target, without boxing. */
function collectFloat64(y: Float64Array, name: string, metric: string, seen: Set<ClassLabel>, kind: { value: string | null }): void {
  if (y.length > 0 && kind.value !== null && kind.value !== "number") {
    throw new InvalidInput(`${name} holds a number label (${y[0]}) at row 0 among ${kind.value} labels (${metric}): use one kind of label throughout`, { where: `${name} row 0` });
  }
  // The labels met so far, scanned before the Set: most targets have a handful of classes.
  const recent = new Float64Array(RECENT_LABELS);
  let nRecent = 0;
  rows: for (let i = 0; i < y.length; i++) {
    const v = y[i];
    for (let k = 0; k < nRecent; k++) if (recent[k] === v) continue rows;
    if (!Number.isFinite(v)) {
      throw new InvalidInput(Number.isNaN(v) ? `${name} is missing at row ${i} (${metric}): drop rows without a label before scoring` : `${name} holds ${v} at row ${i} (${metric}): numeric labels must be finite`, { where: `${name} row ${i}` });
    }
    seen.add(v);
    kind.value = "number";
    if (nRecent < RECENT_LABELS) recent[nRecent++] = v;
  }
}

/** How many distinct labels are matched by a linear scan before falling back to a Map or Set. */
const RECENT_LABELS = 16;

/** The distinct labels of one or more arrays, sorted. */
export function sortedLabels(arrays: readonly { y: ArrayLike<unknown>; name: string }[], metric: string): ClassLabel[] {
  const seen = new Set<ClassLabel>();
  const kind = { value: null as string | null };
  for (const { y, name } of arrays) collectLabels(y, name, metric, seen, kind);
  return [...seen].sort(compareLabels);
}

/** Codes of `y` into `labels`; a label not in the list gets `missing` (or an error when missing is null). */
export function labelCodes(y: ArrayLike<unknown>, labels: readonly ClassLabel[], options: { name: string; metric: string; missing: number | null }): Int32Array {
  const index = new Map<unknown, number>();
  labels.forEach((label, k) => index.set(label, k));
  const few = labels.length <= RECENT_LABELS ? labels : null;
  const codes = new Int32Array(y.length);
  if (y instanceof Float64Array && few !== null && few.every((l) => typeof l === "number")) {
    const numbers = Float64Array.from(few as number[]);
    // A miss (a label not listed) falls through to the general loop below, which reports or codes it.
    if (codeFloat64(y, numbers, codes)) return codes;
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const found = few === null ? -1 : few.indexOf(v as ClassLabel);
    const k = found >= 0 ? found : index.get(v);
    if (k !== undefined) codes[i] = k;
    else if (options.missing !== null) codes[i] = options.missing;
    else {
      throw new InvalidInput(`${options.name} holds ${JSON.stringify(v)} at row ${i}, which is not among the classes ${describeLabels(labels)} (${options.metric})`, {
        where: `${options.name} row ${i}`,
        hint: "pass every class in `classes`, in the order of the score columns",
      });
    }
  }
  return codes;
}

/** Codes of numeric labels by a scan of the few classes; false at the first label not among them. */
function codeFloat64(y: Float64Array, labels: Float64Array, codes: Int32Array): boolean {
  let last = NaN;
  let lastCode = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v !== last) {
      lastCode = -1;
      for (let k = 0; k < labels.length; k++) {
        if (labels[k] === v) {
          lastCode = k;
          break;
        }
      }
      if (lastCode < 0) return false;
      last = v;
    }
    codes[i] = lastCode;
  }
  return true;
}

/** Checks a caller's list of labels: non-empty, distinct, and of a kind a label can be. */
export function checkedLabelList(labels: readonly ClassLabel[], name: string, metric: string): ClassLabel[] {
  if (!Array.isArray(labels) || labels.length === 0) throw new InvalidInput(`${name} must be a non-empty array of class labels (${metric})`);
  const seen = new Set<ClassLabel>();
  const kind = { value: null as string | null };
  collectLabels(labels, name, metric, seen, kind);
  if (seen.size !== labels.length) throw new InvalidInput(`${name} lists a class twice: ${describeLabels(labels)} (${metric})`);
  return [...labels];
}

/**
 * The positive class of a binary metric. Given: used as is (it may be absent from the data). Not
 * given: the larger of two labels present, as scikit-learn's roc_auc_score and predictProba's
 * column order take it; a single present label counts as positive only when it is 1 or true.
 * This differs from scikit-learn's precision/recall/F default (pos_label=1) only for numeric
 * labels other than {0, 1} and {−1, 1}: with labels {1, 2} the positive class here is 2.
 */
export function positiveLabel(present: readonly ClassLabel[], posLabel: ClassLabel | undefined, metric: string): ClassLabel {
  if (posLabel !== undefined) return posLabel;
  if (present.length === 2) return present[1];
  if (present.length === 1 && (present[0] === 1 || present[0] === true)) return present[0];
  throw new InvalidInput(
    present.length > 2
      ? `${metric} is a binary metric but the labels hold ${present.length} classes ${describeLabels(present)}`
      : `${metric} cannot tell the positive class: the labels hold only ${describeLabels(present)}`,
    { hint: present.length > 2 ? "pass posLabel to score one class against the rest, or use a multiclass average" : "pass posLabel" },
  );
}

export function describeLabels(labels: readonly unknown[]): string {
  const shown = labels.slice(0, 8).map((l) => JSON.stringify(l)).join(", ");
  return `[${shown}${labels.length > 8 ? `, … (${labels.length} in all)` : ""}]`;
}
