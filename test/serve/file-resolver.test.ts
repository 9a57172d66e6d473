// The polling file resolver: it hashes a bundle again only when the file changed, and never misses
// a change: a rename (as the store writes), or an in-place rewrite of the same size right away.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileResolver, sha256 } from "../../src/serve/index.js";
import { writeAtomically } from "../../src/store/index.js";

test("changes are seen at once; an unchanged, settled file is not read again", async () => {
  const dir = mkdtempSync(join(tmpdir(), "orchard-file-resolver-"));
  const path = join(dir, "model.orchard");
  const a = new Uint8Array([1, 2, 3, 4]);
  const b = new Uint8Array([4, 3, 2, 1]);
  const c = new Uint8Array([9, 9, 9, 9, 9]);
  writeFileSync(path, a);
  const resolve = fileResolver();
  assert.equal((await resolve(path)).digest, sha256(a));
  writeFileSync(path, b); // same size, same inode, at once
  assert.equal((await resolve(path)).digest, sha256(b));
  writeAtomically(path, c);
  assert.equal((await resolve(path)).digest, sha256(c));
  // Once the file has settled, polls return what they found before, without reading it.
  await new Promise((r) => setTimeout(r, 2100));
  const settled = await resolve(path);
  assert.equal(settled.digest, sha256(c));
  assert.equal(await resolve(path), settled);
  writeAtomically(path, a);
  assert.equal((await resolve(path)).digest, sha256(a));
  await assert.rejects(resolve(join(dir, "missing.orchard")), /does not exist/);
});
