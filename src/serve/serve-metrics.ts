// The server's Prometheus metrics, in a registry of its own (two servers in one process do not
// share counters): requests and errors by model, version and protocol, latency histograms, rows
// predicted, swaps, and a model-info gauge saying which version and digest each name serves.

import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ServedModel } from "./served-model.js";

export class ServeMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<"model" | "version" | "protocol" | "status">;
  readonly #errors: Counter<"model" | "version" | "code">;
  readonly #latency: Histogram<"model" | "version">;
  readonly #rows: Counter<"model" | "version">;
  readonly #swaps: Counter<"model">;
  readonly #info: Gauge<"model" | "version" | "uri" | "digest" | "task">;

  constructor() {
    const registers = [this.registry];
    this.#requests = new Counter({ name: "orchard_requests_total", help: "Prediction requests answered", labelNames: ["model", "version", "protocol", "status"], registers });
    this.#errors = new Counter({ name: "orchard_request_errors_total", help: "Prediction requests that failed, by error code", labelNames: ["model", "version", "code"], registers });
    this.#latency = new Histogram({
      name: "orchard_request_duration_seconds",
      help: "Time from request to answer",
      labelNames: ["model", "version"],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.#rows = new Counter({ name: "orchard_predicted_rows_total", help: "Rows predicted", labelNames: ["model", "version"], registers });
    this.#swaps = new Counter({ name: "orchard_model_swaps_total", help: "Times a served name moved to another model", labelNames: ["model"], registers });
    this.#info = new Gauge({ name: "orchard_model_info", help: "The model each served name answers with (value 1)", labelNames: ["model", "version", "uri", "digest", "task"], registers });
  }

  /** Label-bound children for a model's successful requests: label hashing costs more than the count. */
  readonly #bound = new WeakMap<ServedModel, { ok: Map<string, Counter.Internal>; latency: Histogram.Internal<"model" | "version">; rows: Counter.Internal }>();

  /** One answered request; `model` null when no model was found. */
  observe(model: ServedModel | null, protocol: string, status: number, seconds: number, rows: number, errorCode?: string): void {
    if (model && status === 200 && errorCode === undefined) {
      let bound = this.#bound.get(model);
      if (!bound) {
        bound = { ok: new Map(), latency: this.#latency.labels({ model: model.name, version: model.version }), rows: this.#rows.labels({ model: model.name, version: model.version }) };
        this.#bound.set(model, bound);
      }
      let ok = bound.ok.get(protocol);
      if (!ok) bound.ok.set(protocol, (ok = this.#requests.labels({ model: model.name, version: model.version, protocol, status: "200" })));
      ok.inc();
      bound.latency.observe(seconds);
      if (rows > 0) bound.rows.inc(rows);
      return;
    }
    const name = model?.name ?? "(none)";
    const version = model?.version ?? "";
    this.#requests.inc({ model: name, version, protocol, status: String(status) });
    if (errorCode !== undefined) this.#errors.inc({ model: name, version, code: errorCode });
    if (model) {
      this.#latency.observe({ model: name, version }, seconds);
      if (rows > 0) this.#rows.inc({ model: name, version }, rows);
    }
  }

  loaded(model: ServedModel, previous?: ServedModel): void {
    if (previous) {
      this.#info.remove(infoLabels(previous));
      this.#swaps.inc({ model: model.name });
    }
    this.#info.set(infoLabels(model), 1);
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function infoLabels(model: ServedModel): Record<"model" | "version" | "uri" | "digest" | "task", string> {
  return { model: model.name, version: model.version, uri: model.resolved.uri, digest: model.digest, task: model.task };
}
