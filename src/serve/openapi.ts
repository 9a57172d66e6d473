// The API description, generated from each served model's signature: a request schema whose
// properties are the model's columns (kinds, categories and ranges seen in training), the answer
// shape for its task, and the routes every model shares. Served as JSON at /docs/openapi.json.

import type { SignatureColumn } from "../automl/index.js";
import { escapeHtml } from "../report/index.js";
import type { ServedModel } from "./served-model.js";

function columnSchema(column: SignatureColumn): Record<string, unknown> {
  const nullable = { nullable: true };
  switch (column.kind) {
    case "numeric":
    case "integer": {
      const range = column.range ? ` Training range: [${column.range[0]}, ${column.range[1]}].` : "";
      return { type: column.kind === "integer" ? "integer" : "number", ...nullable, description: `${column.kind}.${range}` };
    }
    case "boolean":
      return { type: "boolean", ...nullable };
    case "datetime":
      return { type: "string", format: "date-time", ...nullable, description: "ISO date or timestamp, or epoch milliseconds" };
    case "categorical": {
      const seen = column.categories ?? [];
      const listed = seen.length > 30 ? `${seen.slice(0, 30).join(", ")}, … (${seen.length} in all)` : seen.join(", ");
      return { type: "string", ...nullable, description: `Category. Seen in training: ${listed}. Others are unseen: handled as the model learnt.`, example: seen[0] };
    }
    default:
      return { type: "string", ...nullable };
  }
}

function answerSchema(model: ServedModel): Record<string, unknown> {
  const warnings = { type: "array", items: { type: "string" }, description: "What the server handled for the client (unseen categories, absent optional columns)" };
  if (model.task === "regression") return { type: "object", required: ["predictions"], properties: { predictions: { type: "array", items: { type: "number" } }, warnings } };
  return {
    type: "object",
    required: ["predictions", "probabilities", "classes"],
    properties: {
      predictions: { type: "array", items: {}, description: "The predicted class of each row" },
      probabilities: { type: "array", items: { type: "array", items: { type: "number" } }, description: "Per row, the probability of each class in the order of classes" },
      classes: { type: "array", items: {}, example: model.bundle.predictor.classes },
      warnings,
    },
  };
}

const ERROR = { $ref: "#/components/schemas/Error" };

