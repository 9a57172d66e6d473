// The real `orchard` command in a child process, as the CLI tests run it: the TypeScript sources
// through tsx, in a working folder of the test's choosing, with ORCHARD_DEBUG cleared.

import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runOrchard(cwd: string, args: readonly string[], options: { timeout?: number; env?: Record<string, string> } = {}): Run {
  const result = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), join(root, "src/cli/run.ts"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ORCHARD_DEBUG: "", ...options.env },
    timeout: options.timeout ?? 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
