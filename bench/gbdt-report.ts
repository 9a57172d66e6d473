// What bench/gbdt.ts prints: a progress line as each fit finishes, notes on how each library saw
// the data, and at the end one summary table (a row per dataset × shape) with the ratios.

import type { BenchData } from "./gbdt-datasets.js";
import { METRIC_NAMES, type Library, type RunResult } from "./gbdt-engines.js";
import { BUSY_CORES, isDisturbed } from "./gbdt-load.js";

interface DatasetRuns {
  readonly data: BenchData;
  /** shape → library → result, in the order they finished. */
  readonly runs: Map<string, Map<Library, RunResult>>;
}

/** Metrics where a difference is read in absolute terms; the others (losses, RMSE) as relative %. */
const ABSOLUTE = new Set(["auc", "accuracy"]);

export class Report {
  readonly #start = performance.now();
  readonly #datasets: DatasetRuns[] = [];
  readonly #notes: string[] = [];
  readonly #extras: string[] = [];

  line(text: string): void {
    console.log(text);
  }

  dataset(data: BenchData): void {
    this.#datasets.push({ data, runs: new Map() });
    const categorical = data.categorical.map((j, i) => `${data.names[j]} (${data.levels[i]})`).join(", ");
    const what = `${data.task}${data.task === "multiclass" ? `, ${data.nClasses} classes` : ""}`;
    this.line(`${this.#elapsed()} ${data.name}: ${data.rows.toLocaleString("en-US")} rows × ${data.cols} features, ${data.train.length.toLocaleString("en-US")} train / ${data.test.length.toLocaleString("en-US")} test, ${what}${categorical ? `; categorical ${categorical}` : ""}`);
  }

  note(data: BenchData, library: Library, note: string): void {
    if (!note) return;
    const text = `${data.name}: ${library} ${note}`;
    this.#notes.push(text);
    this.line(`${this.#elapsed()} note ${text}`);
  }

  run(data: BenchData, result: RunResult): void {
    const entry = this.#datasets.find((d) => d.data === data)!;
    const byLibrary = entry.runs.get(result.shape) ?? new Map<Library, RunResult>();
    entry.runs.set(result.shape, byLibrary.set(result.library, result));
    const [a, b] = METRIC_NAMES[data.task];
    const scores = `${a} ${metric(result.scores.primary)}${b ? `  ${b} ${metric(result.scores.secondary)}` : ""}`;
    const retried = result.attempts > 1 ? `  (fit repeated: other processes were busy the first time)` : "";
    const busy = isDisturbed(result) ? `  (other processes busy: ${result.othersCores.toFixed(2)} cores)` : "";
    this.line(`${this.#elapsed()} ${data.name.padEnd(15)} ${result.shape.padEnd(9)} ${result.library.padEnd(7)} fit ${seconds(result.fitSeconds).padStart(7)}  predict ${seconds(result.predictSeconds).padStart(7)}  ${scores}${retried}${busy}`);
  }

  /** A line for the end of the summary (small-data fit times, latency), printed now as well. */
  extra(text: string): void {
    this.#extras.push(text);
    this.line(`${this.#elapsed()} ${text}`);
  }

