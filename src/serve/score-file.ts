// Batch scoring: a CSV or Parquet file in, the same rows out with their predictions (and one
// probability column per class for classifiers), as CSV or Parquet. DuckDB streams the input in
// chunks; each chunk goes through the server's own path (signature checks, encoder, members), so
// a file scores exactly as the same rows posted to the server. Predictions go to a temporary CSV
// as they are made, and one DuckDB COPY joins them to the input by position into the output:
// memory stays flat whatever the file's size.

import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { InvalidInput, NotFound } from "../core/index.js";
import type { ClassLabel } from "../models/index.js";
import { InvalidRequest } from "./input-issues.js";
import type { RequestTable } from "./request-table.js";
import type { ServedModel } from "./served-model.js";

export interface ScoreProgress {
  readonly rowsDone: number;
  readonly rowsTotal: number;
}

export interface ScoreOptions {
  readonly onProgress?: (progress: ScoreProgress) => void;
  /** DuckDB threads (default: all cores). */
  readonly threads?: number;
}

export interface ScoreResult {
  readonly output: string;
  readonly nRows: number;
  /** The columns added to the input's. */
  readonly added: readonly string[];
  readonly warnings: readonly string[];
}

type FileFormat = "csv" | "parquet";

/** Rows predicted per call. */
const BATCH_ROWS = 16_384;

