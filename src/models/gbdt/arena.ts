// The memory a training run works in: the kernels (assembly/kernels.ts) over one shared linear
// memory, carved into regions by a bump allocator, and a team of threads that run them. Binned
// data, row indices, gradients and histograms all live here, so the kernels read them without
// copies; JavaScript sees them through typed-array views made fresh on each use (memory may grow).

import { WorkerTeam } from "../../core/index.js";
import { KERNELS_WASM } from "./wasm/kernels-wasm.generated.js";

interface KernelExports {
  histogram(
    binned: number, nFeatures: number, offsets: number, rows: number, start: number, end: number,
    gh: number, hist: number, f0: number, f1: number, bin0: number, bin1: number,
  ): void;
  histogramChunks(
    binned: number, nFeatures: number, offsets: number, rows: number, start: number, end: number, gh: number,
    hist: number, partials: number, totalBins: number, nChunks: number, first: number, step: number,
  ): void;
  histogramCounts(binned: number, nFeatures: number, offsets: number, rows: number, start: number, end: number, gh: number, hist: number, counts: number, totalBins: number): void;
  counts(binned: number, nFeatures: number, offsets: number, rows: number, start: number, end: number, out: number): void;
  subtract(dst: number, src: number, n: number): void;
  subtractCounts(dst: number, src: number, n: number): void;
  add(dst: number, src: number, n: number): void;
  partitionChunk(column: number, stride: number, goesLeft: number, rows: number, start: number, end: number, right: number, result: number): void;
  copy32(dst: number, src: number, n: number): void;
  complementRows(sample: number, k: number, n: number, out: number): number;
  iota(rows: number, n: number): void;
  binBlock(
    data: number, cols: number, p: number, cuts: number, width: number, missing: number,
    rowMajor: number, rowOffset: number, start: number, end: number,
  ): void;
  logisticGradients(y: number, raw: number, weight: number, gh: number, start: number, end: number): void;
  squaredGradients(y: number, raw: number, weight: number, gh: number, start: number, end: number): void;
  scanNumericGeneral(hist: number, counts: number, base: number, nValueBins: number, rules: number, found: number, bestGain: number, out: number): void;
  scanNumeric(hist: number, binStart: number, nValueBins: number, flags: number, nFeatures: number, G: number, H: number, l2: number, minHess: number, out: number): void;
  predictRows(
    roots: number, nTrees: number, nOutputs: number, feature: number, threshold: number, children: number,
    missingRight: number, catOffset: number, catWords: number, catBits: number, value: number,
    rows: number, nFeatures: number, rowStart: number, rowEnd: number, nRows: number, out: number, nodes: number,
  ): void;
  predictRowsNumeric(
    roots: number, depths: number, nTrees: number, nOutputs: number, nodes: number, value: number,
    rows: number, nFeatures: number, rowStart: number, rowEnd: number, nRows: number, out: number,
  ): void;
  predictRowNumeric(roots: number, depths: number, nTrees: number, nOutputs: number, nodes: number, value: number, row: number, out: number): void;
  predictRow(
    roots: number, nTrees: number, nOutputs: number, feature: number, threshold: number, children: number,
    missingRight: number, catOffset: number, catWords: number, catBits: number, value: number,
    row: number, out: number, nodes: number,
  ): void;
  addToRows(rows: number, start: number, end: number, raw: number, value: number): void;
  addBinnedLeaves(
    binned: number, nFeatures: number, rows: number, start: number, end: number, feature: number,
    table: number, children: number, value: number, depth: number, raw: number,
  ): void;
  addBinnedLeaves16(
    binned: number, nFeatures: number, rows: number, start: number, end: number, feature: number,
    table: number, children: number, value: number, depth: number, raw: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  // Compiled once per process; the module is immutable, each Arena gets its own instance and memory.
  compiled ??= new WebAssembly.Module(Uint8Array.from(atob(KERNELS_WASM), (c) => c.charCodeAt(0)));
  return compiled;
}

const PAGE = 65536;

/** The most memory a run may use: wasm32's 4 GiB. */
const MAX_PAGES = 65536;

export class Arena {
  readonly kernels: KernelExports;
  readonly memory: WebAssembly.Memory;
  readonly nThreads: number;
  readonly #instance: WebAssembly.Instance;
  #team: WorkerTeam | undefined;
  #top: number;

  /**
   * `maxBytes`: the most this arena will ever hold, when known. A shared memory reserves its whole
   * maximum of address space up front, so a server holding many small models gives each only
   * what it can use instead of wasm32's 4 GiB.
   */
  constructor(nThreads = 1, maxBytes?: number) {
    this.nThreads = Math.max(1, Math.trunc(nThreads));
    const maximum = maxBytes === undefined ? MAX_PAGES : Math.min(MAX_PAGES, Math.ceil(maxBytes / PAGE) + 2);
    this.memory = new WebAssembly.Memory({ initial: 1, maximum, shared: true });
    this.#instance = new WebAssembly.Instance(kernelModule(), { env: { memory: this.memory, abort: () => { throw new Error("WebAssembly kernel aborted"); } } });
    this.kernels = this.#instance.exports as unknown as KernelExports;
    // Leave the first page to the module's own data.
    this.#top = PAGE;
  }

  /** Threads that share the kernels' work, started on first use (thread 0 is the caller). */
  get team(): WorkerTeam {
    this.#team ??= new WorkerTeam(kernelModule(), this.memory, this.#instance, this.nThreads);
    return this.#team;
  }

  /** Reserves `bytes` (16-byte aligned) and returns its offset; grows the memory when needed. */
  alloc(bytes: number): number {
    const start = (this.#top + 15) & ~15;
    const end = start + Math.max(16, bytes);
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    this.#top = end;
    return start;
  }

  /** Ends the worker threads; the arena must not be used afterwards. */
  close(): void {
    this.#team?.close();
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, length);
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }
}