export function openApiDocument(models: readonly ServedModel[], version: string): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Error: {
      type: "object",
      properties: {
        error: {
          type: "object",
          required: ["code", "message"],
          properties: {
            code: { type: "string" },
            message: { type: "string" },
            hint: { type: "string" },
            issues: { type: "array", items: { type: "object", properties: { row: { type: "integer" }, column: { type: "string" }, expected: { type: "string" }, received: { type: "string" } } } },
            nIssues: { type: "integer" },
          },
        },
      },
    },
  };
  const paths: Record<string, unknown> = {};
  models.forEach((model, m) => {
    const id = `model${m}`;
    schemas[`${id}Row`] = {
      type: "object",
      description: `One row for ${model.name} (${model.resolved.uri})`,
      properties: Object.fromEntries(model.bundle.signature.map((c) => [c.name, columnSchema(c)])),
      required: model.bundle.signature.filter((c) => !c.nullable).map((c) => c.name),
    };
    schemas[`${id}Answer`] = answerSchema(model);
    const operation = {
      summary: `Predict ${model.bundle.predictor.target} with ${model.name} (${model.task})`,
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              oneOf: [
                { type: "object", required: ["dataframe_records"], properties: { dataframe_records: { type: "array", items: { $ref: `#/components/schemas/${id}Row` } } } },
                { type: "object", required: ["dataframe_split"], properties: { dataframe_split: { type: "object", properties: { columns: { type: "array", items: { type: "string" } }, data: { type: "array", items: { type: "array", items: {} } } } } } },
                { type: "object", required: ["instances"], properties: { instances: { type: "array", items: { $ref: `#/components/schemas/${id}Row` } } } },
                { type: "object", required: ["inputs"], properties: { inputs: { oneOf: [{ type: "array", items: { $ref: `#/components/schemas/${id}Row` } }, { type: "object", additionalProperties: { type: "array", items: {} } }] } } },
              ],
            },
            example: { dataframe_records: [exampleRow(model)] },
          },
          "text/csv": { schema: { type: "string" }, example: `${model.encoder.names.join(",")}\n` },
        },
      },
      responses: {
        "200": { description: "Predictions", content: { "application/json": { schema: { $ref: `#/components/schemas/${id}Answer` } } } },
        "400": { description: "Invalid input: every problem, with row and column", content: { "application/json": { schema: ERROR } } },
        "401": { description: "Missing or wrong bearer token", content: { "application/json": { schema: ERROR } } },
        "413": { description: "Body or row count over the limit", content: { "application/json": { schema: ERROR } } },
      },
    };
    paths[`/models/${model.name}/invocations`] = { post: operation };
    if (m === 0) paths["/invocations"] = { post: { ...operation, summary: `${operation.summary} (the default model)` } };
    paths[`/v2/models/${model.name}/infer`] = { post: { summary: `Open Inference Protocol: predict with ${model.name}`, responses: { "200": { description: "Output tensors" }, "400": { description: "Invalid input", content: { "application/json": { schema: ERROR } } } } } };
    paths[`/v2/models/${model.name}`] = { get: { summary: `Metadata of ${model.name}: input and output tensors`, responses: { "200": { description: "Metadata" } } } };
  });
  paths["/v2/health/live"] = { get: { summary: "Liveness", responses: { "200": { description: "Alive" } } } };
  paths["/v2/health/ready"] = { get: { summary: "Readiness: every model loaded", responses: { "200": { description: "Ready" } } } };
  paths["/metrics"] = { get: { summary: "Prometheus metrics", responses: { "200": { description: "Text exposition format" } } } };
  return {
    openapi: "3.0.3",
    info: { title: "Orchard model server", version, description: "Predictions from Orchard model bundles. Errors share one shape: {error: {code, message, hint?, issues?}}." },
    paths,
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}

function exampleRow(model: ServedModel): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of model.bundle.signature) {
    row[c.name] = c.kind === "categorical" ? (c.categories?.[0] ?? null) : c.range ? c.range[0] : c.kind === "boolean" ? true : null;
  }
  return row;
}

/** A page for a person: each model's columns and an example call. */
export function docsPage(models: readonly ServedModel[]): string {
  const sections = models.map((model) => {
    const rows = model.bundle.signature.map((c) => `<tr><td>${escapeHtml(c.name)}</td><td>${c.kind}</td><td>${c.nullable ? "yes" : "no"}</td><td>${escapeHtml(c.categories ? c.categories.slice(0, 20).join(", ") : c.range ? `${c.range[0]} … ${c.range[1]}` : "")}</td></tr>`).join("");
    const example = JSON.stringify({ dataframe_records: [exampleRow(model)] });
    return `<h2>${escapeHtml(model.name)}</h2><p>${escapeHtml(model.task)} of <b>${escapeHtml(model.bundle.predictor.target)}</b>, version ${escapeHtml(model.version)}, from ${escapeHtml(model.resolved.uri)}</p>
<table><tr><th>column</th><th>kind</th><th>missing ok</th><th>seen in training</th></tr>${rows}</table>
<pre>curl -s -X POST -H 'Content-Type: application/json' --data '${escapeHtml(example)}' http://HOST/models/${escapeHtml(model.name)}/invocations</pre>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Orchard models</title><style>body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}pre{background:#f4f4f4;padding:8px;white-space:pre-wrap}</style></head>
<body><h1>Orchard model server</h1><p>The machine-readable description is at <a href="docs/openapi.json">/docs/openapi.json</a>.</p>${sections.join("\n")}</body></html>`;
}
