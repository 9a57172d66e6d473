// How a failure leaves the CLI: one line on stderr, an exit code per error kind, never a stack
// trace for a user's mistake (ORCHARD_DEBUG=1 shows it for ours).

import { isOrchardError, type ErrorCode } from "../core/index.js";

export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 2,
  not_found: 3,
  conflict: 4,
  unsupported: 5,
  internal: 1,
};

export function reportFailure(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (isOrchardError(error)) {
    stderr.write(`orchard: ${error.line}\n`);
    if (process.env.ORCHARD_DEBUG) stderr.write(`${error.stack}\n`);
    return EXIT_CODES[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`orchard: internal error: ${message.split("\n")[0]} (set ORCHARD_DEBUG=1 for details, and please report it)\n`);
  if (process.env.ORCHARD_DEBUG && error instanceof Error) stderr.write(`${error.stack}\n`);
  return 1;
}
