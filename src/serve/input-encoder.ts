// Turns a request's table into the model's inputs, checked against the bundle's signature: every
// value of every row, all problems collected. Values land in one row-major Float64Array in
// signature order (categories as their code in the signature's list, booleans 0/1, datetimes as
// epoch milliseconds, missing as NaN), which both the Frame path and the boosting row path read.
// Missing-value tokens mean what they meant when the training data was read.

import type { SignatureColumn } from "../automl/index.js";
import { DEFAULT_MISSING, UNKNOWN_TOKENS, parseNumber, parseTimestamp } from "../data/index.js";
import { InvalidRequest, shown, type InputIssue } from "./input-issues.js";
import type { RequestTable } from "./request-table.js";

export interface EncodedInput {
  readonly nRows: number;
  /**
   * nRows × signature columns, row-major. A category the model never saw gets code nCategories + k.
   * For a small request, a view on a buffer shared with other requests: read it, never transfer it.
   */
  readonly values: Float64Array;
  /** Per signature column: the unseen categories of this request, in order of their codes. */
  readonly unseen: readonly (readonly string[])[];
  /** Per signature column: the strings of a text column (null elsewhere). */
  readonly texts: readonly ((string | null)[] | null)[];
  /** What the server did that the client may want to know (unseen categories, absent columns). */
  readonly warnings: readonly string[];
}

const MISSING = new Set(DEFAULT_MISSING);
const UNKNOWN = new Set(UNKNOWN_TOKENS);
const BOOLEAN: Readonly<Record<string, number>> = { true: 1, false: 0, yes: 1, no: 0, "1": 1, "0": 0, t: 1, f: 0 };

function isMissingText(text: string): boolean {
  return MISSING.has(text) || UNKNOWN.has(text.toLowerCase());
}

type Coerce = (value: unknown) => number;
/** What a coercion returns for a value it cannot read (NaN means missing). */
const BAD = Number.NEGATIVE_INFINITY;

export class InputEncoder {
  readonly signature: readonly SignatureColumn[];
  readonly names: readonly string[];
  readonly #known: ReadonlySet<string>;
  readonly #codes: (Map<string, number> | null)[];
  readonly #coerce: Coerce[];
  readonly #expected: string[];
  readonly #hasText: boolean;
  // The signature's facts the row loop reads, as flat arrays: signature columns differ in shape
  // (with or without categories, a range), and reading them in the loop was most of its cost.
  readonly #nullable: Uint8Array;
  readonly #low: Float64Array;
  readonly #high: Float64Array;
  readonly #noTexts: readonly null[];
  readonly #noUnseen: readonly (readonly string[])[];
  /** Where small requests' values are cut from (see #valuesFor). */
  #slab = new ArrayBuffer(SLAB_BYTES);
  #slabAt = 0;

  constructor(signature: readonly SignatureColumn[]) {
    this.signature = signature;
    this.names = signature.map((c) => c.name);
    this.#known = new Set(this.names);
    this.#codes = signature.map((c) => (c.kind === "categorical" ? new Map((c.categories ?? []).map((name, code) => [name, code])) : null));
    this.#coerce = signature.map((c) => coercion(c));
    this.#expected = signature.map((c) => expectation(c));
    this.#hasText = signature.some((c) => c.kind === "text");
    this.#nullable = Uint8Array.from(signature, (c) => (c.nullable ? 1 : 0));
    this.#low = Float64Array.from(signature, (c) => c.range?.[0] ?? -Infinity);
    this.#high = Float64Array.from(signature, (c) => c.range?.[1] ?? Infinity);
    this.#noTexts = Object.freeze(signature.map(() => null));
    this.#noUnseen = Object.freeze(signature.map(() => Object.freeze([] as string[])));
  }

