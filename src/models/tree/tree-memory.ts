// One grower's linear memory, and the kernels of assembly/tree.ts that work in it: the training
// set's ranks, values and distinct values (copied in once), the tree's rows with their targets and
// weights, and the split search's scratch. One per thread and fit, reused tree after tree. The
// growth code in TypeScript reads and writes the same arrays through the views kept here.

import { compileWasm } from "../../core/index.js";
import type { TrainingSet } from "./training-set.js";
import { TREE_WASM } from "./wasm/tree-wasm.generated.js";

interface TreeKernels {
  layout(...offsets: number[]): void;
  configure(nClasses: number, criterion: number, minSamplesLeaf: number): void;
  tryBest(f: number, start: number, end: number, wNode: number): number;
  partitionRows(start: number, end: number, feature: number, rankCut: number, threshold: number): number;
  sortByKey(n: number, lo: number, range: number): void;
  rankColumn(values: number, n: number, ranksOut: number, distinctOut: number, scratch: number): number;
}

/** The buffers growing a tree needs, for trees over one training set; reusable tree after tree. */
export interface GrowBuffers {
  readonly kernels: TreeKernels;
  readonly samples: Int32Array;
  /** Targets (regression) or class codes (classification), moved with the rows. */
  readonly sampleY: Float64Array;
  readonly sampleClass: Int32Array;
  readonly sampleW: Float64Array;
  /** Left statistics while scanning, those of the best cut so far, and the node's (read by tryBest). */
  readonly left: Float64Array;
  readonly bestLeft: Float64Array;
  readonly nodeStats: Float64Array;
  /** The statistics of the last node split's children, then their weight (partitionRows sums them). */
  readonly leftChild: Float64Array;
  readonly rightChild: Float64Array;
  /** The best cut so far: proxy, threshold, left weight; and feature, rows going left, rank cut. */
  readonly best: Float64Array;
  readonly bestIndex: Int32Array;
  /** A node's ranks and positions, as the kernels' sortByKey reads them (for tests). */
  readonly nodeKeys: Int32Array;
  readonly nodePositions: Int32Array;
}

const PAGE = 65536;
/** Counters of one radix pass (11 bits), plus one. */
const SORT_COUNTS = (1 << 11) + 2;

let compiled: WebAssembly.Module | undefined;

/** Statistics per node or bin: class weights, or the weighted sum and sum of squares of the target. */
export function statsWidth(nClasses: number): number {
  return Math.max(2, nClasses);
}

/** An instance of the kernels over a fresh memory of `bytes` past the module's own first page. */
function instantiate(bytes: number): { kernels: TreeKernels; buffer: SharedArrayBuffer } {
  const pages = Math.ceil((PAGE + bytes) / PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  compiled ??= compileWasm(TREE_WASM);
  const instance = new WebAssembly.Instance(compiled, {
    env: { memory, log2: Math.log2, abort: () => { throw new Error("WebAssembly tree kernel aborted"); } },
  });
  return { kernels: instance.exports as unknown as TreeKernels, buffer: memory.buffer as unknown as SharedArrayBuffer };
}

/**
 * Ranks columns of n values (rankColumn in assembly/tree.ts): writes each value's rank among the
 * column's distinct values to `ranks` and returns the distinct values, increasing.
 */
export function columnRanker(n: number): (column: Float64Array, ranks: Int32Array) => Float64Array {
  const valuesAt = PAGE;
  const ranksAt = valuesAt + 8 * n;
  const distinctAt = ranksAt + ((4 * n + 15) & ~15);
  const scratchAt = distinctAt + 8 * n;
  const { kernels, buffer } = instantiate(scratchAt - PAGE + 16 * n + 2 ** 19 + 8);
  const values = new Float64Array(buffer, valuesAt, n);
  const ranked = new Int32Array(buffer, ranksAt, n);
  const distinct = new Float64Array(buffer, distinctAt, n);
  return (column, ranks) => {
    values.set(column);
    const d = kernels.rankColumn(valuesAt, n, ranksAt, distinctAt, scratchAt);
    ranks.set(ranked);
    return distinct.slice(0, d);
  };
}

/**
 * A grower's memory for trees over `set`. Only what its trees will use: on this machine each
 * 4 KiB of fresh memory touched costs a page fault of several microseconds, megabytes per fit.
 */
export function growBuffers(set: TrainingSet, options: { nClasses: number; splitter: "best" | "random" }): GrowBuffers {
  const { nRows: N, nFeatures: p } = set;
  const { nClasses } = options;
  const S = statsWidth(nClasses);
  // The best splitter cuts between ranks; the random one compares values and needs no scratch.
  const isBest = options.splitter === "best";
  const scanned = isBest ? N : 0;
  const classes = nClasses > 0 ? N : 0;
  const targets = nClasses > 0 ? 0 : N;
  // Bins serve nodes spanning at most 2 values per row: 2N bins cover the largest node.
  const sizes = {
    ranks: isBest ? 4 * N * p : 0, columns: isBest ? 0 : 8 * N * p, distinct: isBest ? 8 * set.distinct.length : 0, distinctStart: 4 * (p + 1),
    samples: 4 * N, sampleY: 8 * targets, sampleClass: 4 * classes, sampleW: 8 * N,
    nodeKeys: 4 * scanned, nodePositions: 4 * scanned, sortKeys: 4 * scanned, sortRows: 4 * scanned, sortPacked: 4 * scanned, sortCounts: isBest ? 4 * SORT_COUNTS : 0,
    binCount: 4 * 2 * scanned, binWeight: 8 * 2 * (nClasses > 0 ? 0 : scanned), binStats: 8 * 2 * scanned * S,
    left: 8 * S, bestLeft: 8 * S, nodeStats: 8 * S, leftChild: 8 * (S + 1), rightChild: 8 * (S + 1), best: 40,
  };
  const at: Record<string, number> = {};
  // The first page is the module's own.
  let top = PAGE;
  for (const [name, bytes] of Object.entries(sizes)) {
    at[name] = top;
    top += (bytes + 15) & ~15;
  }
  const { kernels, buffer } = instantiate(top - PAGE);
  kernels.layout(N, ...Object.values(at));
  const f64 = (name: keyof typeof sizes) => new Float64Array(buffer, at[name], sizes[name] / 8);
  const i32 = (name: keyof typeof sizes) => new Int32Array(buffer, at[name], sizes[name] / 4);
  if (isBest) {
    i32("ranks").set(set.ranks);
    f64("distinct").set(set.distinct);
  } else f64("columns").set(set.columns);
  i32("distinctStart").set(set.distinctStart);
  return {
    kernels,
    samples: i32("samples"),
    sampleY: f64("sampleY"),
    sampleClass: i32("sampleClass"),
    sampleW: f64("sampleW"),
    left: f64("left"),
    bestLeft: f64("bestLeft"),
    nodeStats: f64("nodeStats"),
    leftChild: f64("leftChild"),
    rightChild: f64("rightChild"),
    best: new Float64Array(buffer, at.best, 3),
    bestIndex: new Int32Array(buffer, at.best + 24, 3),
    nodeKeys: i32("nodeKeys"),
    nodePositions: i32("nodePositions"),
  };
}
