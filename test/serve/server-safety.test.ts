// What a hostile or careless client cannot do to the server: malformed bodies, wrong types and
// content types, huge numbers, oversized bodies and row counts each get one JSON error (never a
// stack trace), and the server keeps answering. Bearer-token auth guards everything but health.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ModelServer } from "../../src/serve/index.js";
import { bundleFiles, post, serve } from "./server-setup.js";

const files = bundleFiles({ churn: {} });
const ROW = { x1: 1.5, x2: 3, count: 2, color: "green", flag: true };
let server: ModelServer;
let guarded: ModelServer;

before(async () => {
  server = await serve({ models: [files.paths.churn], pollMs: 60_000, maxBodyBytes: 64 * 1024, maxRows: 50 });
  guarded = await serve({ models: [files.paths.churn], pollMs: 60_000, token: "s3cret" });
});
after(async () => {
  await server.close();
  await guarded.close();
});

async function raw(path: string, body: string, contentType: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: response.status, text: await response.text() };
}

function assertErrorShape(text: string, status: number): void {
  const body = JSON.parse(text);
  assert.deepEqual(Object.keys(body), ["error"], text);
  assert.equal(typeof body.error.code, "string");
  assert.equal(typeof body.error.message, "string");
  assert.doesNotMatch(text, /\s+at\s.+:\d+:\d+|node_modules|\.ts:\d+/, `no stack trace in a ${status}`);
}

describe("the server survives bad requests", () => {
  const cases: [string, string, string, number][] = [
    ["malformed JSON", "{\"dataframe_records\": [", "application/json", 400],
    ["an empty JSON body", "", "application/json", 400],
    ["JSON null", "null", "application/json", 400],
    ["a JSON string", '"hello"', "application/json", 400],
    ["a JSON number", "42", "application/json", 400],
    ["no known key", '{"rows": []}', "application/json", 400],
    ["two keys", `{"instances": [], "inputs": []}`, "application/json", 400],
    ["records that are not objects", '{"dataframe_records": [1, "a", null]}', "application/json", 400],
    ["dataframe_split with ragged rows", '{"dataframe_split": {"columns": ["x1", "x2"], "data": [[1], [1, 2, 3]]}}', "application/json", 400],
    ["dataframe_split with non-string names", '{"dataframe_split": {"columns": [1, {}], "data": []}}', "application/json", 400],
    ["huge numbers (overflow to Infinity)", '{"dataframe_records": [{"x1": 1e400, "x2": -1e999, "count": 1, "color": "red", "flag": true}]}', "application/json", 400],
    ["no rows", '{"dataframe_records": []}', "application/json", 400],
    ["a prototype-polluting key", '{"dataframe_records": [{"__proto__": {"x": 1}, "x1": 1}]}', "application/json", 400],
    ["columns of unequal length", '{"inputs": {"x1": [1, 2], "x2": [1]}}', "application/json", 400],
    ["an XML body", "<rows/>", "application/xml", 415],
    ["a CSV body with ragged lines", "x1,x2\n1\n", "text/csv", 400],
    ["a CSV body with an open quote", 'x1,color\n1,"red\n', "text/csv", 400],
    ["an empty CSV body", "", "text/csv", 400],
    ["too many rows", JSON.stringify({ dataframe_records: Array.from({ length: 51 }, () => ROW) }), "application/json", 413],
    ["a body over the size limit", JSON.stringify({ dataframe_records: Array.from({ length: 2000 }, () => ROW) }), "application/json", 413],
  ];
  for (const [label, body, type, status] of cases) {
    test(`${label}: ${status} in the one error shape`, async () => {
      const answer = await raw("/invocations", body, type);
      assert.equal(answer.status, status, answer.text);
      assertErrorShape(answer.text, status);
    });
  }

  test("wrong types in v2 tensors and unknown routes", async () => {
    for (const body of ['{"inputs": 5}', '{"inputs": [{"name": 3}]}', '{"inputs": [{"name": "x1", "shape": [-1], "data": [1]}]}']) {
      const answer = await raw("/v2/models/churn/infer", body, "application/json");
      assert.equal(answer.status, 400, answer.text);
      assertErrorShape(answer.text, 400);
    }
    const missing = await fetch(`${server.url}/nowhere`);
    assert.equal(missing.status, 404);
    assertErrorShape(await missing.text(), 404);
  });

  test("after all that, it still predicts", async () => {
    const answer = await post(server, "/invocations", { dataframe_records: [ROW] });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.predictions.length, 1);
  });
});

describe("bearer token", () => {
  test("no token or a wrong one is 401; the right one predicts; health stays open", async () => {
    const none = await post(guarded, "/invocations", { dataframe_records: [ROW] });
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, "unauthorized");
    assert.equal(none.headers.get("www-authenticate"), "Bearer");
    const wrong = await post(guarded, "/invocations", { dataframe_records: [ROW] }, { authorization: "Bearer s3cre" });
    assert.equal(wrong.status, 401);
    const right = await post(guarded, "/invocations", { dataframe_records: [ROW] }, { authorization: "Bearer s3cret" });
    assert.equal(right.status, 200, right.text);
    assert.equal((await fetch(`${guarded.url}/v2/health/ready`)).status, 200);
    assert.equal((await fetch(`${guarded.url}/metrics`)).status, 401);
    assert.equal((await fetch(`${guarded.url}/metrics`, { headers: { authorization: "Bearer s3cret" } })).status, 200);
  });
});
