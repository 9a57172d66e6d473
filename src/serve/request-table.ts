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
  const key = onlyKey(body);
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
  return new SplitTable(data as unknown[][], indexOf);
}

/** A list of records (objects by column name) or of arrays in `order`. */
function rowsTable(rows: unknown[], order: readonly string[]): RequestTable {
  if (rows.length > 0 && rows.every(Array.isArray)) {
    return splitTable({ columns: order, data: rows });
  }
  const columns = new Set<string>();
  const issues: InputIssue[] = [];
  for (let i = 0; i < rows.length; i++) {
    const record = rows[i];
    if (!isObject(record)) issues.push({ row: i, expected: "an object of column values", received: shown(record) });
    else for (const name in record) columns.add(name);
  }
  if (issues.length > 0) throw new InvalidRequest(issues);
  return new RecordsTable(rows as Record<string, unknown>[], columns);
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
  return new ColumnsTable(payload as Record<string, unknown[]>, Math.max(nRows, 0), new Set(names));
}

// The three shapes as classes rather than object literals with closures: a single-row request
// should allocate one small object here, not a closure per request.

class SplitTable implements RequestTable {
  readonly nRows: number;
  readonly columns: ReadonlySet<string>;
  readonly #rows: readonly unknown[][];
  readonly #indexOf: ReadonlyMap<string, number>;

  constructor(rows: readonly unknown[][], indexOf: ReadonlyMap<string, number>) {
    this.nRows = rows.length;
    this.columns = new Set(indexOf.keys());
    this.#rows = rows;
    this.#indexOf = indexOf;
  }

  value(row: number, column: string): unknown {
    const j = this.#indexOf.get(column);
    return j === undefined ? undefined : this.#rows[row][j];
  }
}

class RecordsTable implements RequestTable {
  readonly nRows: number;
  readonly columns: ReadonlySet<string>;
  readonly #records: readonly Record<string, unknown>[];

  constructor(records: readonly Record<string, unknown>[], columns: ReadonlySet<string>) {
    this.nRows = records.length;
    this.columns = columns;
    this.#records = records;
  }

  value(row: number, column: string): unknown {
    // Own properties only: a column named "constructor" or "toString" is not on every record.
    const record = this.#records[row];
    return Object.hasOwn(record, column) ? record[column] : undefined;
  }
}

class ColumnsTable implements RequestTable {
  readonly nRows: number;
  readonly columns: ReadonlySet<string>;
  readonly #columns: Readonly<Record<string, unknown[]>>;

  constructor(columns: Readonly<Record<string, unknown[]>>, nRows: number, names: ReadonlySet<string>) {
    this.nRows = nRows;
    this.columns = names;
    this.#columns = columns;
  }

  value(row: number, column: string): unknown {
    return Object.hasOwn(this.#columns, column) ? this.#columns[column][row] : undefined;
  }
}

/** The one MLflow key a body holds; throws when it holds none or several. */
function onlyKey(body: Record<string, unknown>): (typeof MLFLOW_KEYS)[number] {
  let found: (typeof MLFLOW_KEYS)[number] | undefined;
  let nFound = 0;
  for (const k of MLFLOW_KEYS) {
    if (k in body) {
      found = k;
      nFound++;
    }
  }
  if (nFound === 1) return found!;
  const keys = MLFLOW_KEYS.filter((k) => k in body);
  throw fail({ expected: `exactly one of ${MLFLOW_KEYS.join(", ")}`, received: keys.length === 0 ? `keys ${shown(Object.keys(body))}` : keys.join(" and ") });
}

function fail(issue: InputIssue): InvalidRequest {
  return new InvalidRequest([issue]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
