// Evaluation machinery at scale, Orchard against scikit-learn 1.2.1 / numpy on the same data:
// stratified folds, isotonic and Platt fits, a quantile reliability curve and DeLong's test, on
// N rows of synthetic scores (two correlated models, 30 % positives). Best of 3, seconds.
//
//   npx tsx bench/evaluate.ts [N=1000000]

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "../src/core/index.js";
import { calibrationCurve, delongTest, IsotonicRegression, PlattScaling, stratifiedKFold } from "../src/evaluate/index.js";

const n = Number(process.argv[2] ?? 1_000_000);
const rng = new Rng(1);
const y = new Float64Array(n);
const s1 = new Float64Array(n);
const s2 = new Float64Array(n);
for (let i = 0; i < n; i++) {
  y[i] = rng.next() < 0.3 ? 1 : 0;
  s1[i] = y[i] + rng.normal();
  s2[i] = 0.7 * y[i] + 0.5 * s1[i] + rng.normal();
}
const p = Float64Array.from(s1, (v) => 1 / (1 + Math.exp(-v)));
const labels = Array.from(y);

const dir = mkdtempSync(join(tmpdir(), "orchard-evaluate-bench-"));
const scorePath = join(dir, "scores.f64");
const labelPath = join(dir, "labels.f64");
const both = new Float64Array(2 * n);
both.set(s1);
both.set(s2, n);
writeFileSync(scorePath, both);
const y2 = new Float64Array(2 * n);
y2.set(y);
writeFileSync(labelPath, y2);

function best(fn: () => unknown): number {
  let t = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    fn();
    t = Math.min(t, (performance.now() - start) / 1000);
  }
  return t;
}

const ours: Record<string, number> = {
  stratifiedKFold: best(() => stratifiedKFold(labels, { nSplits: 5 })),
  "isotonic fit": best(() => new IsotonicRegression().fit(s1, y)),
  "platt fit": best(() => new PlattScaling().fit(s1, y)),
  calibrationCurve: best(() => calibrationCurve(labels, p, { nBins: 10, strategy: "quantile" })),
  delong: best(() => delongTest(labels, s1, s2)),
};
const reference = JSON.parse(execFileSync("/usr/bin/python3", [new URL("./evaluate_reference.py", import.meta.url).pathname, scorePath, labelPath], { encoding: "utf8" }));

console.log(`${n.toLocaleString("en")} rows; seconds, best of 3 (shared 2-core machine: timings are noisy)`);
console.log("task              orchard   sklearn/numpy   ratio");
for (const [name, t] of Object.entries(ours)) {
  const r = reference[name] as number;
  console.log(`${name.padEnd(17)} ${t.toFixed(3).padStart(7)}   ${r.toFixed(3).padStart(13)}   ${(t / r).toFixed(2).padStart(5)}x`);
}
