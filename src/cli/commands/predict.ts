// `orchard predict <model> <input> -o <output>`: score a CSV or Parquet file in chunks, with a
// progress bar, keeping the input's columns and adding the predictions.

import { readFile } from "node:fs/promises";
import { InvalidInput } from "../../core/index.js";
import { ServedModel, openResolver, scoreFile } from "../../serve/index.js";
import { Progress } from "../progress.js";

export interface PredictCommandOptions {
  readonly out: string;
  readonly store?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

export async function predictCommand(modelUri: string, input: string, options: PredictCommandOptions): Promise<void> {
  if (!options.out) throw new InvalidInput("orchard predict needs an output file", { hint: "pass -o scored.csv or -o scored.parquet" });
  const resolver = await openResolver([modelUri], { store: options.store });
  const resolved = await resolver.resolve(modelUri).finally(() => resolver.close());
  const bytes = await readFile(resolved.bundlePath);
  const model = ServedModel.fromBytes(resolved, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const progress = new Progress({ silent: options.quiet || options.json });
  const started = performance.now();
  const result = await scoreFile(model, input, options.out, {
    onProgress: (p) => progress.update(`scoring ${input}: ${p.rowsDone.toLocaleString("en-US")} of ${p.rowsTotal.toLocaleString("en-US")} rows`, p.rowsTotal > 0 ? p.rowsDone / p.rowsTotal : undefined),
  });
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ output: result.output, rows: result.nRows, seconds, added: result.added, warnings: result.warnings })}\n`);
    return;
  }
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  process.stdout.write(`scored ${result.nRows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s with ${model.name} (${model.task}): ${result.output} (added ${result.added.join(", ")})\n`);
}
