// A registry client in its own process, for the concurrency tests: runs the operations given as
// JSON in argv[2] one after another against the store, printing one JSON line per operation as it
// is acknowledged (stdout to a pipe is synchronous on Linux, so a printed line was really done).

import { readFileSync } from "node:fs";
import { openRegistry } from "../../src/registry/index.js";

// "register" registers a bundle file in one go (orchard models register); "train" takes the path of
// orchard train --register: a run started first, ended later with the bundle and the registration.
type Operation = { register: string; bundle: string } | { train: string; bundle: string } | { promote: string; reason: string };

const { store, home, operations } = JSON.parse(process.argv[2]) as { store: string; home: string; operations: Operation[] };
const registry = await openRegistry({ store, home });
// Start-up is done: the parent times its random kill from here.
process.stdout.write(JSON.stringify({ ready: true }) + "\n");
try {
  for (const op of operations) {
    if ("register" in op) {
      const { version } = await registry.registerBundle(op.register, readFileSync(op.bundle), { source: op.bundle });
      process.stdout.write(JSON.stringify({ registered: version!.version, digest: version!.digest }) + "\n");
    } else if ("train" in op) {
      const runId = await registry.startRun({ params: { bundle: op.bundle } });
      const { version } = await registry.endRun(runId, { metrics: { score: 1 }, artifacts: [{ name: "model", bytes: readFileSync(op.bundle) }], register: op.train });
      process.stdout.write(JSON.stringify({ registered: version!.version, digest: version!.digest }) + "\n");
    } else {
      const move = await registry.promote(op.promote, { reason: op.reason });
      process.stdout.write(JSON.stringify({ promoted: move.version, previous: move.previousVersion }) + "\n");
    }
  }
} finally {
  await registry.close();
}
