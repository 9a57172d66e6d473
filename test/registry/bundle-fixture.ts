// Real model bundles for the registry tests, made once and cheaply: one small model trained on 300
// rows of the bundled adult census (Becker & Kohavi, UCI, 1996), re-encoded with a different
// lineage parameter per variant so each variant has its own bytes and digest.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleFromResult, encodeBundle, train, type Bundle } from "../../src/automl/index.js";
import { Rng } from "../../src/core/index.js";
import { read } from "../../src/data/index.js";

const root = new URL("../../", import.meta.url).pathname;
let base: Bundle | undefined;

async function baseBundle(): Promise<Bundle> {
  if (base) return base;
  const adult = await read(join(root, "data/adult.csv.gz"));
  const frame = adult.take(new Rng(5).sample(adult.nRows, 300));
  const result = train({ data: frame, target: "income", budgetSeconds: 10, maxTrials: 1, families: ["linear"], seed: 5 });
  base = bundleFromResult(result, frame, { packageVersion: "0.0.0-test", createdAt: "2026-01-01T00:00:00.000Z", params: { target: "income" } });
  return base;
}

/** Bundle bytes, distinct for each variant number. */
export async function bundleBytes(variant: number): Promise<Uint8Array> {
  const b = await baseBundle();
  return encodeBundle({ ...b, lineage: { ...b.lineage, params: { ...b.lineage.params, variant } } });
}

/** Writes variants 0 … n-1 as files under `dir`; returns their paths. */
export async function bundleFiles(dir: string, n: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const path = join(dir, `bundle-${i}.orchard`);
    writeFileSync(path, await bundleBytes(i));
    paths.push(path);
  }
  return paths;
}
