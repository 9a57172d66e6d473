// The executable entry point: runs the CLI and sets the exit code. Kept apart from main.ts so that
// importing the CLI (in tests) runs nothing.

import { main } from "./main.js";

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // A closed pipe (orchard … | head) is the reader's choice, not a failure.
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
