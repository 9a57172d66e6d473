// A client that starts a request and stalls (half a body, then nothing) gets, once the request
// timeout has passed, a 408 in the server's one error shape and a closed connection; the server
// keeps answering others meanwhile; bytes that are not HTTP get a 400 in the same shape. A real
// server on a real port, spoken to over a raw socket.

import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import type { ModelServer } from "../../src/serve/index.js";
import { bundleFiles, post, serve } from "./server-setup.js";

const files = bundleFiles({ churn: {} });
const ROW = { x1: 1.5, x2: 3, count: 2, color: "green", flag: true };
let server: ModelServer;

before(async () => {
  server = await serve({ models: [files.paths.churn], pollMs: 60_000, requestTimeoutMs: 400 });
});
after(async () => {
  await server.close();
});

/** Sends `head` and `partial`, then waits; resolves with all the server sent until it closed. */
function stalledRequest(head: string, partial: string): Promise<{ text: string; ms: number }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(head + partial));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ text, ms: performance.now() - started }));
    // A server that never answers must fail the test, not hang it.
    setTimeout(() => socket.destroy(new Error(`no answer after 10 s; received so far: ${JSON.stringify(text)}`)), 10_000).unref();
  });
}

test("a request whose body stops arriving times out with 408 and a clear JSON error", async () => {
  const body = JSON.stringify({ dataframe_records: [ROW] });
  const head = `POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const pending = stalledRequest(head, body.slice(0, 10));
  // Others are still answered while that request hangs.
  const other = await post(server, "/invocations", { dataframe_records: [ROW] });
  assert.equal(other.status, 200, other.text);
  const { text } = await pending;
  assert.match(text, /^HTTP\/1\.1 408 /, text);
  const answer = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
  assert.equal(answer.error.code, "timeout");
  assert.match(answer.error.message, /took too long to arrive/);
  assert.match(answer.error.message, /0\.4 s/);
});

test("headers that never finish time out the same way", async () => {
  const { text } = await stalledRequest("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: appl", "");
  assert.match(text, /^HTTP\/1\.1 408 /, text);
  assert.equal(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)).error.code, "timeout");
});

test("bytes that are not HTTP get a 400 in the same shape, and the connection is closed", async () => {
  const { text } = await stalledRequest("HELLO THERE\r\n\r\n", "");
  assert.match(text, /^HTTP\/1\.1 400 /, text);
  const answer = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
  assert.deepEqual(Object.keys(answer), ["error"]);
  assert.equal(answer.error.code, "invalid_input");
});
