// The `orchard` command: parses arguments and calls the library. No logic lives here.

import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { InvalidInput } from "../core/index.js";
import type { Encoding } from "../data/index.js";
import { parseKinds, profileCommand } from "./commands/profile.js";
import { parseBudget, trainCommand } from "./commands/train.js";
import { serveCommand } from "./commands/serve.js";
import { predictCommand } from "./commands/predict.js";
import { metricNames } from "../automl/index.js";
import { reportFailure } from "./exit.js";
import { gcCommand } from "./commands/gc.js";
import { modelsListCommand, modelsRegisterCommand, modelsShowCommand, promoteCommand, rollbackCommand } from "./commands/models.js";
import { runsCompareCommand, runsListCommand, runsShowCommand } from "./commands/runs.js";
import { parseAge } from "./registry-session.js";

const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

function delimiterOf(value: string): string {
  if (value === "\\t" || value.toLowerCase() === "tab") return "\t";
  return value;
}

function seedOf(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new InvalidInput(`--seed must be an integer: received "${value}"`);
  return seed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function wholeNumber(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidInput(`${name} must be a whole number ≥ 0: received "${value}"`);
    return n;
  };
}

function tagsOf(pairs: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new InvalidInput(`--tag "${pair}" is not key=value`);
    tags[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return tags;
}

/** Every command that touches the store takes --store (default ORCHARD_STORE, else ./.orchard). */
function storeOption(): Option {
  return new Option("--store <url>", "metadata store: sqlite:///file.db, sqlite:////abs/file.db or postgres://… (default $ORCHARD_STORE, else ./.orchard)");
}

function addRegistryCommands(program: Command): void {
  const runs = program.command("runs").description("Training runs: parameters, metrics, trials, lineage, artifacts");
  runs.command("list", { isDefault: true }).description("The latest runs, newest first").addOption(storeOption()).option("--limit <n>", "how many", wholeNumber("--limit"), 50).option("--json", "print JSON")
    .action((opts) => runsListCommand(opts));
  runs.command("show").description("Everything recorded about one run").argument("<id>", "run id (or a unique prefix of at least 4 characters)").addOption(storeOption()).option("--json", "print JSON")
    .action((id: string, opts) => runsShowCommand(id, opts));
  runs.command("compare").description("Two runs side by side: differing params and lineage, metrics with differences").argument("<a>", "run id").argument("<b>", "run id").addOption(storeOption()).option("--json", "print JSON")
    .action((a: string, b: string, opts) => runsCompareCommand(a, b, opts));

  const models = program.command("models").description("Registered models, their versions and aliases");
  models.command("list", { isDefault: true }).description("Every registered model with its latest version and aliases").addOption(storeOption()).option("--json", "print JSON")
    .action((opts) => modelsListCommand(opts));
  models.command("show").description("A model's versions, aliases and audit log").argument("<name>", "model name").addOption(storeOption()).option("--json", "print JSON")
    .action((name: string, opts) => modelsShowCommand(name, opts));
  models.command("register").description("Register an existing bundle file as the model's next version").argument("<name>", "model name").argument("<bundle>", "a file written by orchard train --out")
    .addOption(storeOption()).option("--reason <text>", "why, for the audit log").option("--json", "print JSON")
    .action((name: string, bundle: string, opts) => modelsRegisterCommand(name, bundle, opts));

  program.command("promote").description("Point an alias (default champion) at a model version").argument("<model>", "name/version, models:/name/3, name@challenger or name/latest")
    .option("--alias <alias>", "the alias to move", "champion").option("--reason <text>", "why, for the audit log").addOption(storeOption()).option("--json", "print JSON")
    .action((ref: string, opts) => promoteCommand(ref, opts));
  program.command("rollback").description("Move an alias (default champion) back to the version it pointed to before").argument("<name>", "model name")
    .option("--alias <alias>", "the alias to move back", "champion").option("--reason <text>", "why, for the audit log").addOption(storeOption()).option("--json", "print JSON")
    .action((name: string, opts) => rollbackCommand(name, opts));
  program.command("gc").description("Remove old model versions and runs (as retention says) and unreferenced artifact files")
    .option("--keep-last <n>", "keep the newest N versions of each model (and the newest N runs)", wholeNumber("--keep-last"))
    .option("--older-than <age>", "remove only what is older than this, e.g. 30d, 12h", parseAge)
    .option("--orphan-grace <age>", "spare unreferenced artifact files younger than this", parseAge, 3600)
    .option("--dry-run", "say what would be removed, remove nothing").addOption(storeOption()).option("--json", "print JSON")
    .action((opts) => gcCommand({ store: opts.store, json: opts.json, keepLast: opts.keepLast, olderThanSeconds: opts.olderThan, orphanGraceSeconds: opts.orphanGrace, dryRun: opts.dryRun }));
}

export function buildProgram(): Command {
  const program = new Command("orchard")
    .description("A self-running machine-learning engineer for tabular data")
    .version(version)
    .showHelpAfterError("(run orchard help <command> for usage)")
    .exitOverride();

  program
    .command("profile")
    .description("Analyse a table: column statistics, correlations, association with a target, and alerts")
    .argument("<data>", "a CSV, TSV, Parquet or JSON file, a glob, or a folder of Parquet files")
    .option("-t, --target <column>", "relate every column to this one (and look for leakage)")
    .option("-o, --out <file>", "write a self-contained HTML report here")
    .option("--json", "print the profile as JSON on stdout")
    .option("-q, --quiet", "no progress output")
    .option("--delimiter <char>", "CSV field delimiter (detected by default; 'tab' for tabs)", delimiterOf)
    .option("--header", "the first CSV line is a header")
    .option("--no-header", "the CSV has no header line")
    .option("--missing <tokens>", "comma-separated tokens that mean missing (replaces the defaults)")
    .addOption(new Option("--encoding <name>", "text encoding of a CSV").choices(["utf-8", "latin-1", "utf-16"]))
    .option("--columns <names>", "comma-separated columns to keep")
    .option("--kind <column=kind>", "read a column as numeric, integer, categorical, boolean, datetime or text (repeatable)", collect, [])
    .option("--seed <n>", "seed for the samples", seedOf, 0)
    .action(async (data: string, opts) => {
      await profileCommand(data, {
        target: opts.target,
        out: opts.out,
        json: opts.json,
        quiet: opts.quiet,
        seed: opts.seed,
        read: {
          delimiter: opts.delimiter,
          header: opts.header,
          missing: opts.missing === undefined ? undefined : String(opts.missing).split(","),
          encoding: opts.encoding as Encoding | undefined,
          columns: opts.columns === undefined ? undefined : String(opts.columns).split(","),
          kinds: parseKinds(opts.kind),
        },
      });
    });
  program
    .command("train")
    .description("Train the best model for a target within a time budget, and write the model bundle and a report")
    .argument("<data>", "a CSV, TSV, Parquet or JSON file, a glob, or a folder of Parquet files")
    .option("-t, --target <column>", "the column to predict (with --refit-from: the model's)")
    .addOption(new Option("--task <task>", "what kind of problem").choices(["auto", "classification", "regression", "clustering"]).default("auto"))
    .option("--metric <name>", `what to optimise; classification: ${metricNames("classification").join(", ")}; regression: ${metricNames("regression").join(", ")}`)
    .option("--budget <duration>", "time for the whole run, e.g. 30s, 5m, 1h", parseBudget, 120)
    .option("--validation <how>", "kfold:5 (default), holdout:0.2, time:<column> or group:<column>")
    .option("--test <data>", "score the final model on this file instead of a held-back fifth")
    .option("--exclude <columns>", "comma-separated columns not to use as features", (v: string, prev: string[]) => [...prev, ...v.split(",")], [])
    .option("--seed <n>", "seed for every random choice", seedOf, 1)
    .option("--refit-from <model>", "retrain this bundle's models and settings on the new data, without a search")
    .option("-o, --out <file>", "where to write the model bundle", "model.orchard")
    .option("--report <file>", "where to write the HTML report", "training-report.html")
    .option("--no-report", "write no HTML report")
    .option("--json", "print the result as JSON on stdout")
    .option("-q, --quiet", "no progress output")
    .option("--delimiter <char>", "CSV field delimiter (detected by default; 'tab' for tabs)", delimiterOf)
    .option("--missing <tokens>", "comma-separated tokens that mean missing (replaces the defaults)")
    .addOption(new Option("--encoding <name>", "text encoding of a CSV").choices(["utf-8", "latin-1", "utf-16"]))
    .option("--kind <column=kind>", "read a column as numeric, integer, categorical, boolean, datetime or text (repeatable)", collect, [])
    .option("--register <name>", "register the model as the next version of this registered model")
    .option("--reason <text>", "why, for the audit log (with --register)")
    .option("--tag <key=value>", "a tag on the run (repeatable)", collect, [])
    .addOption(storeOption())
    .action(async (data: string, opts) => {
      await trainCommand(data, {
        register: opts.register,
        reason: opts.reason,
        store: opts.store,
        tags: tagsOf(opts.tag),
        target: opts.target,
        refitFrom: opts.refitFrom,
        task: opts.task,
        metric: opts.metric,
        budgetSeconds: opts.budget,
        validation: opts.validation,
        test: opts.test,
        exclude: opts.exclude,
        seed: opts.seed,
        out: opts.out,
        report: opts.report,
        json: opts.json,
        quiet: opts.quiet,
        read: {
          delimiter: opts.delimiter,
          missing: opts.missing === undefined ? undefined : String(opts.missing).split(","),
          encoding: opts.encoding as Encoding | undefined,
          kinds: parseKinds(opts.kind),
        },
      });
    });
  program
    .command("serve")
    .description("Serve models over HTTP (MLflow /invocations, Open Inference Protocol v2, /metrics, /docs), swapping in new versions as they appear")
    .argument("<models...>", "model bundle files or registry URIs (models:/churn@champion); the first answers /invocations")
    .option("-p, --port <n>", "port to listen on (0: any free port)", portOf, 8080)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--token <secret>", "require Authorization: Bearer <secret> (default: ORCHARD_TOKEN when set)")
    .option("--store <uri>", "metadata store for registry URIs: sqlite:///path.db or postgres://…")
    .option("--poll <seconds>", "how often each model URI is checked for a new version", positiveNumber("--poll"), 2)
    .option("--max-body <bytes>", "largest request body accepted", positiveNumber("--max-body"), 16 * 1024 * 1024)
    .option("--max-rows <n>", "most rows in one request", positiveNumber("--max-rows"), 100_000)
    .option("--timeout <seconds>", "time for a request to arrive in full (later: 408)", positiveNumber("--timeout"), 30)
    .action(async (models: string[], opts) => {
      await serveCommand(models, { port: opts.port, host: opts.host, token: opts.token, store: opts.store, pollSeconds: opts.poll, maxBodyBytes: opts.maxBody, maxRows: opts.maxRows, timeoutSeconds: opts.timeout, version });
    });
  program
    .command("predict")
    .description("Score a CSV or Parquet file with a model: the input's columns plus the prediction (and class probabilities)")
    .argument("<model>", "a model bundle file or a registry URI")
    .argument("<input>", "a .csv, .csv.gz or .parquet file")
    .requiredOption("-o, --out <file>", "where to write the scored rows (.csv or .parquet)")
    .option("--store <uri>", "metadata store for registry URIs")
    .option("--json", "print the outcome as JSON on stdout")
    .option("-q, --quiet", "no progress output")
    .action(async (model: string, input: string, opts) => {
      await predictCommand(model, input, { out: opts.out, store: opts.store, json: opts.json, quiet: opts.quiet });
    });
  addRegistryCommands(program);
  return program;
}

function portOf(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidInput(`--port must be an integer in 0..65535: received "${value}"`);
  return port;
}

function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!(n > 0) || !Number.isFinite(n)) throw new InvalidInput(`${flag} must be a positive number: received "${value}"`);
    return n;
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportFailure(error);
  }
}
