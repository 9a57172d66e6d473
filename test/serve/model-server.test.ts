// The prediction server over real HTTP (port 0, node's fetch): every MLflow input format and the
// Open Inference Protocol give the predictor's own predictions; validation reports every problem;
// unknown models 404; /metrics and /docs describe what is served.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Frame } from "../../src/data/index.js";
import type { ModelServer } from "../../src/serve/index.js";
import { bundleFiles, post, predictorOf, serve } from "./server-setup.js";

const files = bundleFiles({ churn: {}, blend: { ensemble: true }, price: { task: "regression" }, tier: { multiclass: true } });
let server: ModelServer;

before(async () => {
  server = await serve({ models: [files.paths.churn, files.paths.blend, files.paths.price, files.paths.tier], pollMs: 60_000 });
});
after(async () => server.close());

const ROWS = [
  { x1: 1.5, x2: 3, count: 2, color: "green", flag: true },
  { x1: -2, x2: null, count: 5, color: "blue", flag: false },
  { x1: 0.3, x2: 8.5, count: 0, color: "red", flag: true },
];
const COLUMNS = ["x1", "x2", "count", "color", "flag"];

function expected(name: keyof typeof files.bytes, rows = ROWS) {
  const predictor = predictorOf(files.bytes[name]);
  const num = (c: string) => Float64Array.from(rows, (r) => ((r as Record<string, unknown>)[c] ?? NaN) as number);
  const categories = ["blue", "green", "red", "violet"];
  const frame = Frame.fromColumns({
    x1: { kind: "numeric", values: num("x1") },
    x2: { kind: "numeric", values: num("x2") },
    count: { kind: "integer", values: num("count") },
    color: { kind: "categorical", codes: Int32Array.from(rows, (r) => categories.indexOf(r.color)), categories },
    flag: { kind: "boolean", values: Int8Array.from(rows, (r) => (r.flag ? 1 : 0)) },
  });
  const predictions = Array.from(predictor.predict(frame) as ArrayLike<unknown>);
  if (predictor.task === "regression") return { predictions };
  const K = predictor.classes.length;
  const proba = predictor.predictProba(frame).data;
  return { predictions, probabilities: rows.map((_, i) => Array.from(proba.subarray(i * K, (i + 1) * K))), classes: [...predictor.classes] };
}

describe("MLflow /invocations", () => {
  const bodies: [string, unknown][] = [
    ["dataframe_records", { dataframe_records: ROWS }],
    ["dataframe_split", { dataframe_split: { columns: COLUMNS, data: ROWS.map((r) => COLUMNS.map((c) => (r as Record<string, unknown>)[c])), index: [0, 1, 2] } }],
    ["instances as records", { instances: ROWS }],
    ["instances as arrays in signature order", { instances: ROWS.map((r) => COLUMNS.map((c) => (r as Record<string, unknown>)[c])) }],
    ["inputs as columns", { inputs: Object.fromEntries(COLUMNS.map((c) => [c, ROWS.map((r) => (r as Record<string, unknown>)[c])])) }],
    ["inputs as records", { inputs: ROWS }],
    ["text/csv", `${COLUMNS.join(",")}\n${ROWS.map((r) => COLUMNS.map((c) => String((r as Record<string, unknown>)[c] ?? "")).join(",")).join("\n")}\n`],
  ];
  for (const [label, body] of bodies) {
    test(`${label} gives the predictor's predictions and probabilities`, async () => {
      const answer = await post(server, "/invocations", body);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.json, expected("churn"));
    });
  }

  test("each served model answers under its name: blend, regression, multiclass", async () => {
    for (const name of ["churn", "blend", "price", "tier"] as const) {
      const answer = await post(server, `/models/${name}/invocations`, { dataframe_records: ROWS });
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.json, expected(name), name);
    }
    const tier = await post(server, "/models/tier/invocations", { dataframe_records: ROWS });
    assert.deepEqual(tier.json.classes, ["high", "low", "mid"]);
    assert.equal(tier.json.probabilities[0].length, 3);
  });

  test("an unknown model is 404 with the served names", async () => {
    const answer = await post(server, "/models/nope/invocations", { dataframe_records: ROWS });
    assert.equal(answer.status, 404);
    assert.equal(answer.json.error.code, "not_found");
    assert.match(answer.json.error.hint, /churn, blend, price, tier/);
    assert.equal((await post(server, "/models/churn/7/invocations", { dataframe_records: ROWS })).status, 404);
  });

  test("a file's version is its digest prefix: /models/name/version works", async () => {
    const version = server.directory.find("churn").current.version;
    const answer = await post(server, `/models/churn/${version}/invocations`, { dataframe_records: ROWS });
    assert.equal(answer.status, 200, answer.text);
  });
});

