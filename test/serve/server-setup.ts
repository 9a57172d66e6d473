// Bundles on disk and a real server on port 0 for the HTTP tests.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeBundle } from "../../src/automl/index.js";
import { startServer, type ModelServer, type ServeOptions } from "../../src/serve/index.js";
import { fixtureBytes, type FixtureOptions } from "./model-fixtures.js";

export function bundleFiles(specs: Record<string, FixtureOptions>): { dir: string; paths: Record<string, string>; bytes: Record<string, Uint8Array> } {
  const dir = mkdtempSync(join(tmpdir(), "orchard-serve-test-"));
  const paths: Record<string, string> = {};
  const bytes: Record<string, Uint8Array> = {};
  for (const [name, options] of Object.entries(specs)) {
    bytes[name] = fixtureBytes({ nEstimators: 20, ...options });
    paths[name] = join(dir, `${name}.orchard`);
    writeFileSync(paths[name], bytes[name]);
  }
  return { dir, paths, bytes };
}

export function predictorOf(bytes: Uint8Array) {
  return decodeBundle(bytes).predictor;
}

export async function serve(options: ServeOptions): Promise<ModelServer> {
  return startServer({ port: 0, ...options });
}

export async function post(server: ModelServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const isText = typeof body === "string";
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": isText ? "text/csv" : "application/json", ...headers },
    body: isText ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}
