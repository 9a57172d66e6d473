// `orchard gc [--keep-last N] [--older-than 30d] [--dry-run]`: removes the model versions and runs
// retention says to remove, and the artifact files nothing refers to any more.

import type { GcReport } from "../../registry/index.js";
import { toJson } from "../json.js";
import { withRegistry } from "../registry-session.js";
import { print } from "../table.js";

export interface GcCommandOptions {
  readonly store?: string;
  readonly json?: boolean;
  readonly keepLast?: number;
  readonly olderThanSeconds?: number;
  readonly orphanGraceSeconds?: number;
  readonly dryRun?: boolean;
}

export async function gcCommand(options: GcCommandOptions): Promise<void> {
  const report = await withRegistry(options.store, (r) =>
    r.gc({ keepLast: options.keepLast, olderThanSeconds: options.olderThanSeconds, dryRun: options.dryRun, orphanGraceSeconds: options.orphanGraceSeconds }),
  );
  print(options.json ? toJson(report) : describe(report));
}

function describe(r: GcReport): string {
  const verb = r.dryRun ? "would remove" : "removed";
  const lines = [
    `${verb} ${r.versions.length} model version${r.versions.length === 1 ? "" : "s"}${r.versions.length ? `: ${r.versions.map((v) => `${v.model}/${v.version}`).join(", ")}` : ""}`,
    `${verb} ${r.runs.length} run${r.runs.length === 1 ? "" : "s"}`,
    `${verb} ${r.files.length} artifact file${r.files.length === 1 ? "" : "s"} (${r.bytes.toLocaleString("en-US")} bytes)`,
  ];
  if (r.dryRun) lines.push("dry run: nothing was changed");
  return lines.join("\n");
}