function formatOf(path: string, role: string): FileFormat {
  if (/\.parquet$/i.test(path)) return "parquet";
  if (/\.(csv|tsv|txt)(\.gz)?$/i.test(path)) return "csv";
  throw new InvalidInput(`Cannot tell the format of the ${role} file ${path}`, { hint: "name it .csv, .csv.gz, .tsv or .parquet" });
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const sqlName = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export async function scoreFile(model: ServedModel, input: string, output: string, options: ScoreOptions = {}): Promise<ScoreResult> {
  const inFormat = formatOf(input, "input");
  const outFormat = formatOf(output, "output");
  if (!existsSync(input)) throw new NotFound(`Input file ${input} does not exist`);
  const source = inFormat === "parquet" ? `read_parquet(${sqlString(resolve(input))})` : `read_csv(${sqlString(resolve(input))})`;
  const instance = await DuckDBInstance.create(":memory:", { preserve_insertion_order: "true", ...(options.threads ? { threads: String(options.threads) } : {}) });
  const connection = await instance.connect();
  const scratch = join(tmpdir(), `orchard-predict-${process.pid}-${Date.now()}.csv`);
  const target = resolve(output);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  try {
    const described = (await (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJson()) as { column_name: string; column_type: string }[];
    const inputNames = described.map((d) => String(d.column_name));
    const added = addedColumns(model, new Set(inputNames));
    const [{ n }] = (await (await connection.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${source}`)).getRowObjectsJson()) as { n: number }[];
    const { nRows, warnings } = await predictInto(connection, model, source, described, scratch, added, Number(n), options.onProgress);
    const types = added.map((name, k) => `${sqlString(name)}: ${k === 0 ? labelType(model) : "DOUBLE"}`).join(", ");
    const predictions = `read_csv(${sqlString(scratch)}, header = true, columns = {${types}}, quote = '"', escape = '"', nullstr = '')`;
    const copyOptions = outFormat === "parquet" ? "FORMAT parquet" : "FORMAT csv, HEADER true";
    await connection.run(`COPY (SELECT * FROM ${source} POSITIONAL JOIN ${predictions}) TO ${sqlString(partial)} (${copyOptions})`);
    renameSync(partial, target);
    return { output: target, nRows, added, warnings };
  } finally {
    rmSync(scratch, { force: true });
    rmSync(partial, { force: true });
    connection.closeSync();
    instance.closeSync();
  }
}

/** "prediction", then "probability_<class>" per class; a name the input already has gets a "_" more. */
function addedColumns(model: ServedModel, taken: Set<string>): string[] {
  const wanted = ["prediction", ...(model.task === "classification" ? model.bundle.predictor.classes.map((c) => `probability_${String(c)}`) : [])];
  return wanted.map((name) => {
    let out = name;
    while (taken.has(out)) out += "_";
    taken.add(out);
    return out;
  });
}

function labelType(model: ServedModel): string {
  if (model.task === "regression") return "DOUBLE";
  const first = model.bundle.predictor.classes[0];
  return typeof first === "number" ? "DOUBLE" : typeof first === "boolean" ? "BOOLEAN" : "VARCHAR";
}

/** The model's input columns as DuckDB should hand them over: numbers as doubles, dates as epoch ms. */
function inputExpression(kind: string, duckType: string, name: string): string {
  const column = sqlName(name);
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(duckType) && kind !== "categorical" && kind !== "text") return `CAST(${column} AS DOUBLE)`;
  if (/^(DATE|TIMESTAMP)/.test(duckType) && kind === "datetime") return `CAST(epoch_ms(CAST(${column} AS TIMESTAMP)) AS DOUBLE)`;
  if (duckType === "BOOLEAN") return column;
  return `CAST(${column} AS VARCHAR)`;
}

async function predictInto(
  connection: DuckDBConnection,
  model: ServedModel,
  source: string,
  described: readonly { column_name: string; column_type: string }[],
  scratch: string,
  added: readonly string[],
  rowsTotal: number,
  onProgress: ScoreOptions["onProgress"],
): Promise<{ nRows: number; warnings: string[] }> {
  const typeOf = new Map(described.map((d) => [String(d.column_name), String(d.column_type)]));
  const present = model.bundle.signature.filter((c) => typeOf.has(c.name));
  const select = present.length === 0 ? "1 AS none" : present.map((c) => inputExpression(c.kind, typeOf.get(c.name)!, c.name)).join(", ");
  const result = await connection.stream(`SELECT ${select} FROM ${source}`);
  const fd = openSync(scratch, "w");
  const warnings = new Set<string>();
  let nRows = 0;
  try {
    writeSync(fd, `${added.map(csvField).join(",")}\n`);
    const names = new Set(present.map((c) => c.name));
    const indexOf = new Map(present.map((c, j) => [c.name, j]));
    // DuckDB hands over 2,048 rows at a time; the model predicts batches of BATCH_ROWS (its batch
    // kernel goes parallel past 16,384 rows). The next chunk is fetched while a batch is predicted.
    const batch: unknown[][] = present.map(() => []);
    let batchRows = 0;
    const flush = (): void => {
      const table: RequestTable = { nRows: batchRows, columns: names, value: (row, name) => batch[indexOf.get(name)!][row] };
      let prediction;
      try {
        prediction = model.predict(table);
      } catch (error) {
        if (error instanceof InvalidRequest) throw rowsError(error, nRows);
        throw error;
      }
      for (const w of prediction.warnings) warnings.add(w.replace(/ \(\d+ rows\)$/, ""));
      writeSync(fd, predictionLines(prediction.predictions, prediction.probabilities, added.length - 1));
      nRows += batchRows;
      batchRows = 0;
      for (const column of batch) column.length = 0;
      onProgress?.({ rowsDone: nRows, rowsTotal });
    };
    let pending = result.fetchChunk();
    for (;;) {
      const chunk = await pending;
      if (!chunk || chunk.rowCount === 0) break;
      pending = result.fetchChunk();
      const columns = chunk.getColumns();
      for (let j = 0; j < present.length; j++) {
        const into = batch[j];
        for (const v of columns[j]) into.push(v);
      }
      batchRows += chunk.rowCount;
      if (batchRows >= BATCH_ROWS) flush();
    }
    if (batchRows > 0) flush();
  } finally {
    closeSync(fd);
  }
  return { nRows, warnings: [...warnings] };
}

function predictionLines(labels: readonly ClassLabel[] | Float64Array, proba: Float64Array | null, K: number): string {
  const lines: string[] = new Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let line = csvField(labels[i]);
    for (let k = 0; k < K; k++) line += `,${proba![i * K + k]}`;
    lines[i] = line;
  }
  return `${lines.join("\n")}\n`;
}

function csvField(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "" : String(value);
  const text = String(value);
  return /[",\n\r]/.test(text) || text === "" ? `"${text.replaceAll('"', '""')}"` : text;
}

function rowsError(error: InvalidRequest, offset: number): InvalidInput {
  const first = error.issues[0];
  const where = first?.row === undefined ? "" : ` (row ${offset + first.row + 1} of the file${first.column ? `, column "${first.column}"` : ""})`;
  return new InvalidInput(`${error.message.replace(/row \d+, /, "")}${where}`, { hint: "fix or drop those rows, or read the column as the model expects" });
}