  summary(): void {
    const header = ["dataset", "shape", "train", "fit:orchard ", "xgboost ", "sklearn ", "O/X", "O/S", "predict:orchard", "xgboost", "sklearn", "metric", "orchard", "xgboost", "sklearn", "O-X", "metric", "orchard", "xgboost", "sklearn", "O-X"];
    const rows: string[][] = [header];
    const ratios: Record<"xgboost" | "sklearn", number[]> = { xgboost: [], sklearn: [] };
    const predictRatios: Record<"xgboost" | "sklearn", number[]> = { xgboost: [], sklearn: [] };
    for (const { data, runs } of this.#datasets) {
      for (const [shape, byLibrary] of runs) {
        const [o, x, s] = (["orchard", "xgboost", "sklearn"] as const).map((l) => byLibrary.get(l));
        if (o && x) ratios.xgboost.push(o.fitSeconds / x.fitSeconds);
        if (o && s) ratios.sklearn.push(o.fitSeconds / s.fitSeconds);
        if (o && x) predictRatios.xgboost.push(o.predictSeconds / x.predictSeconds);
        if (o && s) predictRatios.sklearn.push(o.predictSeconds / s.predictSeconds);
        const [a, b] = METRIC_NAMES[data.task];
        rows.push([
          data.name, shape, data.train.length.toLocaleString("en-US"),
          ...[o, x, s].map((r) => (r ? `${seconds(r.fitSeconds)}${isDisturbed(r) ? "*" : " "}` : "n/a ")),
          ratio(o?.fitSeconds, x?.fitSeconds), ratio(o?.fitSeconds, s?.fitSeconds),
          ...[o, x, s].map((r) => (r ? seconds(r.predictSeconds) : "n/a")),
          ...metricCells(a, o?.scores.primary, x?.scores.primary, s?.scores.primary),
          ...(b ? metricCells(b, o?.scores.secondary, x?.scores.secondary, s?.scores.secondary) : ["", "", "", "", ""]),
        ]);
      }
    }
    this.line("");
    this.line(`summary (seconds; O/X, O/S = Orchard fit time over XGBoost's, sklearn's; O-X = Orchard's metric minus XGBoost's, absolute for auc/accuracy, relative for losses and rmse)`);
    printTable(rows);
    this.line("");
    for (const [what, byLibrary] of [["fit", ratios], ["predict", predictRatios]] as const) {
      for (const library of ["xgboost", "sklearn"] as const) {
        const r = byLibrary[library];
        if (r.length) this.line(`${what} time Orchard/${library}: geometric mean ${geomean(r).toFixed(2)}x over ${r.length} rows, from ${Math.min(...r).toFixed(2)}x to ${Math.max(...r).toFixed(2)}x`);
      }
    }
    const nDisturbed = this.#datasets.reduce((n, d) => n + [...d.runs.values()].reduce((m, byLibrary) => m + [...byLibrary.values()].filter(isDisturbed).length, 0), 0);
    this.line(`* fit ran while other processes kept ≥ ${BUSY_CORES} of a core busy (machine-wide /proc/stat minus the timed process), even when repeated: ${nDisturbed} such fit(s), their times are suspect`);
    for (const note of [...new Set(this.#notes)]) this.line(`note: ${note}`);
    for (const extra of this.#extras) this.line(extra);
    this.line(`total ${this.#elapsed().slice(1, -1).trim()} (m:ss)`);
  }

  #elapsed(): string {
    const s = Math.round((performance.now() - this.#start) / 1000);
    return `[${String(Math.floor(s / 60)).padStart(2)}:${String(s % 60).padStart(2, "0")}]`;
  }
}

function metricCells(name: string, o: number | undefined, x: number | undefined, s: number | undefined): string[] {
  const cells = [o, x, s].map((v) => (v === undefined ? "n/a" : metric(v)));
  let delta = "n/a";
  if (o !== undefined && x !== undefined) {
    delta = ABSOLUTE.has(name) ? signed(o - x, 4) : `${signed((100 * (o - x)) / x, 1)}%`;
  }
  return [name, ...cells, delta];
}

export function seconds(s: number): string {
  return s < 1 ? s.toFixed(3) : s < 10 ? s.toFixed(2) : s.toFixed(1);
}

function metric(v: number): string {
  return Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(2) : v.toFixed(4);
}

function signed(v: number, digits: number): string {
  return `${v >= 0 ? "+" : "-"}${Math.abs(v).toFixed(digits)}`;
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? "n/a" : `${(a / b).toFixed(2)}x`;
}

function geomean(values: number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  for (const row of rows) {
    console.log(row.map((cell, j) => (j < 2 || j === 11 || j === 16 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("  ").trimEnd());
  }
}
