// `orchard profile <data>`: read, profile, and show the result as text, HTML or JSON.

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidInput } from "../../core/index.js";
import { profile, read, type ColumnKind, type ReadOptions } from "../../data/index.js";
import { renderProfileHtml } from "../../report/index.js";
import { Progress, formatSeconds } from "../progress.js";
import { profileSummary } from "../profile-summary.js";
import { toJson } from "../json.js";

export interface ProfileCommandOptions {
  readonly target?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly seed?: number;
  readonly read: ReadOptions;
}

export async function profileCommand(source: string, options: ProfileCommandOptions): Promise<void> {
  const progress = new Progress({ silent: options.json || options.quiet });
  const started = performance.now();
  const frame = await read(source, {
    ...options.read,
    onProgress: (p) => progress.update(p.phase === "detect" ? `reading ${source}` : p.phase === "load" ? `loading ${source}` : "converting", p.fraction),
  });
  const readSeconds = (performance.now() - started) / 1000;
  progress.update("profiling");
  const result = profile(frame, {
    target: options.target,
    seed: options.seed,
    onProgress: (p) => progress.update(`profiling: ${p.step}`, p.fraction),
  });
  progress.done(`read ${frame.nRows.toLocaleString("en-US")} rows in ${formatSeconds(readSeconds)}`);
  if (options.out) {
    const path = resolve(options.out);
    writeFileSync(path, renderProfileHtml(result));
    if (!options.json) process.stderr.write(`report written to ${path}\n`);
  }
  if (options.json) process.stdout.write(toJson(result) + "\n");
  else process.stdout.write(profileSummary(result, { width: process.stdout.columns }));
}

/** Parses `--kind col=kind,col2=kind` into a kinds map. */
export function parseKinds(values: readonly string[]): Record<string, ColumnKind> {
  const kinds: Record<string, ColumnKind> = {};
  for (const value of values.flatMap((v) => v.split(","))) {
    const at = value.lastIndexOf("=");
    if (at <= 0 || at === value.length - 1) {
      throw new InvalidInput(`--kind expects column=kind: received "${value}"`, { hint: "for example --kind zip=categorical,notes=text" });
    }
    kinds[value.slice(0, at)] = value.slice(at + 1) as ColumnKind;
  }
  return kinds;
}
