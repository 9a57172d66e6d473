// `orchard train <data> --target <column>`: read, train under a budget, and write the model bundle
// and the report; a live bar while the search runs, the leaderboard at the end.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { bundleFromResult, cluster, encodeBundle, encodeClusterBundle, train, type Task } from "../../automl/index.js";
import { InvalidInput } from "../../core/index.js";
import { read, type ReadOptions } from "../../data/index.js";
import { checkModelName, openRegistry, trainingRecord, type RunResult } from "../../registry/index.js";
import { renderTrainingReport } from "../../report/index.js";
import { loadBundle, writeAtomically } from "../../store/index.js";
import { toJson } from "../json.js";
import { Progress, formatSeconds } from "../progress.js";
import { trainSummary } from "../train-summary.js";

export interface TrainCommandOptions {
  readonly target?: string;
  readonly refitFrom?: string;
  readonly task: Task | "auto" | "clustering";
  readonly metric?: string;
  readonly budgetSeconds: number;
  readonly validation?: string;
  readonly test?: string;
  readonly exclude: readonly string[];
  readonly seed: number;
  readonly out: string;
  readonly report?: string | false;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly read: ReadOptions;
  /** Register the bundle as the next version of this model. */
  readonly register?: string;
  readonly reason?: string;
  readonly store?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

export async function trainCommand(source: string, options: TrainCommandOptions): Promise<void> {
  const progress = new Progress({ silent: options.json || options.quiet });
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  // On a pipe, one line per event; the first lines wait until the search has begun, so a mistake
  // found while preparing stays the only line on stderr.
  const pending: string[] = [];
  let searching = false;
  const log = (line: string, begun = searching): void => {
    if (options.json || options.quiet || interactive) return;
    searching = begun;
    if (!searching) {
      pending.push(line);
      return;
    }
    for (const early of pending.splice(0)) process.stderr.write(`${early}\n`);
    process.stderr.write(`${line}\n`);
  };
  if (options.task === "clustering") return clusterCommand(source, options);
  if (options.target === undefined && options.refitFrom === undefined) {
    throw new InvalidInput("--target is required: name the column to predict", { hint: "or pass --refit-from model.orchard to reuse a model's" });
  }
  if (options.register !== undefined) checkModelName(options.register);
  // Every training is a run in the store; opened first, so a bad --store fails before the work.
  const registry = await openRegistry({ store: options.store });
  try {
    const runId = await registry.startRun({ params: runParams(source, options), tags: options.tags ?? {} });
    try {
      await trainRun(source, options, progress, log, (bytes, bundle, result) => {
        const record = trainingRecord(bundle, result);
        return registry.endRun(runId, { ...record.end, tags: { ...record.start.tags, ...options.tags }, lineage: record.start.lineage, artifacts: [{ name: "model", bytes }], register: options.register, reason: options.reason });
      });
    } catch (error) {
      await registry.endRun(runId, { status: "failed", error: error instanceof Error ? error.message.split("\n")[0] : String(error) }).catch(() => undefined);
      throw error;
    }
  } finally {
    await registry.close();
  }
}

/** Records the finished training in the run (and registers it when asked). */
type RecordRun = (bytes: Uint8Array, bundle: ReturnType<typeof bundleFromResult>, result: ReturnType<typeof train>) => Promise<RunResult>;

async function trainRun(source: string, options: TrainCommandOptions, progress: Progress, log: (line: string, begun?: boolean) => void, record: RecordRun): Promise<void> {
  const from = options.refitFrom ? loadBundle(options.refitFrom) : null;
  const target = (options.target ?? from?.predictor.target)!;
  const frame = await read(source, { ...options.read, onProgress: (p) => progress.update(`reading ${source}`, p.fraction) });
  const test = options.test ? await read(options.test, { ...options.read, onProgress: (p) => progress.update(`reading ${options.test}`, p.fraction) }) : undefined;
  progress.done();
  log(`read ${frame.nRows.toLocaleString("en-US")} rows × ${frame.nCols} columns from ${source}`);
  const started = performance.now();
  const result = train({
    data: frame,
    target,
    refitFrom: from?.predictor,
    task: options.task as Task | "auto",
    metric: options.metric,
    budgetSeconds: options.budgetSeconds,
    validation: options.validation,
    test,
    exclude: options.exclude,
    seed: options.seed,
    onProgress: (p) => {
      const elapsed = (performance.now() - started) / 1000;
      if (p.phase === "search") {
        const { trial, best } = p.event;
        const bestText = best ? `best ${best.score.toFixed(4)} (${best.family}#${best.id})` : "no model yet";
        progress.update(`searching: ${p.event.trial.id + 1} tried, ${bestText}`, Math.min(1, elapsed / options.budgetSeconds));
        log(`[${formatSeconds(elapsed)}] ${trial.family}#${trial.id} ${trial.status} ${Number.isNaN(trial.score) ? "" : trial.score.toFixed(4)} in ${formatSeconds(trial.seconds)}; ${bestText}`, true);
      } else if (p.phase === "tick") {
        progress.update(`searching: ${p.message}`, Math.min(1, elapsed / options.budgetSeconds));
      } else {
        progress.update(p.message, Math.min(1, elapsed / options.budgetSeconds));
        log(p.message, p.phase !== "prepare");
      }
    },
  });
  progress.done();
  const bundle = bundleFromResult(result, frame, {
    packageVersion: packageVersion(),
    gitCommit: gitCommit(),
    source: resolve(source),
    params: { target, refitFrom: options.refitFrom ?? null, task: options.task, metric: result.metric.name, budgetSeconds: options.budgetSeconds, validation: result.validation, exclude: options.exclude, test: options.test ?? null },
  });
  const bytes = encodeBundle(bundle);
  const modelPath = resolve(options.out);
  writeAtomically(modelPath, bytes);
  const run = await record(bytes, bundle, result);
  let reportPath: string | undefined;
  if (options.report !== false && options.report !== undefined) {
    reportPath = resolve(options.report);
    writeFileSync(reportPath, renderTrainingReport(result, { source, bundle, testFrame: result.testFrame }));
  }
  const registered = run.version && { name: run.version.model, version: run.version.version, uri: `models:/${run.version.model}/${run.version.version}`, digest: run.version.digest };
  if (options.json) process.stdout.write(toJson({ ...(jsonResult(result, modelPath, reportPath) as object), run: { id: run.runId, uri: `runs:/${run.runId}/model` }, registered: registered ?? null }) + "\n");
  else {
    process.stdout.write(trainSummary(result, { model: modelPath, report: reportPath }));
    process.stdout.write(`run: ${run.runId}${registered ? `; registered ${registered.uri}` : ""}\n`);
  }
}

/** What the run was asked to do, as the user said it. */
function runParams(source: string, options: TrainCommandOptions): Record<string, unknown> {
  return { source: resolve(source), target: options.target ?? null, refitFrom: options.refitFrom ?? null, task: options.task, metric: options.metric ?? null, budgetSeconds: options.budgetSeconds, validation: options.validation ?? null, exclude: options.exclude, test: options.test ?? null, seed: options.seed };
}

/** `--task clustering`: no target; k chosen by silhouette, clusters described. */
async function clusterCommand(source: string, options: TrainCommandOptions): Promise<void> {
  if (options.target !== undefined) throw new InvalidInput("--task clustering takes no --target: clustering looks for groups, not a column to predict");
  const progress = new Progress({ silent: options.json || options.quiet });
  const frame = await read(source, { ...options.read, onProgress: (p) => progress.update(`reading ${source}`, p.fraction) });
  const result = cluster({ data: frame, exclude: options.exclude, seed: options.seed, onProgress: (message) => progress.update(message) });
  progress.done();
  const path = resolve(options.out);
  writeAtomically(path, encodeClusterBundle(result));
  if (options.json) {
    const { predictor, ...rest } = result;
    void predictor;
    process.stdout.write(toJson({ ...rest, files: { model: path } }) + "\n");
    return;
  }
  const lines = [`task: clustering of ${frame.nRows.toLocaleString("en-US")} rows on ${result.features.length} columns${result.dropped.length ? ` (dropped ${result.dropped.map((d) => `${d.column}: ${d.reason}`).join(", ")})` : ""}`, `k-means: ${result.reason}`, "", "   k  silhouette     inertia"];
  for (const s of result.scores) lines.push(`${String(s.k).padStart(4)}  ${s.silhouette.toFixed(4).padStart(10)}  ${s.inertia.toExponential(3).padStart(10)}${s.k === result.k ? "  ←" : ""}`);
  lines.push("");
  for (const c of result.profiles) {
    lines.push(`cluster ${c.cluster}: ${c.size.toLocaleString("en-US")} rows (${(100 * c.share).toFixed(1)}%)`);
    for (const t of c.traits.slice(0, 3)) lines.push(`    ${t.feature}: ${t.description}`);
  }
  lines.push(`model: ${path}`);
  process.stdout.write(lines.join("\n") + "\n");
}

/** Everything a script needs, without the fitted models and raw arrays. */
function jsonResult(result: ReturnType<typeof train>, model: string, report: string | undefined): unknown {
  const { predictor, profile, trials, test, testFrame, ...rest } = result;
  void predictor;
  void profile;
  void testFrame;
  return {
    ...rest,
    trials: trials.map((t) => ({ ...t })),
    test: { score: test.score, interval: test.interval, level: test.level, nRows: test.nRows, nSkipped: test.nSkipped, nBootstrap: test.nBootstrap, runnerUp: test.runnerUp },
    files: { model, report: report ?? null },
  };
}

/** "90", "90s", "5m", "1h", "1m30s" → seconds. */
export function parseBudget(text: string): number {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return positive(Number(trimmed), text);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) {
    throw new InvalidInput(`--budget "${text}" is not a duration: use e.g. 30s, 5m, 1h or 1m30s`);
  }
  const seconds = parts.reduce((sum, [, value, unit]) => sum + Number(value) * (unit === "h" ? 3600 : unit === "m" ? 60 : 1), 0);
  return positive(seconds, text);
}

function positive(seconds: number, text: string): number {
  if (!(seconds > 0)) throw new InvalidInput(`--budget must be longer than zero: received "${text}"`);
  return seconds;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/** The commit of the repository the command runs in, when there is one. */
function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { stdio: ["ignore", "pipe", "ignore"], timeout: 2000 }).toString().trim() || null;
  } catch {
    return null;
  }
}
