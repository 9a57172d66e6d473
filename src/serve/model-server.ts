// The HTTP prediction server (fastify): several models from one process, MLflow's /invocations,
// the Open Inference Protocol, Prometheus /metrics, OpenAPI at /docs. Models are hot-swapped
// behind their names (model-slot.ts); every error leaves in one JSON shape (http-errors.ts).

import { timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { InvalidInput } from "../core/index.js";
import { HttpError, clientErrorAnswer, errorResponse } from "./http-errors.js";
import { invocationJson, invocationTable } from "./mlflow-protocol.js";
import { ModelDirectory } from "./model-directory.js";
import { ModelSlot, type SwapEvent } from "./model-slot.js";
import { docsPage, openApiDocument } from "./openapi.js";
import { fileResolver, type ModelResolver } from "./resolved-model.js";
import { ServeMetrics } from "./serve-metrics.js";
import type { ServedModel } from "./served-model.js";
import { inferAnswer, modelMetadata, tableFromInfer } from "./v2-protocol.js";
import type { RequestTable } from "./request-table.js";

export interface ServeOptions {
  /** Model URIs or bundle paths; the first answers the bare /invocations. */
  readonly models: readonly string[];
  /** Turns a URI into a bundle path and digest; default: plain files only. */
  readonly resolver?: ModelResolver;
  readonly host?: string;
  /** 0 picks a free port. Default 8080. */
  readonly port?: number;
  /** When set, every route but the health checks needs `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** How often each URI is re-resolved for hot swap (ms). Default 2000. */
  readonly pollMs?: number;
  /** Largest request body (bytes). Default 16 MiB. */
  readonly maxBodyBytes?: number;
  /** Most rows in one request. Default 100,000. */
  readonly maxRows?: number;
  /** Time for a request (headers and body) to arrive in full (ms); later, 408. Default 30,000. */
  readonly requestTimeoutMs?: number;
  readonly version?: string;
  /** What happened that an operator may want in a log: swaps, failed reloads, internal errors. */
  readonly onEvent?: (event: ServeEvent) => void;
}

export type ServeEvent =
  | { readonly type: "swap"; readonly swap: SwapEvent }
  | { readonly type: "reload-failed"; readonly uri: string; readonly error: unknown }
  | { readonly type: "internal-error"; readonly error: unknown; readonly url: string };

export interface ModelServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly directory: ModelDirectory;
  readonly metrics: ServeMetrics;
  close(): Promise<void>;
}

const JSON_TYPE = "application/json; charset=utf-8";

/** The model a failed request was routed to (keyed by its error), for the error handler's metrics. */
const failedOn = new WeakMap<object, { model: ServedModel; started: number }>();

