// Content-addressed artifacts: a file's name is the SHA-256 of its bytes, under
// <root>/sha256/<first two hex>/<the rest>. Writing is atomic (temporary file, fsync, rename, fsync
// the folder), so a path that exists always holds complete bytes whose digest is its name; the
// same bytes stored twice are one file.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { NotFound } from "../core/index.js";
import { writeAtomically } from "./bundle-file.js";

export interface StoredArtifact {
  readonly digest: string;
  readonly path: string;
  readonly size: number;
}

export interface ArtifactFile {
  readonly path: string;
  /** The digest, or null for a temporary file left by an interrupted write. */
  readonly digest: string | null;
  readonly size: number;
  readonly modifiedAt: number;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export class ArtifactStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  put(bytes: Uint8Array): StoredArtifact {
    const digest = sha256(bytes);
    const path = this.path(digest);
    if (existsSync(path)) {
      // Fresh mtime: garbage collection spares recent files, and this one is about to be referenced.
      const now = new Date();
      utimesSync(path, now, now);
    } else {
      mkdirSync(join(this.root, "sha256", digest.slice(0, 2)), { recursive: true });
      writeAtomically(path, bytes);
    }
    return { digest, path, size: bytes.byteLength };
  }

  path(digest: string): string {
    return join(this.root, "sha256", digest.slice(0, 2), digest.slice(2));
  }

  has(digest: string): boolean {
    return existsSync(this.path(digest));
  }

  read(digest: string): Uint8Array {
    const path = this.path(digest);
    if (!existsSync(path)) throw new NotFound(`Artifact ${digest} is missing from ${this.root}`, { hint: "it was removed outside Orchard; register the model again" });
    return readFileSync(path);
  }

  /** Every file under the store, complete or temporary. */
  list(): ArtifactFile[] {
    const base = join(this.root, "sha256");
    if (!existsSync(base)) return [];
    const files: ArtifactFile[] = [];
    for (const prefix of readdirSync(base).sort()) {
      const folder = join(base, prefix);
      if (!statSync(folder).isDirectory()) continue;
      for (const name of readdirSync(folder).sort()) {
        const path = join(folder, name);
        const stats = statSync(path);
        const complete = /^[0-9a-f]{62}$/.test(name) && /^[0-9a-f]{2}$/.test(prefix);
        files.push({ path, digest: complete ? prefix + name : null, size: stats.size, modifiedAt: stats.mtimeMs });
      }
    }
    return files;
  }

  remove(path: string): void {
    rmSync(path, { force: true });
  }
}
