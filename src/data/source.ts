// Turns what the user named — a file, a glob, a folder of Parquet, or a SQL query — into a DuckDB
// relation, after the checks that give a better message than DuckDB would: the file exists, is not
// empty, is text when it should be, and is UTF-8 unless told otherwise.

import { closeSync, openSync, readSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { InvalidInput, NotFound } from "../core/index.js";
import { quoteString } from "./duck.js";

export type SourceFormat = "csv" | "parquet" | "json" | "sql";

export type Encoding = "utf-8" | "latin-1" | "utf-16";

export interface ResolvedSource {
  readonly format: SourceFormat;
  /** A path, glob or list for DuckDB's readers, already quoted; or the query for sql. */
  readonly target: string;
  /** How to name the source in messages: the file name as given, or "query". */
  readonly label: string;
  readonly isGlob: boolean;
}

const CSV_EXTENSIONS = new Set([".csv", ".tsv", ".txt", ".data", ".dat", ".tab"]);
const JSON_EXTENSIONS = new Set([".json", ".ndjson", ".jsonl"]);
const PARQUET_EXTENSIONS = new Set([".parquet", ".pq"]);

export function resolveSource(source: string | { sql: string }, format?: SourceFormat): ResolvedSource {
  if (typeof source === "object") {
    if (typeof source.sql !== "string" || source.sql.trim() === "") {
      throw new InvalidInput("The SQL source is empty: pass { sql: \"SELECT …\" }");
    }
    return { format: "sql", target: source.sql.trim().replace(/;\s*$/, ""), label: "query", isGlob: false };
  }
  if (typeof source !== "string" || source === "") throw new InvalidInput("No data source given: pass a file path or { sql }");
  const isGlob = /[*?[]/.test(source);
  if (isGlob) {
    const detected = format ?? formatFromName(source);
    if (!detected) {
      throw new InvalidInput(`Cannot tell the format of ${source} from its name`, { hint: "end the pattern with .csv, .parquet or .json, or pass a format" });
    }
    return { format: detected, target: quoteString(source), label: source, isGlob };
  }
  const path = resolve(source);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new NotFound(`File not found: ${source}`, { where: path, hint: "check the path (it is resolved from " + process.cwd() + ")" });
  }
  if (stat.isDirectory()) return folderSource(source, path);
  if (stat.size === 0) throw new InvalidInput(`${source} is empty (0 bytes)`, { where: path, hint: "point to a file with a header and rows" });
  const detected = format ?? formatFromName(source) ?? sniffFormat(path);
  return { format: detected, target: quoteString(path), label: source, isGlob: false };
}

function formatFromName(name: string): SourceFormat | undefined {
  const lower = name.toLowerCase();
  const bare = lower.endsWith(".gz") || lower.endsWith(".zst") ? lower.slice(0, lower.lastIndexOf(".")) : lower;
  const ext = extname(bare);
  if (CSV_EXTENSIONS.has(ext)) return "csv";
  if (JSON_EXTENSIONS.has(ext)) return "json";
  if (PARQUET_EXTENSIONS.has(ext)) return "parquet";
  return undefined;
}

function sniffFormat(path: string): SourceFormat {
  const head = readHead(path, 4);
  if (head.toString("latin1") === "PAR1") return "parquet";
  return "csv";
}

function folderSource(label: string, path: string): ResolvedSource {
  const files = listFiles(path);
  const parquet = files.filter((f) => PARQUET_EXTENSIONS.has(extname(f).toLowerCase()));
  if (parquet.length > 0) {
    return { format: "parquet", target: quoteString(join(path, "**", "*.parquet")), label, isGlob: true };
  }
  const csv = files.filter((f) => formatFromName(f) === "csv");
  if (csv.length > 0) return { format: "csv", target: `[${csv.map(quoteString).join(", ")}]`, label, isGlob: true };
  throw new NotFound(`No Parquet or CSV files in folder ${label}`, { where: path, hint: "point to a file, or a folder of .parquet files" });
}

function listFiles(dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, depth + 1));
    else if (entry.isFile() && !entry.name.startsWith(".")) out.push(full);
  }
  return out;
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `bytes` bytes of a file's text, decompressed when it is gzip (from up to 16 times as
 * many compressed bytes). Throws when the gzip stream cannot be read.
 */
export function readTextHead(path: string, bytes: number): Buffer {
  if (!isGzip(readHead(path, 2))) return readHead(path, bytes);
  return gunzipSync(readHead(path, 16 * bytes), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).subarray(0, bytes);
}

function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Looks at the first 64 KiB of a text file (decompressed when gzip) and throws when it is binary or
 * not valid UTF-8, naming the line, since DuckDB's own messages for these are long and vague.
 */
export function checkTextFile(path: string, label: string, encoding: Encoding): { isAscii: boolean } {
  let head: Buffer;
  try {
    head = readTextHead(path, 1 << 16);
  } catch {
    throw new InvalidInput(`${label} is not a readable gzip file`, { hint: "check that it was copied completely, or decompress it and read the plain file" });
  }
  if (head.subarray(0, 4).toString("latin1") === "PAR1") {
    throw new InvalidInput(`${label} is a Parquet file, not CSV`, { hint: "name it .parquet, or pass format \"parquet\"" });
  }
  if (encoding === "utf-16") return { isAscii: false };
  const nul = head.indexOf(0);
  if (nul >= 0) {
    throw new InvalidInput(`${label} looks binary, not CSV text (a NUL byte at offset ${nul})`, {
      where: label,
      hint: "point to a CSV, Parquet or JSON file",
    });
  }
  const controls = countControlBytes(head);
  if (head.length >= 64 && controls / head.length > 0.1) {
    throw new InvalidInput(`${label} looks binary, not CSV text`, { where: label, hint: "point to a CSV, Parquet or JSON file" });
  }
  const isAscii = head.every((b) => b < 0x80);
  if (encoding !== "utf-8" || isAscii) return { isAscii };
  // Cut at the last line break so a multi-byte character split by the 64 KiB window is not blamed.
  const lastBreak = head.lastIndexOf(0x0a);
  const text = lastBreak > 0 && head.length === 1 << 16 ? head.subarray(0, lastBreak) : head;
  const bad = firstInvalidUtf8(text);
  if (bad >= 0) {
    const line = countLines(text, bad);
    throw new InvalidInput(`${label} is not UTF-8: invalid byte 0x${text[bad].toString(16)} on line ${line}`, {
      where: `${label}:${line}`,
      hint: "re-save it as UTF-8, or pass encoding latin-1 (--encoding latin-1)",
    });
  }
  return { isAscii };
}

function countControlBytes(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b < 0x09 || (b > 0x0d && b < 0x20)) n++;
  return n;
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xf5 ? -1 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 ? 1 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length) return -1; // cut off by the end of the window, not invalid
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}
