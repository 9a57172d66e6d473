// A flat forest copied into WebAssembly memory, predicted by the predictRows kernel: the fast path
// for single rows (serving) and batches. Row buffers grow on demand and are reused.

import { Arena } from "./arena.js";
import type { FlatForest } from "./flat-forest.js";

/** Rows per kernel call: bounds the input buffer for large batches. */
const BATCH_ROWS = 65536;
/** Batches smaller than this run on the calling thread: starting and waking workers costs more. */
const PARALLEL_MIN_ROWS = 16384;

export class WasmForest {
  readonly #ff: FlatForest;
  readonly #arena: Arena;
  readonly #at: Record<"roots" | "feature" | "threshold" | "children" | "missingRight" | "catOffset" | "catWords" | "catBits" | "value", number>;
  /** Numeric forests also get a "walk" form: fixed-depth walks with leaves that loop to themselves. */
  readonly #walk: Record<"depths" | "nodes", number> | null;
  #nodesAt = 0;
  #rowsAt = 0;
  #outAt = 0;
  #capacity = 0;

  constructor(ff: FlatForest, nThreads = 1) {
    this.#ff = ff;
    // Everything this arena will hold: the node arrays, the compact walk nodes, the bitsets, the
    // per-thread node buffers, and row buffers that double up to twice a batch (the bump
    // allocator never frees, so their sum), each region rounded up to 16 bytes.
    const nodes = ff.feature.length;
    const rowBuffers = 4 * BATCH_ROWS * 8 * (ff.nFeatures + ff.nOutputs);
    const bound = 65536 + 96 * nodes + 8 * ff.catBits.length + 16 * ff.roots.length + 256 * Math.max(1, nThreads) + rowBuffers + 64 * 1024;
    this.#arena = new Arena(nThreads, bound);
    const a = this.#arena;
    const n = ff.feature.length;
    this.#at = {
      roots: a.alloc(4 * ff.roots.length),
      feature: a.alloc(4 * n),
      threshold: a.alloc(8 * n),
      children: a.alloc(8 * n),
      missingRight: a.alloc(4 * n),
      catOffset: a.alloc(4 * n),
      catWords: a.alloc(4 * n),
      catBits: a.alloc(4 * ff.catBits.length),
      value: a.alloc(8 * n),
    };
    a.i32(this.#at.roots, ff.roots.length).set(ff.roots);
    a.i32(this.#at.feature, n).set(ff.feature);
    a.f64(this.#at.threshold, n).set(ff.threshold);
    a.i32(this.#at.children, 2 * n).set(ff.children);
    a.i32(this.#at.missingRight, n).set(ff.missingRight);
    a.i32(this.#at.catOffset, n).set(ff.catOffset);
    a.i32(this.#at.catWords, n).set(ff.catWords);
    a.u32(this.#at.catBits, ff.catBits.length).set(ff.catBits);
    a.f64(this.#at.value, n).set(ff.value);
    this.#walk = ff.catBits.length === 0 && siblingsAdjacent(ff) ? this.#walkForm() : null;
    // Scratch for the walks: 64 i32 per thread.
    this.#nodesAt = a.alloc(256 * a.nThreads);
    this.#ensure(1);
  }

  /** Stops the worker threads of large batches; the forest must not be used afterwards. */
  close(): void {
    this.#arena.close();
  }

  /** Raw scores of one row (nFeatures values from `offset`) into `out`. */
  predictRow(row: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
    const ff = this.#ff;
    const p = ff.nFeatures;
    const K = ff.nOutputs;
    const input = this.#arena.f64(this.#rowsAt, p);
    for (let f = 0; f < p; f++) input[f] = row[offset + f];
    const scores = this.#arena.f64(this.#outAt, K);
    scores.set(ff.baseScore);
    const at = this.#at;
    const walk = this.#walk;
    if (walk) {
      this.#arena.kernels.predictRowNumeric(at.roots, walk.depths, ff.roots.length, K, walk.nodes, at.value, this.#rowsAt, this.#outAt);
      out.set(scores);
      return out;
    }
    this.#arena.kernels.predictRow(
      at.roots, ff.roots.length, K, at.feature, at.threshold, at.children, at.missingRight,
      at.catOffset, at.catWords, at.catBits, at.value, this.#rowsAt, this.#outAt, this.#nodesAt,
    );
    out.set(scores);
    return out;
  }

  /** Raw scores of n rows (row-major), class-major: output k of row i at k·n + i. */
  predict(rows: ArrayLike<number>, n: number): Float64Array {
    const ff = this.#ff;
    const p = ff.nFeatures;
    const K = ff.nOutputs;
    const result = new Float64Array(n * K);
    for (let i0 = 0; i0 < n; i0 += BATCH_ROWS) {
      const m = Math.min(BATCH_ROWS, n - i0);
      this.#ensure(m);
      const input = this.#arena.f64(this.#rowsAt, m * p);
      if (rows instanceof Float64Array) input.set(rows.subarray(i0 * p, (i0 + m) * p));
      else for (let j = 0; j < m * p; j++) input[j] = rows[i0 * p + j];
      const scores = this.#arena.f64(this.#outAt, m * K);
      for (let k = 0; k < K; k++) scores.fill(ff.baseScore[k], k * m, (k + 1) * m);
      this.#run(0, m, m);
      for (let k = 0; k < K; k++) result.set(scores.subarray(k * m, (k + 1) * m), k * n + i0);
    }
    return result;
  }

  /** Rows [start, end) of the input buffer; large spans are cut into one range per thread. */
  #run(start: number, end: number, nRows: number): void {
    const ff = this.#ff;
    const at = this.#at;
    const threads = end - start >= PARALLEL_MIN_ROWS ? this.#arena.nThreads : 1;
    const args = (t: number): number[] => [
      at.roots, ff.roots.length, ff.nOutputs, at.feature, at.threshold, at.children, at.missingRight,
      at.catOffset, at.catWords, at.catBits, at.value, this.#rowsAt, ff.nFeatures,
      start + Math.round(((end - start) * t) / threads), start + Math.round(((end - start) * (t + 1)) / threads),
      nRows, this.#outAt, this.#nodesAt + 256 * t,
    ];
    const walk = this.#walk;
    if (walk) {
      const walkArgs = (t: number): number[] => [
        at.roots, walk.depths, ff.roots.length, ff.nOutputs, walk.nodes, at.value,
        this.#rowsAt, ff.nFeatures, start + Math.round(((end - start) * t) / threads), start + Math.round(((end - start) * (t + 1)) / threads),
        nRows, this.#outAt,
      ];
      if (threads === 1) (this.#arena.kernels.predictRowsNumeric as (...a: number[]) => void)(...walkArgs(0));
      else this.#arena.team.run("predictRowsNumeric", walkArgs);
      return;
    }
    if (threads === 1) (this.#arena.kernels.predictRows as (...a: number[]) => void)(...args(0));
    else this.#arena.team.run("predictRows", args);
  }

  /**
   * The walk form of a numeric forest, as compact 16-byte nodes: threshold, feature with the
   * missing-goes-right flag in bit 31, left child (the right child is the next node). Leaves
   * split on feature 0 at +∞ and lead back to themselves.
   */
  #walkForm(): Record<"depths" | "nodes", number> {
    const ff = this.#ff;
    const a = this.#arena;
    const n = ff.feature.length;
    const bytes = new ArrayBuffer(16 * n);
    const asF64 = new Float64Array(bytes);
    const asU32 = new Uint32Array(bytes);
    for (let j = 0; j < n; j++) {
      const leaf = ff.feature[j] < 0;
      asF64[2 * j] = leaf ? Infinity : ff.threshold[j];
      asU32[4 * j + 2] = leaf ? 0 : (ff.feature[j] | (ff.missingRight[j] << 31)) >>> 0;
      asU32[4 * j + 3] = leaf ? j : ff.left[j];
    }
    const depths = new Int32Array(ff.roots.length);
    const depthOf = new Int32Array(n);
    for (let t = 0; t < ff.roots.length; t++) {
      const end = t + 1 < ff.roots.length ? ff.roots[t + 1] : n;
      // Children come after their parent in a tree's node order, so one forward pass sets depths.
      for (let j = ff.roots[t]; j < end; j++) {
        if (ff.feature[j] < 0) continue;
        depthOf[ff.left[j]] = depthOf[j] + 1;
        depthOf[ff.right[j]] = depthOf[j] + 1;
        depths[t] = Math.max(depths[t], depthOf[j] + 1);
      }
    }
    const at = { depths: a.alloc(4 * depths.length), nodes: a.alloc(16 * n) };
    a.i32(at.depths, depths.length).set(depths);
    a.u8(at.nodes, 16 * n).set(new Uint8Array(bytes));
    return at;
  }

  /** Room for `rows` input rows and their scores. */
  #ensure(rows: number): void {
    if (rows <= this.#capacity) return;
    const capacity = Math.max(rows, 2 * this.#capacity);
    this.#rowsAt = this.#arena.alloc(8 * capacity * this.#ff.nFeatures);
    this.#outAt = this.#arena.alloc(8 * capacity * this.#ff.nOutputs);
    this.#capacity = capacity;
  }
}

/** Whether every right child directly follows its left sibling (the compact walk relies on it). */
function siblingsAdjacent(ff: FlatForest): boolean {
  for (let j = 0; j < ff.feature.length; j++) if (ff.feature[j] >= 0 && ff.right[j] !== ff.left[j] + 1) return false;
  return true;
}
