// DuckDB's errors, said the way a user can act on: one line naming the file, the line or column,
// and what to do. Anything already an OrchardError passes through untouched.

import { InvalidInput, NotFound, OrchardError } from "../core/index.js";
import type { DuckSession } from "./duck.js";
import type { ResolvedSource } from "./source.js";

/** A row DuckDB's CSV reader set aside, and why. */
export class Rejection {
  constructor(
    readonly line: number,
    readonly column: string,
    readonly type: string,
    readonly message: string,
  ) {}

  toError(label: string): InvalidInput {
    const where = `${label}:${this.line}`;
    const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(this.message);
    if (counts) {
      return new InvalidInput(`${label} line ${this.line} has ${counts[2]} fields where the header has ${counts[1]}`, {
        where,
        hint: "fix or remove that row, or quote values that contain the delimiter",
      });
    }
    if (this.type === "INVALID ENCODING") {
      return new InvalidInput(`${label} is not UTF-8 on line ${this.line} (column "${this.column}")`, {
        where,
        hint: "re-save it as UTF-8, or pass encoding latin-1 (--encoding latin-1)",
      });
    }
    if (this.type === "UNQUOTED VALUE") {
      return new InvalidInput(`${label} line ${this.line} has a stray quote in column "${this.column}"`, {
        where,
        hint: "quote the whole value and double any quote inside it",
      });
    }
    return new InvalidInput(`${label} line ${this.line}: ${this.message}`, { where, hint: "fix or remove that row" });
  }
}

/** The rows the last CSV read set aside, first line first. */
export async function rejectedRows(session: DuckSession): Promise<Rejection[]> {
  const rows = await session.rows(
    "SELECT line, column_name, error_type, error_message FROM orchard_rejects ORDER BY line LIMIT 100",
  );
  return rows.map((r) => new Rejection(Number(r.line), String(r.column_name ?? ""), String(r.error_type), String(r.error_message)));
}

export function explainDuckError(error: unknown, source: ResolvedSource): Error {
  if (error instanceof OrchardError) return error;
  const message = String((error as Error)?.message ?? error);
  const label = source.label;
  const first = firstLine(message);
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const where = line ? `${label}:${line}` : label;

  // Our own error(), raised inside a query: its text is already what the user should read.
  const raised = /Invalid Input Error: (Column ".*)$/m.exec(message);
  if (raised) return new InvalidInput(raised[1], { where: label, cause: error });
  if (/No files found that match the pattern/i.test(message)) {
    return new NotFound(`No files match ${label}`, { where: label, hint: "check the pattern and the folder", cause: error });
  }
  if (/Expected Number of Columns: (\d+) Found: (\d+)/.test(message)) {
    const [, expected, found] = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message)!;
    return new InvalidInput(`${label} line ${line ?? "?"} has ${found} fields where the header has ${expected}`, {
      where,
      hint: "fix or remove that row, or quote values that contain the delimiter",
      cause: error,
    });
  }
  if (/Invalid unicode|not utf-8 encoded/i.test(message)) {
    return new InvalidInput(`${label} is not UTF-8${line ? ` (line ${line})` : ""}`, {
      where,
      hint: "re-save it as UTF-8, or pass encoding latin-1 (--encoding latin-1)",
      cause: error,
    });
  }
  if (/sniffing file|not possible to automatically detect the CSV/i.test(message)) {
    return new InvalidInput(`Cannot make out the layout of ${label} as CSV`, {
      where: label,
      hint: "check that it is a delimited text file; pass --delimiter and --header to say how it is laid out",
      cause: error,
    });
  }
  if (source.format === "parquet" && /magic bytes|parquet|Corrupt|too small|footer|metadata/i.test(message)) {
    return new InvalidInput(`${label} is not a readable Parquet file (${first.replace(/^.*Error: /, "")})`, {
      where: label,
      hint: "check that the file was written completely, or re-export it",
      cause: error,
    });
  }
  if (source.format === "json" && /json/i.test(message)) {
    return new InvalidInput(`${label} is not readable JSON (${first.replace(/^.*Error: /, "")})`, {
      where: label,
      hint: "use an array of objects, or one object per line (NDJSON)",
      cause: error,
    });
  }
  if (/Conversion Error/i.test(message)) {
    return new InvalidInput(`${label}${line ? ` line ${line}` : ""}: ${first.replace(/^.*Error: /, "")}`, {
      where,
      hint: "override the column's kind, or pass sampleSize -1 so type detection sees every row",
      cause: error,
    });
  }
  if (source.format === "sql" && /Parser Error|Catalog Error|Binder Error/i.test(message)) {
    return new InvalidInput(`The SQL query failed: ${first.replace(/^.*Error: /, "")}`, {
      where: "query",
      hint: "check the query in the DuckDB SQL dialect; read files with read_csv('…') or read_parquet('…')",
      cause: error,
    });
  }
  if (/IO Error/i.test(message)) {
    return new InvalidInput(`Cannot read ${label}: ${first.replace(/^.*Error: /, "")}`, { where: label, cause: error });
  }
  return new InvalidInput(`Cannot read ${label}: ${first.replace(/^.*Error: /, "")}`, { where: label, cause: error });
}

function firstLine(message: string): string {
  return message.split("\n").find((l) => l.trim() !== "")?.trim() ?? message;
}
