// KMeans, PCA and DBSCAN against scikit-learn on real data, side by side in one run:
//   npx tsx bench/cluster.ts [--quick] [--only kmeans,ml,minibatch,pca,dbscan]
// Data: UCI Dry Bean (Koklu & Ozkan 2020, CC BY 4.0; 13,611 × 16) and the first 20,000 rows of UCI
// Covertype (Blackard 1998, CC BY 4.0; 54 features), from /work/shared/datasets, standardised
// (z-scores, population std; a constant column is only centred). The known classes give ARI/NMI
// for the record. ml-kmeans (ml.js) runs on the same data for comparison.
// A timing is one run on a shared machine, after a small warm-up fit of each kind (JIT): read the
// ratios, not the digits.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { kmeans as mlKmeans } from "ml-kmeans";
import { matrix, type Matrix } from "../src/core/index.js";
import { adjustedRandScore, normalizedMutualInfoScore } from "../src/evaluate/index.js";
import { DBSCAN, KMeans, MiniBatchKMeans, PCA } from "../src/models/index.js";

const DATASETS = "/work/shared/datasets";
const OUT = join(tmpdir(), "orchard-bench", "cluster");
const quick = process.argv.includes("--quick");
const N_INIT = quick ? 3 : 10;
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? new Set(process.argv[onlyAt + 1].split(",")) : null;
const runs = (section: string): boolean => only === null || only.has(section);
/** Fits per CPU-time measurement of the short fits (one would be below the clock's resolution). */
const MB_REPEATS = quick ? 2 : 5;
const PCA_REPEATS = quick ? 10 : 40;

interface Data {
  readonly name: string;
  readonly X: Matrix;
  readonly classes: string[];
  readonly nClasses: number;
  readonly path: string;
}

function load(name: string, file: string, options: { separator: string; header: boolean }): Data {
  const lines = gunzipSync(readFileSync(join(DATASETS, file))).toString("utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const rows = options.header ? lines.slice(1) : lines;
  const cols = rows[0].split(options.separator).length - 1;
  const data = new Float64Array(rows.length * cols);
  const classes: string[] = [];
  rows.forEach((line, i) => {
    const cells = line.split(options.separator);
    for (let f = 0; f < cols; f++) data[i * cols + f] = Number(cells[f]);
    classes.push(cells[cols].trim());
  });
  standardise(data, rows.length, cols);
  const path = join(OUT, `${name}.f64`);
  writeFileSync(path, new Uint8Array(data.buffer));
  return { name, X: matrix(data, { rows: rows.length, cols }), classes, nClasses: new Set(classes).size, path };
}

function standardise(data: Float64Array, n: number, p: number): void {
  for (let f = 0; f < p; f++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * p + f];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (data[i * p + f] - mean) ** 2;
    const sd = Math.sqrt(ss / n) || 1;
    for (let i = 0; i < n; i++) data[i * p + f] = (data[i * p + f] - mean) / sd;
  }
}

function columns(d: Data, picked: number[], name: string): { X: Matrix; path: string } {
  const p = d.X.cols;
  const out = new Float64Array(d.X.rows * picked.length);
  for (let i = 0; i < d.X.rows; i++) picked.forEach((f, j) => (out[i * picked.length + j] = d.X.data[i * p + f]));
  const path = join(OUT, `${name}.f64`);
  writeFileSync(path, new Uint8Array(out.buffer));
  return { X: matrix(out, { rows: d.X.rows, cols: picked.length }), path };
}

/** CPU seconds of one call of `fn`, the mean over `repeats` calls (this process runs one thread unless a fit starts more). */
function cpuSeconds(fn: () => unknown, repeats: number): number {
  const start = process.cpuUsage();
  for (let r = 0; r < repeats; r++) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6 / repeats;
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

const fmt = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));

