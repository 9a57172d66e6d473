// The E-step of k-means in the workspace (assembly/linalg/nearest.ts): every row's nearest centre,
// by blocks of SIMD dot products, rows shared among threads when the data are large. Each row's
// label depends on that row alone, so the labels do not depend on the number of threads.

import type { LinalgWorkspace } from "./workspace.js";

/** Below this many multiply-adds per assignment (n·k·p) one thread does it: waking threads for
 * less than a few milliseconds of work costs more than it saves on a busy machine. */
const PARALLEL_MIN = 1e7;
/** Rows per thread share are cut at multiples of this (the kernel's block). */
const GRAIN = 256;

export class NearestCentres {
  readonly #ws: LinalgWorkspace;
  readonly #x: number;
  readonly #n: number;
  readonly #p: number;
  readonly #k: number;
  readonly #centers: number;
  readonly #norms: number;
  readonly #labels: number;
  readonly #scratch: number;
  readonly #parallel: boolean;

  /** x: offset of the n × p data in ws; k centres per assignment. */
  constructor(ws: LinalgWorkspace, x: number, shape: { n: number; p: number; k: number }) {
    const { n, p, k } = shape;
    this.#ws = ws;
    this.#x = x;
    this.#n = n;
    this.#p = p;
    this.#k = k;
    this.#centers = ws.alloc(8 * k * p);
    this.#norms = ws.alloc(8 * k);
    this.#labels = ws.alloc(4 * n);
    this.#scratch = ws.alloc(8 * GRAIN * k * ws.nThreads);
    this.#parallel = ws.nThreads > 1 && n * k * p >= PARALLEL_MIN && n >= 2 * GRAIN;
  }

  /** The nearest of `centers` (k × p) for every row into `labels` (ties to the lower index). */
  assign(centers: Float64Array, labels: Int32Array): void {
    const ws = this.#ws;
    const k = this.#k, p = this.#p;
    ws.f64(this.#centers, k * p).set(centers);
    const norms = ws.f64(this.#norms, k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < p; f++) s += centers[j * p + f] * centers[j * p + f];
      norms[j] = s;
    }
    const scratchSize = 8 * GRAIN * k;
    ws.split("nearest", this.#n, this.#parallel, (start, end, t) => [this.#x, p, start, end, this.#centers, this.#norms, k, this.#labels, 0, 0, this.#scratch + t * scratchSize], GRAIN);
    labels.set(ws.i32(this.#labels, this.#n));
  }
}