describe("validation against the signature", () => {
  test("every problem in the request is reported at once, with row, column and what was expected", async () => {
    const rows = [
      { x1: "abc", x2: 1, count: 1, color: "red", flag: true },
      { x1: 1, x2: 2, count: [1], color: { a: 1 }, flag: "maybe" },
      { x1: 1, x2: "NaN", count: 1, color: "red", flag: 1 },
    ];
    const answer = await post(server, "/invocations", { dataframe_records: rows });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error.code, "invalid_input");
    assert.equal(answer.json.error.nIssues, 4);
    const where = answer.json.error.issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`);
    assert.deepEqual(where.sort(), ["0:x1", "1:color", "1:count", "1:flag"]);
    assert.ok(answer.json.error.issues.every((i: { expected: string }) => i.expected.length > 0));
  });

  test("an unseen category is predicted, with a warning", async () => {
    const answer = await post(server, "/invocations", { dataframe_records: [{ ...ROWS[0], color: "ultraviolet" }] });
    assert.equal(answer.status, 200, answer.text);
    assert.match(answer.json.warnings.join(" "), /"color".*ultraviolet.*unseen/);
  });

  test("an absent column the model saw missing is read as missing, with a warning; one it never saw missing is an error", async () => {
    const withoutX2 = ROWS.map(({ x2, ...rest }) => (void x2, rest));
    const answer = await post(server, "/invocations", { dataframe_records: withoutX2 });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json.predictions, expected("churn", ROWS.map((r) => ({ ...r, x2: null }))).predictions);
    assert.match(answer.json.warnings.join(" "), /"x2" is absent/);
    const withoutCount = ROWS.map(({ count, ...rest }) => (void count, rest));
    const refused = await post(server, "/invocations", { dataframe_records: withoutCount });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.issues[0].column, "count");
  });

  test("strings that mean missing are missing; numeric strings are numbers; extra columns are ignored with a warning", async () => {
    const answer = await post(server, "/invocations", { dataframe_records: [{ ...ROWS[1], x2: "NaN", x1: "-2", extra: 1 }] });
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(answer.json.predictions, expected("churn", [ROWS[1]]).predictions);
    assert.match(answer.json.warnings.join(" "), /"extra" is not an input/);
  });
});

describe("Open Inference Protocol v2", () => {
  test("health, readiness and model metadata", async () => {
    assert.deepEqual(await (await fetch(`${server.url}/v2/health/live`)).json(), { live: true });
    assert.deepEqual(await (await fetch(`${server.url}/v2/health/ready`)).json(), { ready: true });
    const meta = (await (await fetch(`${server.url}/v2/models/churn`)).json()) as any;
    assert.equal(meta.name, "churn");
    assert.deepEqual(meta.inputs.map((i: { name: string; datatype: string }) => `${i.name}:${i.datatype}`), ["x1:FP64", "x2:FP64", "count:INT64", "color:BYTES", "flag:BOOL"]);
    assert.deepEqual(meta.outputs.map((o: { name: string }) => o.name), ["predictions", "probabilities"]);
    assert.equal((await fetch(`${server.url}/v2/models/nope`)).status, 404);
  });

  test("infer with named tensors gives the predictor's predictions", async () => {
    const inputs = COLUMNS.map((c) => ({ name: c, shape: [ROWS.length], datatype: "FP64", data: ROWS.map((r) => (r as Record<string, unknown>)[c]) }));
    const answer = await post(server, "/v2/models/churn/infer", { id: "r1", inputs });
    assert.equal(answer.status, 200, answer.text);
    const want = expected("churn");
    assert.equal(answer.json.id, "r1");
    assert.equal(answer.json.model_name, "churn");
    assert.deepEqual(answer.json.outputs[0], { name: "predictions", datatype: "BYTES", shape: [3], data: want.predictions });
    assert.deepEqual(answer.json.outputs[1].shape, [3, 2]);
    assert.deepEqual(answer.json.outputs[1].data, want.probabilities!.flat());
    const regression = await post(server, "/v2/models/price/infer", { inputs });
    assert.deepEqual(regression.json.outputs[0].data, expected("price").predictions);
  });

  test("a tensor whose data does not fit its shape is a 400 naming it", async () => {
    const answer = await post(server, "/v2/models/churn/infer", { inputs: [{ name: "x1", shape: [2], datatype: "FP64", data: [1] }] });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.error.issues[0].column, "x1");
  });
});

describe("metrics and docs", () => {
  test("/metrics counts requests and errors per model and version, with latency and model info", async () => {
    await post(server, "/models/price/invocations", { dataframe_records: ROWS });
    await post(server, "/models/price/invocations", { dataframe_records: [{ x1: "bad" }] });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const version = server.directory.find("price").current.version;
    assert.match(text, new RegExp(`orchard_requests_total\\{model="price",version="${version}",protocol="mlflow",status="200"\\} \\d+`));
    assert.match(text, new RegExp(`orchard_request_errors_total\\{model="price",version="${version}",code="invalid_input"\\} \\d+`));
    assert.match(text, new RegExp(`orchard_request_duration_seconds_bucket\\{le="0.005",model="price",version="${version}"\\} \\d+`));
    assert.match(text, /orchard_model_info\{model="tier",version="[0-9a-f]{12}",uri="[^"]+tier.orchard",digest="[0-9a-f]{64}",task="classification"\} 1/);
  });

  test("/docs/openapi.json describes each model's columns; /docs is a page", async () => {
    const doc = (await (await fetch(`${server.url}/docs/openapi.json`)).json()) as any;
    assert.equal(doc.openapi, "3.0.3");
    assert.ok(doc.paths["/invocations"].post);
    assert.ok(doc.paths["/models/price/invocations"].post);
    const row = doc.components.schemas.model0Row;
    assert.deepEqual(Object.keys(row.properties), COLUMNS);
    assert.equal(row.properties.flag.type, "boolean");
    assert.match(row.properties.color.description, /red, green, blue, violet/);
    const page = await fetch(`${server.url}/docs`);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    assert.match(await page.text(), /<h2>tier<\/h2>/);
  });
});
