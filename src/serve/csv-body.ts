// A text/csv request body as a table: a header line naming the columns, then one line per row.
// Quoted fields ("a, b", "say ""hi""") as RFC 4180; an empty field is missing.

import { InvalidRequest } from "./input-issues.js";
import { splitTable, type RequestTable } from "./request-table.js";

export function tableFromCsv(text: string): RequestTable {
  const records = parseCsv(text);
  if (records.length === 0) throw new InvalidRequest([{ expected: "a header line naming the columns, then one line per row", received: "an empty body" }]);
  const [header, ...rows] = records;
  const width = header.length;
  const issues = rows.flatMap((r, i) => (r.length === width ? [] : [{ row: i, expected: `${width} fields, as the header`, received: `${r.length} fields` }]));
  if (issues.length > 0) throw new InvalidRequest(issues);
  return splitTable({ columns: header.map((h) => h.trim()), data: rows.map((r) => r.map((v) => (v === "" ? null : v))) });
}

/** Lines of fields; blank lines are skipped. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = (): void => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new InvalidRequest([{ expected: "every quoted field closed", received: "a quote left open at the end of the body" }]);
  if (field !== "" || record.length > 0) endRecord();
  return records;
}
