// Finds how a CSV file is laid out (delimiter, quote, header, column types) through DuckDB's
// sniffer, and explains the layouts it cannot make sense of: ragged rows, a wrong delimiter.

import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { InvalidInput, NotFound } from "../core/index.js";
import { quoteString, type DuckSession } from "./duck.js";
import { readTextHead, type Encoding } from "./source.js";

export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly newline: string;
  readonly comment: string;
  readonly skip: number;
  readonly header: boolean;
  readonly dateFormat: string | null;
  readonly timestampFormat: string | null;
  readonly columns: readonly { name: string; type: string }[];
}

export interface CsvOptions {
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly missing: readonly string[];
  /** The tokens DuckDB itself reads as NULL (default: all of `missing`); the rest we map ourselves. */
  readonly readAsNull?: readonly string[];
  readonly encoding: Encoding;
  readonly sampleSize?: number;
}

const DELIMITERS = [",", ";", "\t", "|"];

/** Sniffs the dialect of a file, or of the first file of a quoted glob or list (all must share it). */
export async function sniffCsv(session: DuckSession, target: string, label: string, options: CsvOptions): Promise<CsvDialect> {
  const path = await firstFile(session, target, label);
  let dialect: CsvDialect;
  try {
    dialect = await sniff(session, path, options);
  } catch (error) {
    if (/sniffing file/i.test(String((error as Error).message))) {
      await explainUnreadable(path, label, options.delimiter);
    }
    throw error;
  }
  if (dialect.columns.length === 1) {
    const name = dialect.columns[0].name;
    const other = DELIMITERS.find((d) => d !== dialect.delimiter && name.includes(d));
    if (other !== undefined && options.delimiter !== undefined) {
      throw new InvalidInput(
        `${label} reads as one column "${truncate(name)}" with delimiter ${show(options.delimiter)}`,
        { where: label, hint: `the header looks ${show(other)}-separated: pass --delimiter ${show(other)}` },
      );
    }
    if (other !== undefined) {
      // DuckDB fell back to a delimiter that makes one column: the real one gave ragged rows.
      await explainUnreadable(path, label, other);
      return sniff(session, path, { ...options, delimiter: other });
    }
  }
  return dialect;
}

async function firstFile(session: DuckSession, target: string, label: string): Promise<string> {
  if (!target.startsWith("'") && !target.startsWith("[")) return target;
  const [row] = await session.rows(`SELECT file FROM glob(${target}) ORDER BY file LIMIT 1`);
  if (!row) throw new NotFound(`No files match ${label}`, { where: label, hint: "check the pattern and the folder" });
  return String(row.file);
}

async function sniff(session: DuckSession, path: string, options: CsvOptions): Promise<CsvDialect> {
  const args = [quoteString(path), ...sniffArguments(options)];
  const [row] = await session.rows(`SELECT * FROM sniff_csv(${args.join(", ")})`);
  const text = (v: unknown): string => (v === "(empty)" || v === null || v === undefined ? "" : String(v));
  return {
    delimiter: text(row.Delimiter),
    quote: text(row.Quote),
    escape: text(row.Escape),
    newline: text(row.NewLineDelimiter),
    comment: text(row.Comment),
    skip: Number(row.SkipRows ?? 0),
    header: Boolean(row.HasHeader),
    dateFormat: row.DateFormat ? String(row.DateFormat) : null,
    timestampFormat: row.TimestampFormat ? String(row.TimestampFormat) : null,
    columns: (row.Columns as { name: string; type: string }[]).map((c) => ({ name: c.name, type: c.type })),
  };
}

function sniffArguments(options: CsvOptions): string[] {
  const args = [`nullstr=[${options.missing.map(quoteString).join(", ")}]`];
  if (options.delimiter !== undefined) args.push(`delim=${quoteString(options.delimiter)}`);
  if (options.header !== undefined) args.push(`header=${options.header}`);
  if (options.encoding !== "utf-8") args.push(`encoding=${quoteString(options.encoding)}`);
  if (options.sampleSize !== undefined) args.push(`sample_size=${Math.trunc(options.sampleSize)}`);
  return args;
}

export interface RelationOptions {
  /** Columns to read as VARCHAR whatever the sniffer said. */
  readonly asText: ReadonlySet<string>;
  /** Set bad rows aside in orchard_rejects instead of failing on the first. */
  readonly rejects: boolean;
  /** Every column as raw text, no value read as NULL: to count which tokens were missing. */
  readonly raw?: boolean;
}

const INTEGER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

/**
 * The read_csv call for a sniffed dialect; `target` is a quoted path, glob or list. Columns sniffed
 * as integers are read as DOUBLE: DuckDB would round a later "3.5" into an integer column without
 * a word, while as doubles the values decide (whole numbers stay integer; past 2^53 is refused).
 */
