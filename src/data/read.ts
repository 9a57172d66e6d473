// read(): any table a user points at — CSV, Parquet, JSON, a glob, a folder, or a SQL query over
// them — into a typed Frame, through DuckDB. Types DuckDB is sure of are kept; string columns are
// trimmed, their missing-value tokens removed, and then typed by what their values turn out to be.

import { InvalidInput, NotFound } from "../core/index.js";
import { COLUMN_KINDS, type Column, type ColumnKind } from "./column.js";
import { csvRelation, sniffCsv, tokensInHead, type CsvDialect, type CsvOptions } from "./csv-dialect.js";
import { DuckSession, quoteName, quoteString } from "./duck.js";
import { explainDuckError, rejectedRows, type Rejection } from "./duck-errors.js";
import { extractColumns, type ExtractType, type StringDictionary } from "./extract.js";
import { Frame, type FrameOrigin } from "./frame.js";
import { DEFAULT_MISSING, POSSIBLY_CATEGORICAL_MAX, UNKNOWN_TOKENS, duckKind, looksLikeIdName } from "./infer.js";
import { checkTextFile, resolveSource, type Encoding, type ResolvedSource, type SourceFormat } from "./source.js";
import { typeStrings, type StringRules } from "./strings.js";

export interface ReadProgress {
  readonly phase: "detect" | "load" | "convert";
  /** 0..1 within the phase, when known. */
  readonly fraction?: number;
}

export interface ReadOptions {
  /** Overrides the format guessed from the file name. */
  readonly format?: Exclude<SourceFormat, "sql">;
  /** CSV: the field delimiter (detected by default). */
  readonly delimiter?: string;
  /** CSV: whether the first line is a header (detected by default). */
  readonly header?: boolean;
  /** Tokens that mean missing, replacing the default list (`DEFAULT_MISSING`). */
  readonly missing?: readonly string[];
  /** Whether "unknown", "n/a" and the like in string columns are missing (default true). */
  readonly unknownAsMissing?: boolean;
  /** Column kinds to use instead of the inferred ones. */
  readonly kinds?: Readonly<Record<string, ColumnKind>>;
  /** Only these columns, in this order. */
  readonly columns?: readonly string[];
  /** CSV: the text encoding (default utf-8). */
  readonly encoding?: Encoding;
  /** CSV: rows the dialect detection looks at (default 20,480; -1 for all). */
  readonly sampleSize?: number;
  /** DuckDB threads (default: all cores). */
  readonly threads?: number;
  readonly onProgress?: (progress: ReadProgress) => void;
}

interface SourceColumn {
  /** Name in the source. */
  readonly source: string;
  /** Name in the Frame. */
  readonly name: string;
  readonly type: string;
}

interface Attempt {
  /** Columns DuckDB's sample typed wrongly: read as strings and typed from all their values. */
  readonly asText: Set<string>;
  encoding: Encoding;
  readonly notes: string[];
}

export async function read(source: string | { sql: string }, options: ReadOptions = {}): Promise<Frame> {
  validateOptions(options);
  const resolved = resolveSource(source, options.format);
  const encoding = options.encoding ?? "utf-8";
  let asciiHead = false;
  if (resolved.format === "csv" && !resolved.isGlob) {
    asciiHead = checkTextFile(unquote(resolved.target), resolved.label, encoding).isAscii;
  }
  const session = await DuckSession.open({ threads: options.threads });
  try {
    const attempt: Attempt = { asText: new Set(), encoding, notes: [] };
    for (;;) {
      const outcome = await load(session, resolved, options, attempt);
      if (outcome instanceof Frame) return outcome;
      // DuckDB set rows aside: retry once per cause we can fix, else say which line is wrong.
      const casts = outcome.filter((r) => r.type === "CAST" && !attempt.asText.has(r.column));
      const encodingError = outcome.find((r) => r.type === "INVALID ENCODING");
      if (casts.length > 0) {
        for (const r of casts) attempt.asText.add(r.column);
        continue;
      }
      if (encodingError && asciiHead && attempt.encoding === "utf-8" && options.encoding === undefined) {
        attempt.encoding = "latin-1";
        attempt.notes.push(
          `${resolved.label} is not valid UTF-8 from line ${encodingError.line} (column "${encodingError.column}"): read as Latin-1; pass an encoding to choose`,
        );
        continue;
      }
      throw outcome[0].toError(resolved.label);
    }
  } catch (error) {
    throw explainDuckError(error, resolved);
  } finally {
    session.close();
  }
}

