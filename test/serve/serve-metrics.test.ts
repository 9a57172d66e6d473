// The metrics a scrape shows after a known set of requests: exact request, row and error counts,
// the latency histogram's buckets, sum and count, per model version, across a swap and across
// repeated scrapes (counts tallied between scrapes are added once, never twice).

import assert from "node:assert/strict";
import { test } from "node:test";
import { ServedModel, type ResolvedModel } from "../../src/serve/index.js";
import { ServeMetrics } from "../../src/serve/serve-metrics.js";
import { fixtureBytes } from "./model-fixtures.js";

const RESOLVED: ResolvedModel = { uri: "churn.orchard", name: null, version: null, alias: null, bundlePath: "/churn.orchard", digest: "" };

function sample(text: string, name: string, labels: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  assert.ok(line, `${name}{${labels}} in:\n${text}`);
  return Number(line.slice(line.lastIndexOf(" ") + 1));
}

test("requests, rows, errors and latency per model version", async () => {
  const first = ServedModel.fromBytes(RESOLVED, fixtureBytes({ nEstimators: 5, seed: 1 }));
  const second = ServedModel.fromBytes(RESOLVED, fixtureBytes({ nEstimators: 5, seed: 2 }));
  assert.notEqual(first.version, second.version);
  const metrics = new ServeMetrics();
  metrics.loaded(first);
  metrics.observe(first, "mlflow", 200, 0.0001, 1);
  metrics.observe(first, "mlflow", 200, 0.003, 2);
  metrics.observe(first, "v2", 200, 3, 3);
  metrics.observe(first, "mlflow", 400, 0.0002, 0, "invalid_input");
  metrics.observe(null, "mlflow", 404, 0, 0, "not_found");

  const v1 = `model="churn",version="${first.version}"`;
  let text = await metrics.text();
  assert.equal(sample(text, "orchard_requests_total", `${v1},protocol="mlflow",status="200"`), 2);
  assert.equal(sample(text, "orchard_requests_total", `${v1},protocol="v2",status="200"`), 1);
  assert.equal(sample(text, "orchard_requests_total", `${v1},protocol="mlflow",status="400"`), 1);
  assert.equal(sample(text, "orchard_requests_total", `model="(none)",version="",protocol="mlflow",status="404"`), 1);
  assert.equal(sample(text, "orchard_request_errors_total", `${v1},code="invalid_input"`), 1);
  assert.equal(sample(text, "orchard_predicted_rows_total", v1), 6);
  assert.equal(sample(text, "orchard_request_duration_seconds_bucket", `le="0.0005",${v1}`), 2);
  assert.equal(sample(text, "orchard_request_duration_seconds_bucket", `le="0.005",${v1}`), 3);
  assert.equal(sample(text, "orchard_request_duration_seconds_bucket", `le="2.5",${v1}`), 3);
  assert.equal(sample(text, "orchard_request_duration_seconds_bucket", `le="+Inf",${v1}`), 4);
  assert.equal(sample(text, "orchard_request_duration_seconds_count", v1), 4);
  assert.ok(Math.abs(sample(text, "orchard_request_duration_seconds_sum", v1) - 3.0033) < 1e-12);

  // A swap: the old version's counts stay; the new one counts apart. A second scrape adds nothing twice.
  metrics.loaded(second, first);
  metrics.observe(second, "mlflow", 200, 0.0001, 1);
  metrics.observe(first, "mlflow", 200, 0.0001, 1);
  await metrics.text();
  text = await metrics.text();
  const v2 = `model="churn",version="${second.version}"`;
  assert.equal(sample(text, "orchard_requests_total", `${v1},protocol="mlflow",status="200"`), 3);
  assert.equal(sample(text, "orchard_requests_total", `${v2},protocol="mlflow",status="200"`), 1);
  assert.equal(sample(text, "orchard_predicted_rows_total", v1), 7);
  assert.equal(sample(text, "orchard_request_duration_seconds_count", v2), 1);
  assert.equal(sample(text, "orchard_model_swaps_total", 'model="churn"'), 1);
  assert.match(text, new RegExp(`orchard_model_info\\{${v2},`));
  assert.doesNotMatch(text, new RegExp(`orchard_model_info\\{${v1},`));
  assert.match(text, /# TYPE orchard_request_duration_seconds histogram/);
});
