// The iterations of k-means in the workspace (assembly/linalg/kmeans.ts): one kernel call per
// iteration assigns every row (Lloyd's dot products, or Elkan's bounds) and keeps each chunk of
// 256 rows' sums per centre up to date (the rows that changed label move), which are then added
// in chunk order. Threads claim chunks as they
// come, and a chunk's result depends on its rows alone, so nothing depends on the number of
// threads or on which thread did what.

import type { LinalgExports, LinalgWorkspace } from "./workspace.js";

const CHUNK = 256;
/** Below this many multiply-adds per assignment (n·k·p) one thread does it. */
const PARALLEL_MIN = 4e5;
/** With the threads not yet started (they cost 20–40 ms), the whole fit (n·k·p × passes) must be worth it. */
const PARALLEL_MIN_COLD = 1e8;

export interface CenterTotals {
  /** Σ wᵢxᵢ per centre (k × p). */
  readonly sums: Float64Array;
  /** Σ wᵢ per centre. */
  readonly mass: Float64Array;
  /** Rows of positive weight per centre: a centre is empty exactly when this is 0. */
  readonly members: Int32Array;
  /** Rows whose label changed in this assignment. */
  readonly changed: number;
}

export class KMeansSteps {
  readonly #ws: LinalgWorkspace;
  readonly #x: number;
  readonly #n: number;
  readonly #p: number;
  readonly #k: number;
  readonly #nChunks: number;
  readonly #parallel: boolean;
  readonly #at: Record<
    | "weights" | "rowNorms" | "centers" | "centerNorms" | "labels" | "sums" | "mass" | "members" | "changed" | "counter" | "scratch"
    | "transposed" | "paddedNorms" | "totalSums" | "totalMass" | "totalMembers" | "inertia" | "half" | "nextCenter" | "shift" | "upper" | "lower",
    number
  >;

