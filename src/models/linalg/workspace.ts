// The dense linear-algebra kernels (assembly/linalg.ts) over their own memory, for one fit: the
// data copied in once (float64), scratch carved out by the arena, and a team of threads started
// only when a fit asks for it (core/wasm-arena.ts).
//
// A fit acquires a workspace and releases it when done. The last one released is kept, with its
// threads, when its memory is at most 128 MiB, and the next fit with the same nThreads reuses it:
// touching fresh pages of a new memory cost about as much as the Gram matrix of a 200,000 × 50 X,
// and starting two threads 20–40 ms. Larger memories are dropped at once.

import { compileWasm, defaultThreads, WasmArena } from "../../core/index.js";
import { LINALG_WASM } from "./wasm/linalg-wasm.generated.js";

export interface LinalgExports {
  crossDots(a: number, p: number, i0: number, i1: number, b: number, k: number, out: number): void;
  extremeProducts(a: number, n: number, p: number, b: number, k: number, best: number, scratch: number): void;
  matVec(a: number, p: number, i0: number, i1: number, v: number, c: number, out: number): void;
  weightedRss(a: number, n: number, p: number, v: number, c: number, y: number, w: number, scratch: number): number;
  columnSums(a: number, n: number, p: number, w: number, out: number): void;
  gram(
    x: number, n: number, p: number, mean: number, sw: number, y: number, yMean: number,
    j0: number, j1: number, out: number, xty: number, yty: number, scratch: number,
  ): void;
  firstNonFinite(a: number, len: number): number;
  centreColumns(x: number, n: number, p: number, mean: number, squares: number): void;
  gatherRows(x: number, p: number, rows: number, count: number, out: number): void;
  lloydChunks(
    x: number, p: number, n: number, ct: number, normsPad: number, k: number, weights: number, labels: number,
    sums: number, mass: number, members: number, changed: number, counter: number,
  ): void;
  elkanChunks(
    x: number, p: number, n: number, centers: number, k: number, half: number, nextCenter: number, shift: number,
    labels: number, upper: number, lower: number, weights: number, sums: number, mass: number, members: number, changed: number, counter: number,
  ): void;
  elkanInitChunks(
    x: number, p: number, n: number, centers: number, k: number, rowNorms: number, centerNorms: number,
    labels: number, upper: number, lower: number, weights: number, sums: number, mass: number, members: number, counter: number, scratch: number,
  ): void;
  inertiaChunks(x: number, p: number, n: number, centers: number, weights: number, labels: number, out: number, counter: number): void;
  chunkTotals(
    nChunks: number, k: number, p: number, sums: number, mass: number, members: number, changed: number,
    totalSums: number, totalMass: number, totalMembers: number,
  ): number;
  seedingTrials(
    x: number, p: number, n: number, cand: number, nTrials: number, rowNorms: number, candNorms: number,
    closest: number, weights: number, trial: number, pots: number, scratch: number,
  ): void;
  logisticChunks(
    x: number, n: number, p: number, codes: number, w: number, theta: number, K: number, fitIntercept: number,
    nChunks: number, first: number, step: number, partials: number, losses: number, scratch: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;
/** The workspace kept for the next fit (see above). */
let idle: LinalgWorkspace | undefined;
const KEEP_BYTES = 128 * 2 ** 20;

/** Threads for a fit: the estimator's nThreads, or every core when it is null. */
export function threadsOf(nThreads: number | null | undefined): number {
  return nThreads ?? defaultThreads();
}

export class LinalgWorkspace extends WasmArena<LinalgExports> {
  /** `bytes`: the memory expected, reserved up front (it grows on demand anyway). */
  constructor(nThreads = 1, bytes = 0) {
    compiled ??= compileWasm(LINALG_WASM);
    super(compiled, nThreads, bytes);
  }

  /** A workspace for one fit: the one kept from an earlier fit with the same nThreads, or a new one. */
  static acquire(nThreads: number, bytes = 0): LinalgWorkspace {
    const kept = idle;
    idle = undefined;
    if (kept && kept.nThreads === Math.max(1, Math.trunc(nThreads))) return kept;
    kept?.close();
    return new LinalgWorkspace(nThreads, bytes);
  }

  /** Ends this fit's use: keeps the workspace for the next fit when it is small enough, else closes it. */
  release(): void {
    if (this.memory.buffer.byteLength > KEEP_BYTES) {
      this.close();
      return;
    }
    this.reset();
    idle?.close();
    idle = this;
  }

  /** Copies `values` (converted to float64) into a new region; returns its offset. */
  put(values: ArrayLike<number>): number {
    const at = this.alloc(8 * values.length);
    this.f64(at, values.length).set(values);
    return at;
  }

  /** A zeroed region of n float64 values. */
  zeros(n: number): number {
    const at = this.alloc(8 * n);
    this.f64(at, n).fill(0);
    return at;
  }

  /**
   * Runs `name` over thread t's share of [0, total) (contiguous ranges, cut at multiples of
   * `grain`): on the team when `parallel`, else all on the caller. argsOf(start, end, t).
   */
  split(name: keyof LinalgExports, total: number, parallel: boolean, argsOf: (start: number, end: number, thread: number) => number[], grain = 1): void {
    const T = parallel ? Math.min(this.nThreads, Math.ceil(total / grain)) : 1;
    const cut = (t: number): number => (t >= T ? total : Math.min(total, Math.round((t * total) / T / grain) * grain));
    if (T <= 1) {
      (this.kernels[name] as (...a: number[]) => unknown)(...argsOf(0, total, 0));
      return;
    }
    this.team.run(name, (t) => (t < T ? argsOf(cut(t), cut(t + 1), t) : argsOf(0, 0, t)));
  }
}