async function load(session: DuckSession, source: ResolvedSource, options: ReadOptions, attempt: Attempt): Promise<Frame | Rejection[]> {
  options.onProgress?.({ phase: "detect" });
  let csv: CsvOptions = {
    delimiter: options.delimiter,
    header: options.header,
    missing: options.missing ?? DEFAULT_MISSING,
    encoding: attempt.encoding,
    sampleSize: options.sampleSize,
  };
  let relation: string;
  let columns: SourceColumn[];
  let dialect: CsvDialect | undefined;
  if (source.format === "csv") {
    dialect = await sniffCsv(session, source.isGlob ? source.target : unquote(source.target), source.label, csv);
    if (!source.isGlob) {
      const seen = tokensInHead(unquote(source.target), dialect, csv.missing);
      csv = { ...csv, readAsNull: csv.missing.filter((t) => t === "" || seen.has(t)) };
    }
    // Columns asked to be categories or text are read as written ("007" stays "007").
    const wantText = new Set(Object.entries(options.kinds ?? {}).filter(([, k]) => k === "categorical" || k === "text").map(([n]) => n));
    columns = dialect.columns.map((c, i) => ({ source: c.name, name: dialect!.header ? c.name : `c${i}`, type: c.type }));
    const asText = new Set([...attempt.asText, ...columns.filter((c) => wantText.has(c.name)).map((c) => c.source)]);
    columns = columns.map((c) => (asText.has(c.source) ? { ...c, type: "VARCHAR" } : c));
    relation = csvRelation(source.target, dialect, csv, { asText, rejects: true });
  } else {
    relation =
      source.format === "parquet"
        ? `read_parquet(${source.target}, hive_partitioning=true, union_by_name=true)`
        : source.format === "json"
          ? `read_json_auto(${source.target})`
          : `(${source.target})`;
    const described = await session.rows(`DESCRIBE SELECT * FROM ${relation}`);
    columns = described.map((row) => ({ source: String(row.column_name), name: String(row.column_name), type: String(row.column_type) }));
  }
  columns = keepColumns(columns, options.columns, source);

  checkKindNames(options.kinds, columns, source);
  const plans = columns.map((c) => planColumn(c, options.kinds?.[c.name], source.label));
  options.onProgress?.({ phase: "load" });
  const select = plans.map((p, i) => `${p.expression} AS c${i}`).join(", ");
  if (dialect) await session.run("DROP TABLE IF EXISTS orchard_rejects; DROP TABLE IF EXISTS orchard_scans");
  const result = await session.materialize(
    `SELECT ${select} FROM ${relation}`,
    options.onProgress && ((p) => options.onProgress!({ phase: "load", fraction: p.fraction })),
  );
  if (dialect) {
    const rejected = await rejectedRows(session);
    if (rejected.length > 0) return rejected;
  }
  const extracted = extractColumns(result, plans.map((p) => p.extract), (fraction) => options.onProgress?.({ phase: "convert", fraction }));
  const raw = extracted.columns;
  const nulls = extracted.nulls;
  const nRows = raw.length > 0 ? (raw[0] instanceof Float64Array || raw[0] instanceof Int8Array ? raw[0].length : raw[0].ids.length) : 0;
  if (nRows === 0) throw new InvalidInput(`${source.label} has a header but no rows`, { hint: "point to a file with data rows" });

  const rules: StringRules = {
    missing: new Set(options.missing ?? DEFAULT_MISSING),
    unknown: new Set(options.unknownAsMissing === false ? [] : UNKNOWN_TOKENS),
  };
  const tokens: Record<string, number> = {};
  const entries: [string, Column][] = [];
  const hints: Record<string, { isIdentifier: boolean; isPossiblyCategorical: boolean }> = {};
  plans.forEach((plan, i) => {
    const built = buildColumn(plan, raw[i], rules, options.kinds?.[plan.name], source.label);
    for (const [token, count] of Object.entries(built.tokens)) tokens[token] = (tokens[token] ?? 0) + count;
    entries.push([plan.name, built.column]);
    hints[plan.name] = { isIdentifier: built.isIdentifier, isPossiblyCategorical: built.isPossiblyCategorical };
  });
  if (entries.every(([, column], i) => nulls[i] === nRows || (plans[i].kind === undefined && columnMissing(column) === nRows))) {
    throw new InvalidInput(`${source.label} has no values: every cell is empty`, { hint: "point to a file with data rows" });
  }
  const asNull = csv.readAsNull ?? csv.missing;
  if (dialect && asNull.length === 1 && asNull[0] === "") {
    // Only empty cells became NULL in DuckDB: every NULL is one.
    const empty = nulls.reduce((a, b) => a + b, 0);
    if (empty > 0) tokens[""] = (tokens[""] ?? 0) + empty;
  } else if (dialect) {
    // DuckDB turned cells equal to one of several tokens into NULL: count which tokens.
    const withNulls = plans.filter((_, i) => nulls[i] > 0).map((p) => columns.find((c) => c.name === p.name)!.source);
    if (withNulls.length > 0) {
      const raw = csvRelation(source.target, dialect, csv, { asText: new Set(), rejects: false, raw: true });
      for (const [token, count] of Object.entries(await countTokens(session, raw, withNulls, asNull))) {
        tokens[token] = (tokens[token] ?? 0) + count;
      }
    }
  }
  const notes = [
    ...attempt.notes,
    ...[...attempt.asText].map((c) => `column "${c}" was typed from all its values: the first rows suggested another type`),
  ];
  const origin: FrameOrigin = {
    source: source.label,
    format: source.format,
    delimiter: dialect?.delimiter,
    header: dialect?.header,
    missingTokens: tokens,
    notes,
  };
  return Frame.fromColumns(entries, { hints, origin });
}