export function csvRelation(target: string, dialect: CsvDialect, options: CsvOptions, relation: RelationOptions): string {
  const typeOf = (c: { name: string; type: string }): string =>
    relation.raw || relation.asText.has(c.name) ? "VARCHAR" : INTEGER_TYPE.test(c.type) ? "DOUBLE" : c.type;
  // No cell equals this, so in raw mode nothing becomes NULL.
  const asNull = options.readAsNull ?? options.missing;
  const nullTokens = relation.raw || asNull.length === 0 ? ["\u0001"] : asNull;
  const columns = dialect.columns.map((c) => `${quoteString(c.name)}: ${quoteString(typeOf(c))}`).join(", ");
  const args = [
    target,
    "auto_detect=false",
    `delim=${quoteString(dialect.delimiter)}`,
    `quote=${quoteString(dialect.quote)}`,
    `escape=${quoteString(dialect.escape)}`,
    `skip=${dialect.skip}`,
    `header=${dialect.header}`,
    `columns={${columns}}`,
    `nullstr=[${nullTokens.map(quoteString).join(", ")}]`,
  ];
  if (dialect.comment) args.push(`comment=${quoteString(dialect.comment)}`);
  if (dialect.dateFormat) args.push(`dateformat=${quoteString(dialect.dateFormat)}`);
  if (dialect.timestampFormat) args.push(`timestampformat=${quoteString(dialect.timestampFormat)}`);
  if (options.encoding !== "utf-8") args.push(`encoding=${quoteString(options.encoding)}`);
  if (relation.rejects) args.push("store_rejects=true", "rejects_table='orchard_rejects'", "rejects_scan='orchard_scans'", "rejects_limit=100");
  return `read_csv(${args.join(", ")})`;
}

/**
 * The missing-value tokens that appear as whole cells in the first MiB of a file. DuckDB's reader
 * slows with every NULL token it must compare (about 18 ms of CPU per token per million rows
 * here), so the main read passes only these; a token first seen further down fails that column's
 * cast, and the column is then read as text and typed with all its values.
 */
export function tokensInHead(path: string, dialect: CsvDialect, missing: readonly string[]): Set<string> {
  const wanted = new Set(missing);
  const found = new Set<string>();
  const text = readTextHead(path, 1 << 20).toString("utf8");
  const lines = text.split(/\r?\n/);
  lines.pop(); // the last line may be cut off
  const first = dialect.skip + (dialect.header ? 1 : 0);
  for (let l = first; l < lines.length; l++) {
    for (const field of splitFields(lines[l], dialect.delimiter, dialect.quote)) if (wanted.has(field)) found.add(field);
  }
  return found;
}

function splitFields(line: string, delimiter: string, quote: string): string[] {
  if (!quote || !line.includes(quote)) return line.split(delimiter);
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === quote) quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      fields.push(current);
      current = "";
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/**
 * Scans the file for the first line whose field count differs from the header's, and throws an
 * error naming it. Returns quietly when every line agrees (the caller then reports DuckDB's error).
 */
async function explainUnreadable(path: string, label: string, delimiter: string | undefined): Promise<void> {
  const candidates = delimiter !== undefined ? [delimiter] : DELIMITERS;
  const lines: string[] = [];
  for await (const line of readLines(path, 200_000)) lines.push(line);
  const nonEmpty = lines.filter((l) => l.trim() !== "");
  if (nonEmpty.length === 0) return;
  // The delimiter that appears most in the header is the one the author meant.
  const best = candidates
    .map((d) => ({ d, n: countFields(nonEmpty[0], d) }))
    .sort((a, b) => b.n - a.n)[0];
  if (best.n < 2) return;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const n = countFields(lines[i], best.d);
    if (n !== best.n) {
      throw new InvalidInput(
        `${label} line ${i + 1} has ${n} fields where the first line has ${best.n} (delimiter ${show(best.d)})`,
        { where: `${label}:${i + 1}`, hint: "fix or remove that row, or quote values that contain the delimiter" },
      );
    }
  }
}

async function* readLines(path: string, limit: number): AsyncGenerator<string> {
  const file = createReadStream(path);
  const head = await new Promise<Buffer>((resolve) => file.once("readable", () => resolve(file.read(2) ?? Buffer.alloc(0))));
  file.unshift(head);
  const input = head[0] === 0x1f && head[1] === 0x8b ? file.pipe(createGunzip()) : file;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      yield line;
      if (++n >= limit) break;
    }
  } finally {
    lines.close();
    file.destroy();
  }
}

/** Fields on a line, honouring double quotes. */
function countFields(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) n++;
  }
  return n;
}

function show(delimiter: string): string {
  return delimiter === "\t" ? "'\\t'" : `'${delimiter}'`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