  /** The table's rows as model inputs; throws InvalidRequest listing every problem. */
  encode(table: RequestTable): EncodedInput {
    const { nRows } = table;
    const p = this.names.length;
    const nullable = this.#nullable;
    const low = this.#low;
    const high = this.#high;
    const values = this.#valuesFor(nRows * p);
    // Allocated only when a request needs them: a single-row request is the common case.
    let unseen: string[][] | null = null;
    const texts = this.#hasText ? this.signature.map((c) => (c.kind === "text" ? new Array<string | null>(nRows).fill(null) : null)) : this.#noTexts;
    const issues: InputIssue[] = [];
    let nIssues = 0;
    // Warnings with how many rows each concerns; a plain local, not a closure, on the hot path.
    let notes: Map<string, number> | null = null;
    for (let j = 0; j < p; j++) {
      const name = this.names[j];
      if (!table.columns.has(name)) {
        if (nullable[j] === 0) {
          nIssues++;
          if (issues.length < 100) issues.push({ column: name, expected: `a column "${name}" (${this.#expected[j]}): training saw no missing values there` });
        } else notes = noted(notes, `column "${name}" is absent: read as missing, as the model was trained to handle`);
        for (let i = 0; i < nRows; i++) values[i * p + j] = NaN;
        continue;
      }
      const coerce = this.#coerce[j];
      const codes = this.#codes[j];
      const text = texts[j];
      for (let i = 0; i < nRows; i++) {
        const raw = table.value(i, name);
        let v: number;
        if (codes !== null) {
          v = categoryCode(raw, codes);
          if (v === UNSEEN) v = codes.size + unseenIndex((unseen ??= this.#noUnseen.map(() => []))[j], String(raw).trim());
        }
        else if (text !== null) {
          v = typeof raw === "string" ? 0 : raw === null || raw === undefined ? NaN : BAD;
          if (v === 0) text[i] = isMissingText(raw as string) ? null : (raw as string);
        } else v = coerce(raw);
        if (v === BAD) {
          nIssues++;
          if (issues.length < 100) issues.push({ row: i, column: name, expected: this.#expected[j], received: shown(raw) });
          continue;
        }
        values[i * p + j] = v;
        if (v !== v) {
          if (nullable[j] === 0) notes = noted(notes, `column "${name}" has missing values, which training never saw: handled as the model learnt for missing values`);
        } else if (v < low[j] || v > high[j]) notes = noted(notes, `column "${name}" has values outside the training range [${low[j]}, ${high[j]}]`);
      }
    }
    if (nIssues > 0) throw new InvalidRequest(issues, nIssues);
    for (const name of table.columns) if (!this.#known.has(name)) notes = noted(notes, `column "${name}" is not an input of this model: ignored`);
    for (let j = 0; unseen !== null && j < p; j++) {
      const names = unseen[j];
      if (names.length > 0) notes = noted(notes, `column "${this.names[j]}" has categories never seen in training (${names.slice(0, 5).map((n) => JSON.stringify(n)).join(", ")}${names.length > 5 ? ", …" : ""}): handled as the model learnt for unseen categories`);
    }
    const warnings = notes === null ? NO_WARNINGS : [...(notes as Map<string, number>)].map(([text, n]) => (n > 1 ? `${text} (${n} rows)` : text));
    return { nRows, values, unseen: unseen ?? this.#noUnseen, texts, warnings };
  }

  /**
   * Room for a request's values. A new Float64Array of more than 64 bytes gets memory of its own
   * outside the heap, which cost more than encoding a whole row (about 1-2 µs, measured on one
   * 14-column row); small requests instead take a view on a shared slab, as Buffer's pool does.
   * The slab is only ever cut forward, so no two requests share memory, and it is freed with the
   * last view on it.
   */
  #valuesFor(length: number): Float64Array {
    const bytes = length * Float64Array.BYTES_PER_ELEMENT;
    if (bytes > SLAB_BYTES / 8) return new Float64Array(length);
    if (this.#slabAt + bytes > SLAB_BYTES) {
      this.#slab = new ArrayBuffer(SLAB_BYTES);
      this.#slabAt = 0;
    }
    const values = new Float64Array(this.#slab, this.#slabAt, length);
    this.#slabAt += bytes;
    return values;
  }
}

function noted(notes: Map<string, number> | null, text: string): Map<string, number> {
  const map = notes ?? new Map<string, number>();
  map.set(text, (map.get(text) ?? 0) + 1);
  return map;
}

const SLAB_BYTES = 64 * 1024;

/** Marks a category the signature does not list; it gets a code after the known ones. */
const UNSEEN = -3;
const NO_WARNINGS: readonly string[] = Object.freeze([]);

function unseenIndex(unseen: string[], name: string): number {
  const k = unseen.indexOf(name);
  return k >= 0 ? k : unseen.push(name) - 1;
}

/** The signature's code of a category, NaN for missing, UNSEEN or BAD. */
function categoryCode(raw: unknown, codes: Map<string, number>): number {
  let name: string;
  if (typeof raw === "string") name = raw.trim();
  else if ((typeof raw === "number" && Number.isFinite(raw)) || typeof raw === "boolean") name = String(raw);
  else if (raw === null || raw === undefined) return NaN;
  else return BAD;
  const code = codes.get(name);
  if (code !== undefined) return code;
  return isMissingText(name) ? NaN : UNSEEN;
}

function coercion(column: SignatureColumn): Coerce {
  switch (column.kind) {
    case "numeric":
    case "integer":
      return (raw) => {
        if (typeof raw === "number") return Number.isFinite(raw) ? raw : BAD;
        if (raw === null || raw === undefined) return NaN;
        if (typeof raw !== "string") return BAD;
        const text = raw.trim();
        if (isMissingText(text)) return NaN;
        const v = parseNumber(text);
        return Number.isFinite(v) ? v : BAD;
      };
    case "boolean":
      return (raw) => {
        if (typeof raw === "boolean") return raw ? 1 : 0;
        if (raw === 0 || raw === 1) return raw;
        if (raw === null || raw === undefined) return NaN;
        if (typeof raw !== "string") return BAD;
        const text = raw.trim();
        if (isMissingText(text)) return NaN;
        return BOOLEAN[text.toLowerCase()] ?? BAD;
      };
    case "datetime":
      return (raw) => {
        if (typeof raw === "number") return Number.isFinite(raw) ? raw : BAD;
        if (raw === null || raw === undefined) return NaN;
        if (typeof raw !== "string") return BAD;
        const text = raw.trim();
        if (isMissingText(text)) return NaN;
        const v = parseTimestamp(text);
        return Number.isNaN(v) ? BAD : v;
      };
    default:
      return () => BAD;
  }
}

function expectation(column: SignatureColumn): string {
  switch (column.kind) {
    case "numeric":
      return "a finite number or null";
    case "integer":
      return "a finite number (an integer in training) or null";
    case "boolean":
      return "true, false, 0, 1 or null";
    case "datetime":
      return 'an ISO date or timestamp ("2024-05-01T12:00:00Z") or epoch milliseconds, or null';
    case "categorical":
      return "a category (string) or null";
    default:
      return "a string or null";
  }
}
