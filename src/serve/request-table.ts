// The body of a prediction request, whatever its protocol, as one table: rows × named columns.
// MLflow's `dataframe_split`, `dataframe_records`, `instances` and `inputs`, CSV text, and the Open
// Inference Protocol's named tensors all end here, read in place (no copy per row).

import { InvalidRequest, shown, type InputIssue } from "./input-issues.js";

export interface RequestTable {
  readonly nRows: number;
  /** Every column the request names. */
  readonly columns: ReadonlySet<string>;
  /** The value at a row and column; undefined when the row does not give it. */
  value(row: number, column: string): unknown;
}

const MLFLOW_KEYS = ["dataframe_split", "dataframe_records", "instances", "inputs"] as const;

/**
 * An MLflow invocation body (parsed JSON). `order` names the columns of rows given as bare arrays:
 * the model's inputs, in signature order.
 */
export function tableFromInvocation(body: unknown, order: readonly string[]): RequestTable {
  if (!isObject(body)) throw fail({ expected: `a JSON object with one of ${MLFLOW_KEYS.join(", ")}`, received: shown(body) });
  const keys = MLFLOW_KEYS.filter((k) => k in body);
  if (keys.length !== 1) {
    throw fail({ expected: `exactly one of ${MLFLOW_KEYS.join(", ")}`, received: keys.length === 0 ? `keys ${shown(Object.keys(body))}` : keys.join(" and ") });
  }
  const key = keys[0];
  const payload = body[key];
  if (key === "dataframe_split") return splitTable(payload);
  if (key === "dataframe_records") {
    if (!Array.isArray(payload)) throw fail({ expected: "dataframe_records to be an array of objects", received: shown(payload) });
    return rowsTable(payload, order);
  }
  // instances / inputs: a list of records or of arrays, or one object of columns.
  if (Array.isArray(payload)) return rowsTable(payload, order);
  if (isObject(payload)) return columnsTable(payload);
  throw fail({ expected: `${key} to be a list of rows or an object of columns`, received: shown(payload) });
}

/** `{"columns": [...], "data": [[...], ...]}` (pandas' split orient; "index" is ignored). */
export function splitTable(payload: unknown): RequestTable {
  if (!isObject(payload) || !Array.isArray(payload.columns) || !Array.isArray(payload.data)) {
    throw fail({ expected: 'dataframe_split to be {"columns": [...], "data": [[...], ...]}', received: shown(payload) });
  }
  const names = payload.columns as unknown[];
  const data = payload.data as unknown[];
  const issues: InputIssue[] = [];
  names.forEach((n, j) => {
    if (typeof n !== "string") issues.push({ expected: `column ${j} to be named by a string`, received: shown(n) });
  });
  const indexOf = new Map((names as string[]).map((n, j) => [n, j]));
  if (indexOf.size !== names.length && issues.length === 0) issues.push({ expected: "distinct column names", received: shown(names) });
  data.forEach((row, i) => {
    if (!Array.isArray(row)) issues.push({ row: i, expected: `an array of ${names.length} values`, received: shown(row) });
    else if (row.length !== names.length) issues.push({ row: i, expected: `${names.length} values (one per column)`, received: `${row.length} values` });
  });
  if (issues.length > 0) throw new InvalidRequest(issues);
  const rows = data as unknown[][];
  return {
    nRows: rows.length,
    columns: new Set(indexOf.keys()),
    value: (row, column) => {
      const j = indexOf.get(column);
      return j === undefined ? undefined : rows[row][j];
    },
  };
}

/** A list of records (objects by column name) or of arrays in `order`. */
function rowsTable(rows: unknown[], order: readonly string[]): RequestTable {
  if (rows.length > 0 && rows.every(Array.isArray)) {
    return splitTable({ columns: order, data: rows });
  }
  const columns = new Set<string>();
  const issues: InputIssue[] = [];
  rows.forEach((record, i) => {
    if (!isObject(record)) issues.push({ row: i, expected: "an object of column values", received: shown(record) });
    else for (const name in record) columns.add(name);
  });
  if (issues.length > 0) throw new InvalidRequest(issues);
  const records = rows as Record<string, unknown>[];
  return {
    nRows: records.length,
    columns,
    // Own properties only: a column named "constructor" or "toString" is not on every record.
    value: (row, column) => (Object.hasOwn(records[row], column) ? records[row][column] : undefined),
  };
}

/** `{"age": [39, 50], "workclass": ["Private", "Self-emp"]}`: one array per column. */
export function columnsTable(payload: Record<string, unknown>): RequestTable {
  const names = Object.keys(payload);
  const issues: InputIssue[] = [];
  let nRows = -1;
  for (const name of names) {
    const values = payload[name];
    if (!Array.isArray(values)) {
      issues.push({ column: name, expected: "an array of values (one per row)", received: shown(values) });
      continue;
    }
    if (nRows < 0) nRows = values.length;
    else if (values.length !== nRows) issues.push({ column: name, expected: `${nRows} values, as the columns before it`, received: `${values.length} values` });
  }
  if (issues.length > 0) throw new InvalidRequest(issues);
  const columns = payload as Record<string, unknown[]>;
  return { nRows: Math.max(nRows, 0), columns: new Set(names), value: (row, column) => (Object.hasOwn(columns, column) ? columns[column][row] : undefined) };
}

function fail(issue: InputIssue): InvalidRequest {
  return new InvalidRequest([issue]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