  /**
   * x: offset of the n × p data in ws; Elkan's bounds (n·k values) only when `elkan`; `passes`:
   * about how many assignments the fit will make (to judge whether threads are worth starting);
   * `serial`: one thread whatever the size (mini-batches: a few chunks each, the hand-over to the
   * team costs about what it saves).
   */
  constructor(
    ws: LinalgWorkspace,
    x: number,
    data: { weights: Float64Array; rowNorms: Float64Array; p: number; k: number; elkan: boolean; passes: number; serial?: boolean },
  ) {
    const { weights, rowNorms, p, k, elkan, passes } = data;
    const n = weights.length;
    this.#ws = ws;
    this.#x = x;
    this.#n = n;
    this.#p = p;
    this.#k = k;
    this.#nChunks = Math.ceil(n / CHUNK);
    const work = n * k * p;
    this.#parallel = !data.serial && ws.nThreads > 1 && this.#nChunks > 1 && (ws.teamStarted ? work >= PARALLEL_MIN : work * passes >= PARALLEL_MIN_COLD);
    const c = this.#nChunks;
    this.#at = {
      weights: ws.put(weights),
      rowNorms: elkan ? ws.put(rowNorms) : 0,
      centers: ws.alloc(8 * k * p),
      centerNorms: ws.alloc(8 * k),
      labels: ws.alloc(4 * n),
      sums: ws.alloc(8 * c * k * p),
      mass: ws.alloc(8 * c * k),
      members: ws.alloc(4 * c * k),
      changed: ws.alloc(4 * c),
      counter: ws.alloc(4),
      scratch: ws.alloc(8 * CHUNK * k * ws.nThreads),
      transposed: ws.alloc(8 * p * (k + 1)),
      paddedNorms: ws.alloc(8 * (k + 1)),
      totalSums: ws.alloc(8 * k * p),
      totalMass: ws.alloc(8 * k),
      totalMembers: ws.alloc(4 * k),
      inertia: ws.alloc(8 * c),
      half: elkan ? ws.alloc(8 * k * k) : 0,
      nextCenter: elkan ? ws.alloc(8 * k) : 0,
      shift: elkan ? ws.alloc(8 * k) : 0,
      upper: elkan ? ws.alloc(8 * n) : 0,
      lower: elkan ? ws.alloc(8 * n * k) : 0,
    };
  }

  /** Replaces the rows' weights (a mini-batch's, with its rows); Lloyd's passes only (Elkan's bounds stay). */
  setWeights(weights: Float64Array): void {
    this.#ws.f64(this.#at.weights, this.#n).set(weights);
  }

  /** Forgets the labels and the centres' sums: the next Lloyd pass counts (and adds) every row as changed. */
  resetLabels(): void {
    const { ws, at, c } = { ws: this.#ws, at: this.#at, c: this.#nChunks };
    ws.i32(at.labels, this.#n).fill(-1);
    ws.f64(at.sums, c * this.#k * this.#p).fill(0);
    ws.f64(at.mass, c * this.#k).fill(0);
    ws.i32(at.members, c * this.#k).fill(0);
  }

  /** Lloyd's assignment to `centers`; with `sums`, the centres' totals over the new labels. */
  lloyd(centers: Float64Array, sums: boolean): CenterTotals | number {
    const { p, k } = { p: this.#p, k: this.#k };
    const at = this.#at;
    this.#putCenters(centers);
    this.#putTransposed(centers);
    const s = sums ? 1 : 0;
    this.#run("lloydChunks", () => [this.#x, p, this.#n, at.transposed, at.paddedNorms, k, at.weights, at.labels, s ? at.sums : 0, s ? at.mass : 0, s ? at.members : 0, at.changed, at.counter]);
    return sums ? this.#totals() : this.#changed();
  }

  /** Elkan's labels and bounds from every distance to `centers`, and the centres' sums over those labels. */
  elkanInit(centers: Float64Array): void {
    const { p, k } = { p: this.#p, k: this.#k };
    const at = this.#at;
    this.#putCenters(centers);
    const size = 8 * CHUNK * k;
    this.#run("elkanInitChunks", (t) => [this.#x, p, this.#n, at.centers, k, at.rowNorms, at.centerNorms, at.labels, at.upper, at.lower, at.weights, at.sums, at.mass, at.members, at.counter, at.scratch + t * size]);
  }

  /**
   * Elkan's assignment to `centers` (half-distances k × k, each one's half-distance to its nearest
   * other), the bounds first moved by `shift` (the centres' last moves) when given; with `sums`,
   * the centres' totals over the new labels.
   */
  elkan(centers: Float64Array, gaps: { half: Float64Array; nextCenter: Float64Array }, shift: Float64Array | null, sums: boolean): CenterTotals | number {
    const { p, k } = { p: this.#p, k: this.#k };
    const ws = this.#ws;
    const at = this.#at;
    ws.f64(at.centers, k * p).set(centers);
    ws.f64(at.half, k * k).set(gaps.half);
    ws.f64(at.nextCenter, k).set(gaps.nextCenter);
    if (shift) ws.f64(at.shift, k).set(shift);
    const s = sums ? 1 : 0;
    this.#run("elkanChunks", () => [this.#x, p, this.#n, at.centers, k, at.half, at.nextCenter, shift ? at.shift : 0, at.labels, at.upper, at.lower, at.weights, s ? at.sums : 0, s ? at.mass : 0, s ? at.members : 0, at.changed, at.counter]);
    return sums ? this.#totals() : this.#changed();
  }

  /** The current labels (a copy). */
  labels(): Int32Array {
    return this.#ws.i32(this.#at.labels, this.#n).slice();
  }

  /** Σ wᵢ‖xᵢ − c_{labelᵢ}‖² over the current labels, by the direct formula, chunks added in order. */
  inertia(centers: Float64Array): number {
    const at = this.#at;
    this.#ws.f64(at.centers, this.#k * this.#p).set(centers);
    this.#run("inertiaChunks", () => [this.#x, this.#p, this.#n, at.centers, at.weights, at.labels, at.inertia, at.counter]);
    const parts = this.#ws.f64(at.inertia, this.#nChunks);
    let total = 0;
    for (let c = 0; c < parts.length; c++) total += parts[c];
    return total;
  }

  /** The centres transposed (p × kk, kk = k rounded up to even; a padding centre has norm +∞), for lloydChunks. */
  #putTransposed(centers: Float64Array): void {
    const { p, k } = { p: this.#p, k: this.#k };
    const kk = k + (k & 1);
    const ct = this.#ws.f64(this.#at.transposed, p * kk);
    const norms = this.#ws.f64(this.#at.paddedNorms, kk);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < p; f++) {
        const v = centers[j * p + f];
        ct[f * kk + j] = v;
        s += v * v;
      }
      norms[j] = s;
    }
    if (kk > k) {
      for (let f = 0; f < p; f++) ct[f * kk + k] = 0;
      norms[k] = Infinity;
    }
  }

  #putCenters(centers: Float64Array): void {
    const { p, k } = { p: this.#p, k: this.#k };
    this.#ws.f64(this.#at.centers, k * p).set(centers);
    const norms = this.#ws.f64(this.#at.centerNorms, k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < p; f++) s += centers[j * p + f] * centers[j * p + f];
      norms[j] = s;
    }
  }

  #totals(): CenterTotals {
    const { p, k } = { p: this.#p, k: this.#k };
    const ws = this.#ws;
    const at = this.#at;
    const changed = ws.kernels.chunkTotals(this.#nChunks, k, p, at.sums, at.mass, at.members, at.changed, at.totalSums, at.totalMass, at.totalMembers);
    return { sums: ws.f64(at.totalSums, k * p), mass: ws.f64(at.totalMass, k), members: ws.i32(at.totalMembers, k), changed };
  }

  #changed(): number {
    const changed = this.#ws.i32(this.#at.changed, this.#nChunks);
    let total = 0;
    for (let c = 0; c < changed.length; c++) total += changed[c];
    return total;
  }

  /** Runs a chunk-claiming kernel, on the team when parallel. */
  #run(name: keyof LinalgExports, argsOf: (thread: number) => number[]): void {
    const ws = this.#ws;
    ws.i32(this.#at.counter, 1)[0] = 0;
    if (this.#parallel) ws.team.runClaiming(name, argsOf);
    else (ws.kernels[name] as (...a: number[]) => unknown)(...argsOf(0));
  }
}