async function countTokens(session: DuckSession, relation: string, names: readonly string[], missing: readonly string[]): Promise<Record<string, number>> {
  const list = missing.map(quoteString).join(", ");
  // Exact matches only: DuckDB compares untrimmed cells; trimmed ones were counted in typeStrings.
  const parts = names.map((name, i) => `histogram(${quoteName(name)}) FILTER (WHERE ${quoteName(name)} IN (${list})) AS h${i}`);
  const [row] = await session.rows(`SELECT ${parts.join(", ")} FROM ${relation}`);
  const out: Record<string, number> = {};
  names.forEach((_, i) => {
    for (const entry of (row[`h${i}`] ?? []) as { key: string; value: unknown }[]) out[entry.key] = (out[entry.key] ?? 0) + Number(entry.value);
  });
  return out;
}

function columnMissing(column: Column): number {
  let n = 0;
  switch (column.kind) {
    case "categorical":
      for (const c of column.codes) if (c < 0) n++;
      return n;
    case "boolean":
      for (const v of column.values) if (v < 0) n++;
      return n;
    case "text":
      for (const v of column.values) if (v === null) n++;
      return n;
    default:
      for (const v of column.values) if (v !== v) n++;
      return n;
  }
}

interface ColumnPlan {
  readonly name: string;
  readonly expression: string;
  readonly extract: ExtractType;
  /** The kind DuckDB's type gives; undefined for strings, typed after extraction. */
  readonly kind: ColumnKind | undefined;
}

const MAX_SAFE = "9007199254740991";

function planColumn(c: SourceColumn, forced: ColumnKind | undefined, label: string): ColumnPlan {
  const col = quoteName(c.source);
  const duck = duckKind(c.type);
  if (duck === undefined || forced === "categorical" || forced === "text" || (duck === "text" && forced === undefined)) {
    return { name: c.name, expression: c.type === "VARCHAR" ? col : `CAST(${col} AS VARCHAR)`, extract: "varchar", kind: undefined };
  }
  const kind = forced ?? duck;
  if (forced && forced !== duck && !(isNumberKind(forced) && isNumberKind(duck))) {
    throw new InvalidInput(`Column "${c.name}" of ${label} is ${duck} and cannot be read as ${forced}`, {
      hint: `use kind categorical or text, or leave it ${duck}`,
    });
  }
  switch (kind) {
    case "boolean":
      return { name: c.name, expression: `CAST(${col} AS TINYINT)`, extract: "tinyint", kind };
    case "datetime":
      return { name: c.name, expression: `CAST(epoch_ms(CAST(${col} AS TIMESTAMP)) AS DOUBLE)`, extract: "double", kind };
    default: {
      if (/^(BIGINT|HUGEINT|UBIGINT|UHUGEINT|DECIMAL)/.test(c.type)) {
        // Past 2^53 a double cannot hold every integer: refuse rather than round identifiers.
        const message = quoteString(
          `Column "${c.name}" of ${label} has a value beyond 2^53, which a number cannot hold exactly: read it as categorical (kinds: { "${c.name}": "categorical" })`,
        );
        return { name: c.name, expression: `CASE WHEN abs(${col}) > ${MAX_SAFE} THEN error(${message}) ELSE CAST(${col} AS DOUBLE) END`, extract: "double", kind };
      }
      return { name: c.name, expression: `CAST(${col} AS DOUBLE)`, extract: "double", kind };
    }
  }
}

function isNumberKind(kind: ColumnKind): boolean {
  return kind === "numeric" || kind === "integer";
}

interface Built {
  readonly column: Column;
  readonly isIdentifier: boolean;
  readonly isPossiblyCategorical: boolean;
  readonly tokens: Record<string, number>;
}

