// Elkan's bounds for k-means in the workspace (assembly/linalg/elkan.ts): labels, upper and lower
// bounds live in the workspace's memory across iterations; the centres and their half-distances
// are copied in at each step. Rows are independent, so threads share them without changing a bit.

import type { LinalgExports, LinalgWorkspace } from "./workspace.js";

/** Below this many multiply-adds for a full pass (n·k·p) one thread does the work. */
const PARALLEL_MIN = 1e7;
const GRAIN = 256;

export class ElkanBounds {
  readonly #ws: LinalgWorkspace;
  readonly #x: number;
  readonly #n: number;
  readonly #p: number;
  readonly #k: number;
  readonly #at: { centers: number; centerNorms: number; rowNorms: number; half: number; nextCenter: number; shift: number; labels: number; upper: number; lower: number; scratch: number };
  readonly #parallel: boolean;

  /** x: offset of the n × p data in ws; rowNorms: the rows' squared norms. */
  constructor(ws: LinalgWorkspace, x: number, rowNorms: Float64Array, shape: { n: number; p: number; k: number }) {
    const { n, p, k } = shape;
    this.#ws = ws;
    this.#x = x;
    this.#n = n;
    this.#p = p;
    this.#k = k;
    this.#at = {
      centers: ws.alloc(8 * k * p),
      centerNorms: ws.alloc(8 * k),
      rowNorms: ws.put(rowNorms),
      half: ws.alloc(8 * k * k),
      nextCenter: ws.alloc(8 * k),
      shift: ws.alloc(8 * k),
      labels: ws.alloc(4 * n),
      upper: ws.alloc(8 * n),
      lower: ws.alloc(8 * n * k),
      scratch: ws.alloc(8 * GRAIN * k * ws.nThreads),
    };
    this.#parallel = ws.nThreads > 1 && n * k * p >= PARALLEL_MIN && n >= 2 * GRAIN;
  }

  /** Labels and bounds from every distance to `centers`; the labels are copied into `labels`. */
  init(centers: Float64Array, labels: Int32Array): void {
    const { p, k } = { p: this.#p, k: this.#k };
    const at = this.#at;
    this.#ws.f64(at.centers, k * p).set(centers);
    const norms = this.#ws.f64(at.centerNorms, k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < p; f++) s += centers[j * p + f] * centers[j * p + f];
      norms[j] = s;
    }
    const size = 8 * GRAIN * k;
    this.#run("elkanInit", (s, e, t) => [this.#x, p, s, e, at.centers, k, at.rowNorms, at.centerNorms, at.labels, at.upper, at.lower, at.scratch + t * size]);
    labels.set(this.#ws.i32(at.labels, this.#n));
  }

  /** One E-step from `centers`, with their half-distances (k × k) and each one's half-distance to its nearest other. */
  assign(centers: Float64Array, half: Float64Array, nextCenter: Float64Array, labels: Int32Array): void {
    const { p, k } = { p: this.#p, k: this.#k };
    const at = this.#at;
    this.#ws.f64(at.centers, k * p).set(centers);
    this.#ws.f64(at.half, k * k).set(half);
    this.#ws.f64(at.nextCenter, k).set(nextCenter);
    this.#run("elkanAssign", (s, e) => [this.#x, p, s, e, at.centers, k, at.half, at.nextCenter, at.labels, at.upper, at.lower]);
    labels.set(this.#ws.i32(at.labels, this.#n));
  }

  /** Moves the bounds after the centres moved by `shift` (labels as of the last assignment). */
  shift(shift: Float64Array): void {
    const at = this.#at;
    this.#ws.f64(at.shift, this.#k).set(shift);
    this.#run("elkanShift", (s, e) => [s, e, this.#k, at.labels, at.shift, at.upper, at.lower]);
  }

  #run(name: keyof LinalgExports, argsOf: (start: number, end: number, thread: number) => number[]): void {
    this.#ws.split(name, this.#n, this.#parallel, argsOf, GRAIN);
  }
}
