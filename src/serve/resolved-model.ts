// What a served model URI points to right now, and the function that says so. The registry
// (src/registry) resolves `models:/churn@champion`, `models:/churn/3` and `runs:/<id>/model`;
// without one, a plain file path resolves to itself, with the digest of its bytes.
// The server polls the resolver: a new digest means a new model to load and swap in.

import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { InvalidInput, NotFound } from "../core/index.js";
import type { ResolvedModel } from "../registry/index.js";

/** What a URI points to now (the registry's type): name, version and alias are null for a file. */
export type { ResolvedModel } from "../registry/index.js";

export type ModelResolver = (uri: string) => Promise<ResolvedModel>;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Resolves a file path to itself; URIs with a scheme need a registry. */
export async function resolveFile(uri: string): Promise<ResolvedModel> {
  if (/^[a-z]+:\//i.test(uri)) {
    throw new InvalidInput(`Model URI ${uri} needs the registry, which this server was started without`, { hint: "pass a bundle file path, or start the server with a registry" });
  }
  const bundlePath = resolve(uri);
  let bytes: Buffer;
  try {
    bytes = await readFile(bundlePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new NotFound(`Model bundle ${uri} does not exist`, { hint: "train one with: orchard train <data> --target <column> --out model.orchard" });
    if (code === "EISDIR") throw new InvalidInput(`${uri} is a folder, not a model bundle`);
    throw error;
  }
  return { uri, name: null, version: null, alias: null, bundlePath, digest: sha256(bytes) };
}

/** A file changed this recently is hashed again whatever its stamp: file times may be coarser than writes. */
const SETTLE_MS = 2000;

/**
 * resolveFile for a server's polling: a file is read and hashed again only when its stamp (inode,
 * size, modification and change times) moved, or it changed in the last two seconds. Hashing a
 * large bundle every poll blocked the event loop (about 1 ms per 0.5 MB) while nothing changed. A
 * bundle replaced by rename, as the store writes it, always gets a new inode.
 */
export function fileResolver(): ModelResolver {
  const known = new Map<string, { stamp: string; resolved: ResolvedModel }>();
  return async (uri) => {
    let info;
    try {
      info = await stat(resolve(uri), { bigint: true });
    } catch {
      return resolveFile(uri); // which says what is wrong
    }
    const stamp = `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    const settled = Date.now() - Number(info.ctimeNs / 1_000_000n) > SETTLE_MS && Date.now() - Number(info.mtimeNs / 1_000_000n) > SETTLE_MS;
    const last = known.get(uri);
    if (last !== undefined && last.stamp === stamp && settled) return last.resolved;
    const resolved = await resolveFile(uri);
    known.set(uri, { stamp, resolved });
    return resolved;
  };
}

/** The name a model is served under: "churn@champion", "churn/3", or a file's base name. */
export function servedName(resolved: ResolvedModel): string {
  if (resolved.name === null) return basename(resolved.uri, extname(resolved.uri));
  if (resolved.alias !== null) return `${resolved.name}@${resolved.alias}`;
  return resolved.version === null ? resolved.name : `${resolved.name}/${resolved.version}`;
}
