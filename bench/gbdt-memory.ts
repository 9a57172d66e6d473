// Peak extra memory of gradient boosting on 1,000,000 × 28 (20 trees): run with
// node --expose-gc --import tsx bench/gbdt-memory.ts; prints bytes per row × feature beyond the input.
import { readFileSync } from "node:fs";
import { Rng } from "../src/index.js";
import { GradientBoostingClassifier } from "../src/models/gbdt/gradient-boosting.js";
const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))![1]) / 1024;
const n = 1_000_000, p = 28; const rng = new Rng(3);
const data = new Float64Array(n * p); const y = new Float64Array(n);
for (let i = 0; i < n; i++) { let s = 0; for (let f = 0; f < p; f++) { const v = rng.normal(); data[i*p+f] = v; if (f < 18) s += Math.sin(v); } y[i] = s + rng.normal() > 0 ? 1 : 0; }
const labels = Array.from(y);
global.gc?.();
const before = rss(); const hwmBefore = hwm();
const m = new GradientBoostingClassifier({ nEstimators: 20, maxDepth: 6, nThreads: 2 }).fit({ data, rows: n, cols: p }, labels);
console.log(`rss before fit ${before.toFixed(0)} MiB (peak so far ${hwmBefore.toFixed(0)}), peak during fit ${hwm().toFixed(0)} MiB → extra ${(hwm() - before).toFixed(0)} MiB = ${((hwm() - before) * 1048576 / (n * p)).toFixed(2)} bytes per row × feature; trees ${m.forest.trees.length}`);