export async function startServer(options: ServeOptions): Promise<ModelServer> {
  const resolver = options.resolver ?? fileResolver();
  const maxRows = options.maxRows ?? 100_000;
  const slots = await Promise.all(options.models.map((uri) => ModelSlot.open(uri, resolver)));
  const directory = new ModelDirectory(slots);
  const metrics = new ServeMetrics();
  for (const slot of slots) metrics.loaded(slot.current);
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes ?? 16 * 1024 * 1024,
    requestTimeout,
    // Node checks for expired requests on an interval (30 s unless told): a shorter one keeps the
    // timeout near what was asked. Headers count against the same limit as the whole request.
    http: { connectionsCheckingInterval: Math.min(1000, Math.max(25, requestTimeout / 4)), headersTimeout: requestTimeout },
    // An idle socket is closed silently; a stalled request must see its 408 first.
    connectionTimeout: 2 * requestTimeout + 1000,
    clientErrorHandler: (error, socket) => {
      const answer = socket.destroyed ? null : clientErrorAnswer(error, requestTimeout);
      if (answer !== null && socket.writable) socket.end(answer);
      else socket.destroy();
    },
    return503OnClosing: true,
  });
  app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_request, body, done) => done(null, body));
  if (options.token) app.addHook("onRequest", bearerCheck(options.token));

  app.setErrorHandler((error, request, reply) => {
    const answer = errorResponse(error);
    if (answer.internal) options.onEvent?.({ type: "internal-error", error, url: request.url });
    const routed = typeof error === "object" && error !== null ? failedOn.get(error) : undefined;
    const seconds = routed ? (performance.now() - routed.started) / 1000 : 0;
    metrics.observe(routed?.model ?? null, protocolOf(request), answer.status, seconds, 0, answer.body.error.code);
    if (answer.status === 401) reply.header("www-authenticate", "Bearer");
    void reply.status(answer.status).send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url.split("?")[0]}`, hint: "see /docs for the routes" } });
  });

  const predict = (slot: ModelSlot, protocol: "mlflow" | "v2", toTable: (body: unknown, model: ServedModel) => RequestTable, answer: (model: ServedModel, p: ReturnType<ServedModel["predict"]>, body: unknown) => unknown) =>
    (request: FastifyRequest, reply: FastifyReply): unknown => {
      // Latency counts from here (body parsed, model found) to the answer.
      const started = performance.now();
      // Taken once: a swap during this request does not change the model it runs on.
      const model = slot.current;
      try {
        const table = toTable(request.body, model);
        if (table.nRows > maxRows) throw new HttpError("payload_too_large", `The request has ${table.nRows} rows; this server takes at most ${maxRows} per request`, "split the rows over several requests, or score a file with orchard predict");
        if (table.nRows === 0) throw new InvalidInput("The request has no rows", { hint: "send at least one row" });
        const prediction = model.predict(table);
        const answered = answer(model, prediction, request.body);
        metrics.observe(model, protocol, 200, (performance.now() - started) / 1000, prediction.nRows);
        // An answer already written as JSON text goes out as it is, not serialised again.
        if (typeof answered === "string") void reply.header("content-type", JSON_TYPE);
        return answered;
      } catch (error) {
        if (typeof error === "object" && error !== null) failedOn.set(error, { model, started });
        throw error;
      }
    };
  const mlflow = (slot: ModelSlot) => predict(slot, "mlflow", invocationTable, (_m, p) => invocationJson(p));
  const v2 = (slot: ModelSlot) => predict(slot, "v2", tableFromInfer, (m, p, body) => inferAnswer(m, p, (body as { id?: unknown } | null)?.id));
  type Named = { Params: { name: string; version?: string } };
  const mlflowOf = new Map(slots.map((slot) => [slot, mlflow(slot)]));
  const v2Of = new Map(slots.map((slot) => [slot, v2(slot)]));

  app.post("/invocations", mlflowOf.get(directory.default)!);
  app.post<Named>("/models/:name/invocations", (request, reply) => mlflowOf.get(directory.find(request.params.name))!(request, reply));
  app.post<Named>("/models/:name/:version/invocations", (request, reply) => mlflowOf.get(directory.find(request.params.name, request.params.version))!(request, reply));
  app.get("/v2/health/live", async () => ({ live: true }));
  app.get("/v2/health/ready", async () => ({ ready: true }));
  app.get("/v2", async () => ({ name: "orchard", version: options.version ?? "", extensions: [] }));
  app.get<Named>("/v2/models/:name", async (request) => modelMetadata(directory.find(request.params.name).current));
  app.get<Named>("/v2/models/:name/versions/:version", async (request) => modelMetadata(directory.find(request.params.name, request.params.version).current));
  app.get<Named>("/v2/models/:name/ready", async (request) => ({ name: directory.find(request.params.name).current.name, ready: true }));
  app.post<Named>("/v2/models/:name/infer", (request, reply) => v2Of.get(directory.find(request.params.name))!(request, reply));
  app.post<Named>("/v2/models/:name/versions/:version/infer", (request, reply) => v2Of.get(directory.find(request.params.name, request.params.version))!(request, reply));
  app.get("/metrics", async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
  app.get("/docs/openapi.json", async () => openApiDocument(slots.map((s) => s.current), options.version ?? "0.0.0"));
  app.get("/docs", async (_request, reply) => reply.type("text/html; charset=utf-8").send(docsPage(slots.map((s) => s.current))));
  app.get("/", async () => ({ models: slots.map((s) => ({ name: s.current.name, version: s.current.version, uri: s.uri, task: s.current.task })), docs: "/docs" }));

  await app.listen({ host: options.host ?? "127.0.0.1", port: options.port ?? 8080 });
  for (const slot of slots) {
    slot.start(resolver, options.pollMs ?? 2000, {
      onSwap: (swap) => {
        metrics.loaded(swap.to, swap.from);
        options.onEvent?.({ type: "swap", swap });
      },
      onError: (uri, error) => options.onEvent?.({ type: "reload-failed", uri, error }),
    });
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    app,
    directory,
    metrics,
    close: async () => {
      for (const slot of slots) slot.stop();
      await app.close();
    },
  };
}

function protocolOf(request: FastifyRequest): string {
  return request.url.startsWith("/v2/") ? "v2" : "mlflow";
}

/** Health checks stay open: an orchestrator's probes carry no token. */
function bearerCheck(token: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (request) => {
    if (request.url.startsWith("/v2/health/")) return;
    const given = Buffer.from(request.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError("unauthorized", "Missing or wrong bearer token", "send Authorization: Bearer <token>");
    }
  };
}