function table(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}`);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => c.padStart(widths[j])).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

mkdirSync(OUT, { recursive: true });
const bean = load("dry-bean", "dry-bean/Dry_Bean_Dataset.csv.gz", { separator: ";", header: true });
const cover = load("covertype-20k", "covertype-20k/covtype.20k.data.gz", { separator: ",", header: false });
const datasets = [bean, cover];

const kmeansRuns = !runs("kmeans") ? [] : datasets.flatMap((d) =>
  [d.nClasses, 8].flatMap((k) => (["lloyd", "elkan"] as const).map((algorithm) => ({ d, k, algorithm, id: `${d.name}/k=${k}/${algorithm}` }))),
);
const slices = !runs("dbscan") ? [] : [
  { id: "dry-bean[Area, AspectRation]", ...columns(bean, [0, 4], "bean-2d"), eps: 0.05, minSamples: 10 },
  { id: "covertype[Elevation, Roadways, FirePoints]", ...columns(cover, [0, 5, 9], "cover-3d"), eps: 0.1, minSamples: 10 },
];
const spec = {
  kmeans: kmeansRuns.map((r) => ({ id: r.id, path: r.d.path, rows: r.d.X.rows, cols: r.d.X.cols, k: r.k, nInit: N_INIT, algorithm: r.algorithm, labelsOut: join(OUT, `sk-${r.id.replace(/\W/g, "_")}.i32`) })),
  miniBatch: !runs("minibatch") ? [] : datasets.map((d) => ({ id: `${d.name}/k=${d.nClasses}`, path: d.path, rows: d.X.rows, cols: d.X.cols, k: d.nClasses, repeats: MB_REPEATS })),
  pca: !runs("pca") ? [] : datasets.flatMap((d) => [null, 5].map((nComponents) => ({ id: `${d.name}/${nComponents ?? "all"}`, path: d.path, rows: d.X.rows, cols: d.X.cols, nComponents, repeats: PCA_REPEATS }))),
  dbscan: slices.map((s) => ({ id: s.id, path: s.path, rows: s.X.rows, cols: s.X.cols, eps: s.eps, minSamples: s.minSamples, labelsOut: join(OUT, `sk-${s.id.replace(/\W/g, "_")}.i32`) })),
};
const specPath = join(OUT, "spec.json");
writeFileSync(specPath, JSON.stringify(spec));
console.log(`scikit-learn runs (${N_INIT} inits per KMeans)…`);
const reference = execFileSync("/usr/bin/python3", [new URL("./cluster_reference.py", import.meta.url).pathname, specPath], { encoding: "utf8" })
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Record<string, any>);
const ref = (kind: string, id: string): Record<string, any> => reference.find((r) => r.kind === kind && r.id === id)!;
const readLabels = (path: string): Int32Array => new Int32Array(new Uint8Array(readFileSync(path)).buffer);

// One small fit of each kind first, so that the timings below are of JIT-compiled code (the first
// fit in a process pays ~0.2-1 s of compilation; scikit-learn's compiled code pays none).
const warm = matrix(bean.X.data.slice(0, 2000 * bean.X.cols), { rows: 2000, cols: bean.X.cols });
for (const algorithm of ["lloyd", "elkan"] as const) new KMeans({ nClusters: 7, nInit: 2, algorithm }).fit(warm);
new MiniBatchKMeans({ nClusters: 7, batchSize: 256, nInit: 1 }).fit(warm);
new PCA().fit(warm);
new PCA({ nComponents: 3, svdSolver: "randomized" }).fit(warm);
new DBSCAN({ eps: 0.3, minSamples: 5 }).fit(matrix(warm.data.slice(0, 1000 * 2), { rows: 1000, cols: 2 }));

const kmRows: string[][] = [];
for (const r of kmeansRuns) {
  const ours = timed(() => new KMeans({ nClusters: r.k, nInit: N_INIT, algorithm: r.algorithm, seed: 0 }).fit(r.d.X));
  // One thread, CPU seconds, against scikit-learn's one-thread CPU seconds (steadier than wall clock on a busy machine).
  const cpu = process.cpuUsage();
  new KMeans({ nClusters: r.k, nInit: N_INIT, algorithm: r.algorithm, seed: 0, nThreads: 1 }).fit(r.d.X);
  const used = process.cpuUsage(cpu);
  const cpu1 = (used.user + used.system) / 1e6;
  const sk = ref("kmeans", r.id);
  const skLabels = readLabels(spec.kmeans.find((s) => s.id === r.id)!.labelsOut);
  kmRows.push([
    r.id,
    ours.value.inertia.toFixed(1),
    sk.inertia.toFixed(1),
    fmt(ours.value.inertia / sk.inertia, 5),
    ours.seconds.toFixed(2),
    sk.seconds.toFixed(2),
    fmt(ours.seconds / sk.seconds),
    sk.seconds1.toFixed(2),
    fmt(ours.seconds / sk.seconds1),
    cpu1.toFixed(2),
    sk.cpu1.toFixed(2),
    fmt(cpu1 / sk.cpu1),
    fmt(adjustedRandScore(r.d.classes, ours.value.labels)),
    fmt(adjustedRandScore(r.d.classes, skLabels)),
    fmt(normalizedMutualInfoScore(r.d.classes, ours.value.labels)),
    fmt(normalizedMutualInfoScore(r.d.classes, skLabels)),
  ]);
}
table(
  "KMeans (inertia: lower is better; time ratio ours/sklearn, sklearn on 2 threads then 1; CPU seconds of both on 1 thread; ARI/NMI against the known classes)",
  ["run", "inertia ours", "sklearn", "ratio", "s ours", "s sk 2thr", "ratio", "s sk 1thr", "ratio", "cpu 1thr ours", "sk", "ratio", "ARI ours", "ARI sk", "NMI ours", "NMI sk"],
  kmRows,
);

const mlRows: string[][] = [];
for (const d of runs("ml") ? datasets : []) {
  const rows = Array.from({ length: d.X.rows }, (_, i) => Array.from(d.X.data.subarray(i * d.X.cols, (i + 1) * d.X.cols)));
  // ml-kmeans runs one initialisation; N_INIT of them, best kept, as the others do.
  const run = timed(() => {
    let best: { inertia: number; clusters: number[] } | null = null;
    for (let s = 0; s < N_INIT; s++) {
      const result = mlKmeans(rows, d.nClasses, { seed: s, initialization: "kmeans++", maxIterations: 300 });
      let inertia = 0;
      result.clusters.forEach((c, i) => {
        for (let f = 0; f < d.X.cols; f++) inertia += (rows[i][f] - result.centroids[c][f]) ** 2;
      });
      if (!best || inertia < best.inertia) best = { inertia, clusters: result.clusters };
    }
    return best!;
  });
  const sk = ref("kmeans", `${d.name}/k=${d.nClasses}/lloyd`);
  mlRows.push([`${d.name}/k=${d.nClasses}`, run.value.inertia.toFixed(1), sk.inertia.toFixed(1), run.seconds.toFixed(2), sk.seconds.toFixed(2), fmt(run.seconds / sk.seconds), fmt(adjustedRandScore(d.classes, run.value.clusters))]);
}
table("ml-kmeans 7 (for the record, same inits count)", ["run", "inertia ml", "sklearn lloyd", "s ml", "s sklearn", "time ratio", "ARI ml"], mlRows);

const mbRows = spec.miniBatch.map((entry) => {
  const d = datasets.find((x) => entry.id.startsWith(`${x.name}/`))!;
  const fit = () => new MiniBatchKMeans({ nClusters: d.nClasses, batchSize: 1024, nInit: 3, seed: 0 }).fit(d.X);
  const ours = timed(fit);
  const cpu1 = cpuSeconds(fit, MB_REPEATS);
  const sk = ref("minibatch", entry.id);
  return [entry.id, ours.value.inertia.toFixed(1), sk.inertia.toFixed(1), fmt(ours.value.inertia / sk.inertia, 5), String(ours.value.nIter), String(sk.nSteps), ours.seconds.toFixed(3), sk.seconds.toFixed(3), fmt(ours.seconds / sk.seconds), (cpu1 * 1e3).toFixed(1), (sk.cpu1 * 1e3).toFixed(1), fmt(cpu1 / sk.cpu1), fmt(adjustedRandScore(d.classes, ours.value.labels))];
});
table(`MiniBatchKMeans (batch 1024, 3 inits; CPU ms of one fit on 1 thread, mean of ${MB_REPEATS})`, ["run", "inertia ours", "sklearn", "ratio", "steps ours", "sk", "s ours", "s sklearn", "time ratio", "cpu ms 1thr ours", "sk", "ratio", "ARI ours"], mbRows);

const pcaRows = spec.pca.map((entry) => {
  const d = datasets.find((x) => entry.id.startsWith(`${x.name}/`))!;
  const ours = timed(() => new PCA({ nComponents: entry.nComponents }).fit(d.X));
  const cpu1 = cpuSeconds(() => new PCA({ nComponents: entry.nComponents, nThreads: 1 }).fit(d.X), PCA_REPEATS);
  const sk = ref("pca", entry.id);
  const evr = ours.value.explainedVarianceRatio.reduce((a, b) => a + b, 0);
  const solver = entry.nComponents !== null && Math.min(d.X.rows, d.X.cols) > 500 ? "randomized" : "full";
  return [entry.id, `${d.X.rows}×${d.X.cols}`, ours.seconds.toFixed(3), sk.seconds.toFixed(3), fmt(ours.seconds / sk.seconds), (cpu1 * 1e3).toFixed(2), (sk.cpu1 * 1e3).toFixed(2), fmt(cpu1 / sk.cpu1), fmt(ours.value.explainedVarianceRatio[0], 6), fmt(evr, 6), fmt(sk.evr, 6), solver, sk.solver];
});
table(`PCA (all components, and 5; svdSolver auto on both sides: scikit-learn picks its randomized solver for 5; CPU ms of one fit on 1 thread, mean of ${PCA_REPEATS})`, ["data/nComponents", "shape", "s ours", "s sklearn", "time ratio", "cpu ms 1thr ours", "sk", "ratio", "EVR[0] ours", "ΣEVR ours", "ΣEVR sk", "solver ours", "sk"], pcaRows);

const dbRows = slices.map((s) => {
  const ours = timed(() => new DBSCAN({ eps: s.eps, minSamples: s.minSamples }).fit(s.X));
  const sk = ref("dbscan", s.id);
  const skLabels = readLabels(spec.dbscan.find((e) => e.id === s.id)!.labelsOut);
  const identical = ours.value.labels.every((l, i) => l === skLabels[i]);
  const noise = ours.value.labels.filter((l) => l === -1).length;
  return [s.id, `eps ${s.eps}, min ${s.minSamples}`, String(ours.value.nClusters), String(sk.nClusters), String(noise), String(sk.noise), identical ? "yes" : "no", ours.seconds.toFixed(3), sk.seconds.toFixed(3), fmt(ours.seconds / sk.seconds)];
});
table("DBSCAN on low-dimensional slices", ["data", "params", "clusters ours", "sk", "noise ours", "sk", "same labels", "s ours", "s sklearn", "time ratio"], dbRows);
const versions = reference.find((r) => r.kind === "versions")!;
console.log(`\nscikit-learn ${versions.sklearn}, numpy ${versions.numpy}, Node ${process.version}; one run each on a shared 2-core machine.`);
