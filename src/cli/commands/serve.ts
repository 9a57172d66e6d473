// `orchard serve <model…>`: start the prediction server and keep it running until interrupted.
// Models are bundle files or registry URIs; each is re-resolved every few seconds (hot swap).

import { InvalidInput } from "../../core/index.js";
import { openResolver, startServer, type ServeEvent } from "../../serve/index.js";

export interface ServeCommandOptions {
  readonly port: number;
  readonly host: string;
  readonly token?: string;
  readonly store?: string;
  readonly pollSeconds: number;
  readonly maxBodyBytes: number;
  readonly maxRows: number;
  /** Time for a request to arrive in full. Default 30. */
  readonly timeoutSeconds?: number;
  readonly version: string;
}

export async function serveCommand(models: readonly string[], options: ServeCommandOptions): Promise<void> {
  if (models.length === 0) throw new InvalidInput("orchard serve needs at least one model", { hint: "e.g. orchard serve model.orchard or orchard serve models:/churn@champion" });
  const resolver = await openResolver(models, { store: options.store });
  const server = await startServer({
    models,
    resolver: resolver.resolve,
    host: options.host,
    port: options.port,
    token: options.token ?? process.env.ORCHARD_TOKEN ?? undefined,
    pollMs: options.pollSeconds * 1000,
    maxBodyBytes: options.maxBodyBytes,
    maxRows: options.maxRows,
    requestTimeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
    version: options.version,
    onEvent: (event) => process.stderr.write(`${eventLine(event)}\n`),
  });
  for (const slot of server.directory.slots) {
    const m = slot.current;
    process.stderr.write(`serving ${m.name} (${m.task}, version ${m.version}) from ${slot.uri} at ${server.url}/models/${m.name}/invocations\n`);
  }
  process.stderr.write(`default model at ${server.url}/invocations; docs at ${server.url}/docs; metrics at ${server.url}/metrics\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.stderr.write("stopping: finishing requests in flight\n");
      void server.close().then(() => resolver.close()).then(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

function eventLine(event: ServeEvent): string {
  const time = new Date().toISOString();
  switch (event.type) {
    case "swap":
      return `${time} ${event.swap.uri}: now serving version ${event.swap.to.version} (was ${event.swap.from.version})`;
    case "reload-failed":
      return `${time} ${event.uri}: could not load the new model, still serving the previous one: ${event.error instanceof Error ? event.error.message : String(event.error)}`;
    case "internal-error":
      return `${time} internal error on ${event.url}: ${event.error instanceof Error ? (event.error.stack ?? event.error.message) : String(event.error)}`;
  }
}
