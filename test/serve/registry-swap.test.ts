// Serving registry URIs: `models:/churn@champion` follows the alias. Promote and rollback (as
// another process would, through the same store) move it under continuous load; the server picks
// each move up within its poll and no request fails.

import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { openRegistry } from "../../src/registry/index.js";
import { openResolver, sha256 } from "../../src/serve/index.js";
import { fixtureBytes } from "./model-fixtures.js";
import { post, serve } from "./server-setup.js";

const ROWS = [{ x1: 1.5, x2: 3, count: 2, color: "green", flag: true }];

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("serving registry URIs", () => {
  test("an alias moved by promote and rollback is picked up under load, with no failed request", async () => {
    const home = mkdtempSync(join(tmpdir(), "orchard-serve-registry-"));
    const v1 = fixtureBytes({ nEstimators: 20, seed: 1 });
    const v2 = fixtureBytes({ nEstimators: 25, seed: 2 });
    const registry = await openRegistry({ home });
    const resolver = await openResolver(["models:/churn@champion"], { home });
    try {
      await registry.registerBundle("churn", v1);
      await registry.registerBundle("churn", v2);
      await registry.promote("churn/1");
      const server = await serve({ models: ["models:/churn@champion", "models:/churn/2"], resolver: resolver.resolve, pollMs: 50 });
      try {
        const champion = server.directory.find("churn@champion");
        assert.equal(champion.current.version, "1");
        assert.equal(server.directory.find("churn", "2").current.name, "churn/2");
        const answerOf = async (path: string) => (await post(server, path, { dataframe_records: ROWS })).text;
        const first = await answerOf("/models/churn@champion/invocations");
        const second = await answerOf("/models/churn/2/invocations");
        assert.notEqual(first, second);
        assert.equal(await answerOf("/models/churn/1/invocations"), first, "the alias's slot answers for the version it serves");

        let running = true;
        const failures: string[] = [];
        const seen = new Set<string>();
        const client = async (): Promise<void> => {
          while (running) {
            const answer = await post(server, "/invocations", { dataframe_records: ROWS });
            if (answer.status !== 200) failures.push(`${answer.status} ${answer.text}`);
            else seen.add(answer.text);
          }
        };
        const clients = Array.from({ length: 4 }, client);
        await registry.promote("churn/2", { reason: "better" });
        await until(() => champion.current.digest === sha256(v2), 5000);
        await registry.rollback("churn", { reason: "test" });
        await until(() => champion.current.digest === sha256(v1), 5000);
        running = false;
        await Promise.all(clients);
        assert.deepEqual(failures, []);
        assert.deepEqual([...seen].sort(), [first, second].sort(), "answers came from version 1 and version 2 only");
        const meta = (await (await fetch(`${server.url}/v2/models/churn@champion`)).json()) as { versions: string[] };
        assert.deepEqual(meta.versions, ["1"]);
      } finally {
        await server.close();
      }
    } finally {
      await resolver.close();
      await registry.close();
    }
  });
});
