// Model bundles on disk. Writing is atomic: the bytes go to a temporary file beside the target,
// are flushed to the disk, and the file is renamed over the target, so a reader (or a crash) never
// sees half a bundle.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { decodeBundle, encodeBundle, type Bundle } from "../automl/index.js";
import { InvalidInput, NotFound } from "../core/index.js";

export function saveBundle(path: string, bundle: Bundle): string {
  const target = resolve(path);
  writeAtomically(target, encodeBundle(bundle));
  return target;
}

export function loadBundle(path: string): Bundle {
  const target = resolve(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new NotFound(`Model bundle ${path} does not exist`, { hint: "train one with: orchard train <data> --target <column> --out model.orchard" });
    if (code === "EISDIR") throw new InvalidInput(`${path} is a folder, not a model bundle`);
    throw error;
  }
  try {
    return decodeBundle(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof InvalidInput) throw new InvalidInput(`${path}: ${error.message}`, { hint: error.hint, cause: error });
    throw error;
  }
}

/** Temporary file, fsync, rename: the file at `target` is always either the old or the new one. */
export function writeAtomically(target: string, bytes: Uint8Array): void {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temporary, "w");
  try {
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, target);
  // The rename itself is made durable by syncing the folder.
  const dir = openSync(dirname(target), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
