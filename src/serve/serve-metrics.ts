// The server's Prometheus metrics, in a registry of its own (two servers in one process do not
// share counters): requests and errors by model, version and protocol, latency histograms, rows
// predicted, swaps, and a model-info gauge saying which version and digest each name serves.
//
// A successful request is counted in a plain tally per model version (numbers and one small
// array, no label hashing): prom-client's labelled children hash their labels on every call,
// which cost more than the counting. The tallies reach the exported metrics when they are read.

import { Counter, Gauge, Registry } from "prom-client";
import type { ServedModel } from "./served-model.js";

/** Upper bounds of the latency buckets (seconds). */
const BUCKETS: readonly number[] = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** One model version's successful requests and latencies since the last read, and its histogram. */
class VersionTally {
  readonly model: string;
  readonly version: string;
  /** Successful requests not yet added to the requests counter, by protocol. */
  readonly okPending = new Map<string, number>();
  rowsPending = 0;
  /** Per bucket (the last one past every bound), not cumulative. */
  readonly buckets = new Float64Array(BUCKETS.length + 1);
  sum = 0;
  count = 0;

  constructor(model: string, version: string) {
    this.model = model;
    this.version = version;
  }

  observe(seconds: number): void {
    let b = 0;
    while (b < BUCKETS.length && seconds > BUCKETS[b]) b++;
    this.buckets[b]++;
    this.sum += seconds;
    this.count++;
  }
}

export class ServeMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<"model" | "version" | "protocol" | "status">;
  readonly #errors: Counter<"model" | "version" | "code">;
  readonly #rows: Counter<"model" | "version">;
  readonly #swaps: Counter<"model">;
  readonly #info: Gauge<"model" | "version" | "uri" | "digest" | "task">;
  /** By model name and version: kept after a swap, since the old version's counts stay exported. */
  readonly #tallies = new Map<string, VersionTally>();
  readonly #tallyOf = new WeakMap<ServedModel, VersionTally>();

  constructor() {
    const registers = [this.registry];
    const tallies = this.#tallies;
    this.#requests = new Counter({
      name: "orchard_requests_total",
      help: "Prediction requests answered",
      labelNames: ["model", "version", "protocol", "status"],
      registers,
      collect() {
        for (const t of tallies.values()) {
          for (const [protocol, n] of t.okPending) if (n > 0) this.inc({ model: t.model, version: t.version, protocol, status: "200" }, n);
          t.okPending.clear();
        }
      },
    });
    this.#errors = new Counter({ name: "orchard_request_errors_total", help: "Prediction requests that failed, by error code", labelNames: ["model", "version", "code"], registers });
    this.registry.registerMetric(new LatencyHistogram(tallies) as never);
    this.#rows = new Counter({
      name: "orchard_predicted_rows_total",
      help: "Rows predicted",
      labelNames: ["model", "version"],
      registers,
      collect() {
        for (const t of tallies.values()) {
          if (t.rowsPending > 0) this.inc({ model: t.model, version: t.version }, t.rowsPending);
          t.rowsPending = 0;
        }
      },
    });
    this.#swaps = new Counter({ name: "orchard_model_swaps_total", help: "Times a served name moved to another model", labelNames: ["model"], registers });
    this.#info = new Gauge({ name: "orchard_model_info", help: "The model each served name answers with (value 1)", labelNames: ["model", "version", "uri", "digest", "task"], registers });
  }

  /** One answered request; `model` null when no model was found. */
  observe(model: ServedModel | null, protocol: string, status: number, seconds: number, rows: number, errorCode?: string): void {
    if (model && status === 200 && errorCode === undefined) {
      const tally = this.#tally(model);
      tally.okPending.set(protocol, (tally.okPending.get(protocol) ?? 0) + 1);
      tally.observe(seconds);
      tally.rowsPending += rows;
      return;
    }
    const name = model?.name ?? "(none)";
    const version = model?.version ?? "";
    this.#requests.inc({ model: name, version, protocol, status: String(status) });
    if (errorCode !== undefined) this.#errors.inc({ model: name, version, code: errorCode });
    if (model) {
      const tally = this.#tally(model);
      tally.observe(seconds);
      tally.rowsPending += rows;
    }
  }

  #tally(model: ServedModel): VersionTally {
    let tally = this.#tallyOf.get(model);
    if (tally === undefined) {
      const key = `${model.name}\u0000${model.version}`;
      tally = this.#tallies.get(key);
      if (tally === undefined) this.#tallies.set(key, (tally = new VersionTally(model.name, model.version)));
      this.#tallyOf.set(model, tally);
    }
    return tally;
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

/** The latency histogram as prom-client's registry reads a metric: name, help, type and values. */
class LatencyHistogram {
  readonly name = "orchard_request_duration_seconds";
  readonly help = "Time from request to answer";
  readonly type = "histogram";
  readonly aggregator = "sum";
  readonly #tallies: ReadonlyMap<string, VersionTally>;

  constructor(tallies: ReadonlyMap<string, VersionTally>) {
    this.#tallies = tallies;
  }

  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: { labels: Record<string, string | number>; value: number; metricName: string }[] }> {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const t of this.#tallies.values()) {
      if (t.count === 0) continue;
      let cumulative = 0;
      for (let b = 0; b <= BUCKETS.length; b++) {
        cumulative += t.buckets[b];
        values.push({ labels: { le: b < BUCKETS.length ? BUCKETS[b] : "+Inf", model: t.model, version: t.version }, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { model: t.model, version: t.version }, value: t.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { model: t.model, version: t.version }, value: t.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    for (const t of this.#tallies.values()) {
      t.buckets.fill(0);
      t.sum = 0;
      t.count = 0;
    }
  }
}

function infoLabels(model: ServedModel): Record<"model" | "version" | "uri" | "digest" | "task", string> {
  return { model: model.name, version: model.version, uri: model.resolved.uri, digest: model.digest, task: model.task };
}
