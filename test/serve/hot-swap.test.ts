// Hot swap under load: requests fire continuously from several concurrent clients while the
// served bundle file is replaced 20 times (atomically, as the store writes it). Every request
// succeeds, and every answer is exactly one model's answer (old or new, never a mix). A bundle
// that does not load leaves the server on its previous model.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { describe, test } from "node:test";
import { sha256, type ServeEvent } from "../../src/serve/index.js";
import { writeAtomically } from "../../src/store/index.js";
import { bundleFiles, post, serve } from "./server-setup.js";

const ROWS = [
  { x1: 1.5, x2: 3, count: 2, color: "green", flag: true },
  { x1: -0.5, x2: 6, count: 4, color: "violet", flag: false },
];

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("hot swap", () => {
  test("20 swaps under continuous load: zero failed requests, each answer from one whole model", async () => {
    const files = bundleFiles({ a: { seed: 1 }, b: { seed: 2, nEstimators: 30 }, live: { seed: 1 } });
    const events: ServeEvent[] = [];
    const server = await serve({ models: [files.paths.live], pollMs: 30, onEvent: (e) => events.push(e) });
    try {
      const answers = new Map<string, string>();
      for (const name of ["a", "b"]) {
        writeAtomically(files.paths.live, files.bytes[name]);
        await until(() => server.directory.default.current.digest === sha256(files.bytes[name]), 5000);
        answers.set(name, JSON.stringify((await post(server, "/invocations", { dataframe_records: ROWS })).json));
      }
      assert.notEqual(answers.get("a"), answers.get("b"), "the two models answer differently");
      const swapsBefore = events.filter((e) => e.type === "swap").length;
      let running = true;
      let requests = 0;
      const failures: string[] = [];
      const client = async (): Promise<void> => {
        while (running) {
          const answer = await post(server, "/invocations", { dataframe_records: ROWS });
          requests++;
          if (answer.status !== 200) failures.push(`${answer.status} ${answer.text}`);
          else if (answer.text !== answers.get("a") && answer.text !== answers.get("b")) failures.push(`a mixed answer: ${answer.text}`);
        }
      };
      const clients = Array.from({ length: 8 }, client);
      for (let s = 0; s < 20; s++) {
        const name = s % 2 === 0 ? "a" : "b";
        writeAtomically(files.paths.live, files.bytes[name]);
        await until(() => server.directory.default.current.digest === sha256(files.bytes[name]), 5000);
        const settled = requests;
        await until(() => requests >= settled + 10, 5000);
      }
      running = false;
      await Promise.all(clients);
      assert.deepEqual(failures, []);
      assert.equal(events.filter((e) => e.type === "swap").length - swapsBefore, 20);
      assert.ok(requests > 200, `${requests} requests`);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      // One swap to b before the load (live starts as a), then the 20.
      assert.match(metrics, /orchard_model_swaps_total\{model="live"\} 21/);
      // The info gauge names only the model served now.
      assert.equal([...metrics.matchAll(/^orchard_model_info\{/gm)].length, 1);
    } finally {
      await server.close();
    }
  });

  test("a bundle that does not load leaves the previous model serving; a good one then swaps in", async () => {
    const files = bundleFiles({ a: { seed: 1 }, b: { seed: 3 }, live: { seed: 1 } });
    const events: ServeEvent[] = [];
    const server = await serve({ models: [files.paths.live], pollMs: 30, onEvent: (e) => events.push(e) });
    try {
      const before = server.directory.default.current.digest;
      writeFileSync(files.paths.live, "not a bundle");
      await until(() => events.some((e) => e.type === "reload-failed"), 5000);
      assert.equal(server.directory.default.current.digest, before);
      const answer = await post(server, "/invocations", { dataframe_records: ROWS });
      assert.equal(answer.status, 200, answer.text);
      writeAtomically(files.paths.live, files.bytes.b);
      await until(() => server.directory.default.current.digest === sha256(files.bytes.b), 5000);
      assert.equal(events.filter((e) => e.type === "reload-failed").length, 1, "a broken digest is not retried every poll");
    } finally {
      await server.close();
    }
  });
});
