// The memory a training run works in: the boosting kernels (assembly/kernels.ts) over one shared
// linear memory and a team of threads that run them (core/wasm-arena.ts). Binned data, row
// indices, gradients and histograms all live here, so the kernels read them without copies.

import { compileWasm, WasmArena } from "../../core/index.js";
import { KERNELS_WASM } from "./wasm/kernels-wasm.generated.js";

interface KernelExports {
  histogram(
    binned: number, n: number, offsets: number, rows: number, start: number, end: number, gh: number,
    hist: number, counts: number, f0: number, f1: number, bin0: number, bin1: number, buffer: number,
  ): void;
  histogramJobs(
    binned: number, n: number, offsets: number, rows: number, gh: number, jobs: number, nJobs: number,
    first: number, step: number, nFeatures: number, totalBins: number, buffer: number,
  ): void;
  subtract(dst: number, src: number, n: number): void;
  subtractCounts(dst: number, src: number, n: number): void;
  partitionChunk(column: number, goesLeft: number, rows: number, start: number, end: number, right: number, result: number): void;
  copy32(dst: number, src: number, n: number): void;
  partitionNodes(jobs: number, nJobs: number, first: number, step: number, rows: number, scratch: number): void;
  prepareLoop(
    control: number, states: number, records: number, nSlots: number, binned: number, n: number, offsets: number, rows: number,
    scratch: number, gh: number, nFeatures: number, totalBins: number, buffer: number, nValueBins: number, flags: number,
  ): void;
  prepareJob(
    record: number, binned: number, n: number, offsets: number, rows: number, scratch: number, gh: number,
    nFeatures: number, totalBins: number, buffer: number, nValueBins: number, flags: number,
  ): void;
  complementRows(sample: number, k: number, n: number, out: number): number;
  iota(rows: number, n: number): void;
  binBlock(
    data: number, cols: number, p: number, cuts: number, width: number, missing: number,
    columns: number, n: number, rowOffset: number, start: number, end: number,
  ): void;
  logisticGradients(y: number, raw: number, weight: number, gh: number, start: number, end: number): void;
  squaredGradients(y: number, raw: number, weight: number, gh: number, start: number, end: number): void;
  scanNumericGeneral(hist: number, counts: number, base: number, nValueBins: number, rules: number, found: number, bestGain: number, out: number): void;
  scanNumeric(hist: number, binStart: number, nValueBins: number, flags: number, nFeatures: number, G: number, H: number, l2: number, minHess: number, out: number, words: number): void;
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
    binned: number, rowStride: number, featureStride: number, rows: number, start: number, end: number, feature: number,
    table: number, children: number, value: number, depth: number, raw: number,
  ): void;
  addBinnedLeaves16(
    binned: number, rowStride: number, featureStride: number, rows: number, start: number, end: number, feature: number,
    table: number, children: number, value: number, depth: number, raw: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;

/** The boosting kernels over their own memory (core/wasm-arena.ts); one per training run. */
export class Arena extends WasmArena<KernelExports> {
  /** `maxBytes`: the most it will hold, when known (prediction forests), to reserve no more. */
  constructor(nThreads = 1, maxBytes?: number) {
    // Compiled once per process; the module is immutable, each Arena gets its own instance and memory.
    compiled ??= compileWasm(KERNELS_WASM);
    super(compiled, nThreads, 0, maxBytes);
  }
}
