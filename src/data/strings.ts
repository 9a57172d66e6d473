// Typing of string columns, done on their distinct values: a column of a million rows with fifty
// distinct values costs fifty parses. Values are trimmed, missing-value tokens become missing, and
// what remains decides the kind: numbers, booleans, timestamps, categories, identifiers or text.

import { InvalidInput } from "../core/index.js";
import type { Column, ColumnKind } from "./column.js";
import type { StringDictionary } from "./extract.js";

export interface StringTyping {
  readonly column: Column;
  readonly isIdentifier: boolean;
  /** Missing-value tokens seen, with their counts. */
  readonly tokens: Record<string, number>;
}

export interface StringRules {
  /** Exact tokens (after trimming) that mean missing. */
  readonly missing: ReadonlySet<string>;
  /** Lower-cased tokens that mean missing ("unknown", …). */
  readonly unknown: ReadonlySet<string>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TIMESTAMP = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const BOOLEAN: Record<string, number> = { true: 1, false: 0, yes: 1, no: 0 };

export function parseNumber(text: string): number {
  return NUMBER.test(text) ? Number(text) : NaN;
}

/** Epoch milliseconds (UTC) of an ISO-like date or timestamp, or NaN. */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return NaN;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number(frac.padEnd(3, "0").slice(0, 3)));
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms;
}

/** Types a string column from its dictionary; `forced` is the kind the caller asked for. */
export function typeStrings(name: string, dict: StringDictionary, rules: StringRules, forced: ColumnKind | undefined, label: string): StringTyping {
  const trimmed = dict.values.map((v) => v.trim());
  const missing = trimmed.map((t) => rules.missing.has(t) || rules.unknown.has(t.toLowerCase()));
  const tokens: Record<string, number> = {};
  let nonNull = 0;
  let asNumber = 0;
  let asWhole = 0;
  let tooLarge = 0;
  let asBoolean = 0;
  let asTimestamp = 0;
  let words = 0;
  const distinct = new Set<string>();
  const numbers = new Float64Array(trimmed.length);
  const times = new Float64Array(trimmed.length);
  trimmed.forEach((t, id) => {
    const count = dict.counts[id];
    if (missing[id]) {
      tokens[t] = (tokens[t] ?? 0) + count;
      return;
    }
    nonNull += count;
    distinct.add(t);
    numbers[id] = parseNumber(t);
    times[id] = parseTimestamp(t);
    if (!Number.isNaN(numbers[id])) {
      asNumber += count;
      if (Number.isInteger(numbers[id])) {
        // Plain digits past 2^53 are an integer a double cannot hold: refused below, not rounded.
        const exact = Math.abs(numbers[id]) <= Number.MAX_SAFE_INTEGER;
        if (exact || !/[.eE]/.test(t)) asWhole += count;
        if (!exact && !/[.eE]/.test(t)) tooLarge += count;
      }
    }
    if (t.toLowerCase() in BOOLEAN) asBoolean += count;
    if (!Number.isNaN(times[id])) asTimestamp += count;
    words += count * (t.split(/\s+/).length);
  });
  const inferred: ColumnKind | "identifier" =
    nonNull === 0 ? "categorical"
    : asNumber === nonNull ? (asWhole === nonNull ? "integer" : "numeric")
    : asBoolean === nonNull ? "boolean"
    : asTimestamp === nonNull ? "datetime"
    : words / nonNull >= 4 && distinct.size / nonNull > 0.5 ? "text"
    : distinct.size === nonNull && nonNull >= 50 ? "identifier"
    : "categorical";
  const kind: ColumnKind = forced ?? (inferred === "identifier" ? "text" : inferred);
  if (forced) checkForced(name, label, forced, { nonNull, asNumber, asWhole, asBoolean, asTimestamp }, inferred);
  if (tooLarge > 0 && (kind === "integer" || kind === "numeric")) {
    throw new InvalidInput(
      `Column "${name}" of ${label} has a value beyond 2^53, which a number cannot hold exactly: read it as categorical (kinds: { "${name}": "categorical" })`,
      { where: label },
    );
  }
  const ids = dict.ids;
  const isIdentifier = inferred === "identifier" && forced === undefined;
  switch (kind) {
    case "numeric":
    case "integer":
    case "datetime": {
      const table = kind === "datetime" ? times : numbers;
      const values = new Float64Array(ids.length);
      for (let r = 0; r < ids.length; r++) values[r] = ids[r] < 0 || missing[ids[r]] ? NaN : table[ids[r]];
      return { column: { kind, values }, isIdentifier: false, tokens };
    }
    case "boolean": {
      const values = new Int8Array(ids.length);
      const table = trimmed.map((t, id) => (missing[id] ? -1 : (BOOLEAN[t.toLowerCase()] ?? -1)));
      for (let r = 0; r < ids.length; r++) values[r] = ids[r] < 0 ? -1 : table[ids[r]];
      return { column: { kind, values }, isIdentifier: false, tokens };
    }
    case "text": {
      const values = new Array<string | null>(ids.length);
      for (let r = 0; r < ids.length; r++) values[r] = ids[r] < 0 || missing[ids[r]] ? null : trimmed[ids[r]];
      return { column: { kind, values }, isIdentifier, tokens };
    }
    default: {
      const categories = sortCategories([...distinct]);
      const codeOf = new Map(categories.map((c, i) => [c, i]));
      const table = trimmed.map((t, id) => (missing[id] ? -1 : codeOf.get(t)!));
      const codes = new Int32Array(ids.length);
      for (let r = 0; r < ids.length; r++) codes[r] = ids[r] < 0 ? -1 : table[ids[r]];
      return { column: { kind: "categorical", codes, categories }, isIdentifier: false, tokens };
    }
  }
}

/** Categories in a stable order: numerically when all are numbers ("2" before "10"), else by code point. */
export function sortCategories(values: string[]): string[] {
  const numeric = values.length > 0 && values.every((v) => !Number.isNaN(parseNumber(v)));
  return values.sort(numeric
    ? (a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0)
    : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface Counts {
  readonly nonNull: number;
  readonly asNumber: number;
  readonly asWhole: number;
  readonly asBoolean: number;
  readonly asTimestamp: number;
}

function checkForced(name: string, label: string, forced: ColumnKind, c: Counts, inferred: string): void {
  const fits =
    forced === "categorical" ||
    forced === "text" ||
    (forced === "numeric" && c.asNumber === c.nonNull) ||
    (forced === "integer" && c.asWhole === c.nonNull) ||
    (forced === "boolean" && c.asBoolean === c.nonNull) ||
    (forced === "datetime" && c.asTimestamp === c.nonNull);
  if (!fits) {
    throw new InvalidInput(`Column "${name}" of ${label} cannot be read as ${forced}: its values look ${inferred}`, {
      hint: `leave its kind to inference, or clean the values that are not ${forced}`,
    });
  }
}