function buildColumn(
  plan: ColumnPlan,
  raw: Float64Array | Int8Array | StringDictionary,
  rules: StringRules,
  forced: ColumnKind | undefined,
  label: string,
): Built {
  if (!(raw instanceof Float64Array) && !(raw instanceof Int8Array)) {
    const typed = typeStrings(plan.name, raw, rules, forced, label);
    const column = typed.column;
    if (column.kind === "integer") return { ...typed, ...integerHints(plan.name, column.values) };
    const isIdentifier = typed.isIdentifier || (looksLikeIdName(plan.name) && distinctShare(raw, typed.tokens) > 0.5);
    return { ...typed, isIdentifier, isPossiblyCategorical: false };
  }
  const none = { tokens: {}, isIdentifier: false, isPossiblyCategorical: false };
  if (raw instanceof Int8Array) return { column: { kind: "boolean", values: raw }, ...none };
  const kind: "numeric" | "integer" | "datetime" =
    plan.kind === "datetime" ? "datetime" : forced === "numeric" || !isWhole(raw) ? "numeric" : "integer";
  if (kind !== "integer") return { column: { kind, values: raw }, ...none };
  return { column: { kind, values: raw }, tokens: {}, ...integerHints(plan.name, raw) };
}

/**
 * Whole numbers within 2^53 only (NaN aside): "41.0" in a CSV is an integer to a data scientist,
 * while 1e300 is a measurement, not a count.
 */
function isWhole(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if ((v !== Math.trunc(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) && !Number.isNaN(v)) return false;
  }
  return true;
}

/** Few distinct values: maybe a coded category. Unique (or mostly, with a key-like name): an identifier. */
function integerHints(name: string, values: Float64Array): { isIdentifier: boolean; isPossiblyCategorical: boolean } {
  // At most 21 distinct values are kept: a linear probe of a tiny array beats a Set here.
  const seen = new Float64Array(POSSIBLY_CATEGORICAL_MAX + 1);
  let nSeen = 0;
  let last = NaN;
  for (let i = 0; i < values.length && nSeen <= POSSIBLY_CATEGORICAL_MAX; i++) {
    const v = values[i];
    if (v !== v || v === last) continue;
    last = v;
    let j = 0;
    while (j < nSeen && seen[j] !== v) j++;
    if (j === nSeen) seen[nSeen++] = v;
  }
  if (nSeen <= POSSIBLY_CATEGORICAL_MAX) {
    return { isIdentifier: false, isPossiblyCategorical: values.length > 2 * nSeen };
  }
  const idName = looksLikeIdName(name);
  if (!idName && !isIncreasing(values)) return { isIdentifier: false, isPossiblyCategorical: false };
  const sorted = Float64Array.from(values).sort();
  let unique = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) unique++;
  const share = unique / values.length;
  return { isIdentifier: share === 1 || (idName && share > 0.5), isPossiblyCategorical: false };
}

function isIncreasing(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i] > values[i - 1])) return false;
  return values.length > 1;
}

function distinctShare(dict: StringDictionary, tokens: Record<string, number>): number {
  const missing = Object.values(tokens).reduce((a, b) => a + b, 0);
  let nonNull = -missing;
  for (const id of dict.ids) if (id >= 0) nonNull++;
  return nonNull <= 0 ? 0 : dict.values.length / nonNull;
}

function checkKindNames(kinds: ReadOptions["kinds"], columns: readonly SourceColumn[], source: ResolvedSource): void {
  for (const name of Object.keys(kinds ?? {})) {
    if (!columns.some((c) => c.name === name)) {
      throw new NotFound(`Column "${name}" in kinds is not in ${source.label}`, { hint: `columns are ${columns.map((c) => c.name).join(", ")}` });
    }
  }
}

function keepColumns(columns: SourceColumn[], keep: readonly string[] | undefined, source: ResolvedSource): SourceColumn[] {
  if (columns.length === 0) throw new InvalidInput(`${source.label} has no columns`, { hint: "check that it holds a table" });
  if (!keep) return columns;
  return keep.map((name) => {
    const column = columns.find((c) => c.name === name);
    if (!column) {
      throw new NotFound(`Column "${name}" not found in ${source.label}`, { hint: `columns are ${columns.map((c) => c.name).join(", ")}` });
    }
    return column;
  });
}

function validateOptions(options: ReadOptions): void {
  if (options.delimiter !== undefined && (options.delimiter.length !== 1 || options.delimiter === "\n")) {
    throw new InvalidInput(`delimiter must be one character: received ${JSON.stringify(options.delimiter)}`, {
      hint: "pass ',', ';', '\\t' or '|'",
    });
  }
  for (const [name, kind] of Object.entries(options.kinds ?? {})) {
    if (!COLUMN_KINDS.includes(kind)) {
      throw new InvalidInput(`Kind "${kind}" for column "${name}" is not a column kind`, { hint: `use one of ${COLUMN_KINDS.join(", ")}` });
    }
  }
  if (options.encoding !== undefined && !["utf-8", "latin-1", "utf-16"].includes(options.encoding)) {
    throw new InvalidInput(`Encoding "${options.encoding}" is not supported`, { hint: "use utf-8, latin-1 or utf-16" });
  }
}

function unquote(target: string): string {
  return target.slice(1, -1).replaceAll("''", "'");
}
