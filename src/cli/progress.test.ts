import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { Progress, formatSeconds } from "./progress.js";

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let out = "";
  (stream as unknown as PassThrough).on("data", (chunk) => (out += String(chunk)));
  return { stream, text: () => out };
}

describe("Progress", () => {
  it("draws a bar with percentage and ETA on a terminal", async () => {
    const { stream, text } = capture();
    const progress = new Progress({ stream, interactive: true });
    progress.update("loading", 0.1);
    await new Promise((r) => setTimeout(r, 120));
    progress.update("loading", 0.5);
    progress.done("loaded");
    assert.match(text(), /\r\x1b\[2Kloading \[#+-+\]\s+50% ETA \d+ ms/);
    assert.match(text(), /\r\x1b\[2Kloaded\n$/);
  });

  it("stays quiet on a pipe for quick steps", () => {
    const { stream, text } = capture();
    const progress = new Progress({ stream, interactive: false });
    progress.update("reading", 0.2);
    progress.update("profiling");
    progress.done("done in 1 s");
    assert.equal(text(), "done in 1 s\n");
  });

  it("formats durations for people", () => {
    assert.equal(formatSeconds(0.25), "250 ms");
    assert.equal(formatSeconds(3.21), "3.2 s");
    assert.equal(formatSeconds(125), "2 min 5 s");
  });
});
