// Gradient histograms: for every feature and bin, the sums of gradients and hessians of the rows
// in a node. Split finding reads only these, never the rows.
//
// Layout: (grad, hess) float64 pairs, features one after another at their bin offsets, in the
// arena's memory, built by the WebAssembly kernel. Sums are float64 although gradients are
// float32: a million float32 additions would lose the digits that decide close splits. Row counts
// per bin are kept apart, and only when minSamplesLeaf asks for them.

import type { Arena } from "./arena.js";

/** Where the training rows and their gradients are in the arena. */
export interface HistogramInputs {
  readonly arena: Arena;
  readonly binned: number;
  readonly nFeatures: number;
  /** i32 bin offset of each feature. */
  readonly offsets: number;
  readonly rows: number;
  readonly totalBins: number;
  /** Whether per-bin row counts are built beside the sums. */
  readonly withCounts: boolean;
  /** Room for MAX_CHUNKS − 1 partial histograms (2 × totalBins f64 each). */
  readonly partials: number;
  /** First bin of each feature, and totalBins at index nFeatures. */
  readonly binStarts: Int32Array;
}

/** A histogram slot: sums at `sums` (2 × totalBins f64), counts at `counts` (totalBins u32) or -1. */
export interface HistogramSlot {
  readonly sums: number;
  readonly counts: number;
}

/** Recycles histogram slots: a tree needs one per open leaf, and the next tree reuses them. */
export class HistogramPool {
  readonly #free: HistogramSlot[] = [];
  constructor(readonly inputs: HistogramInputs) {}

  take(): HistogramSlot {
    const slot = this.#free.pop();
    if (slot) return slot;
    const { arena, totalBins, withCounts } = this.inputs;
    return { sums: arena.alloc(16 * totalBins), counts: withCounts ? arena.alloc(4 * totalBins) : -1 };
  }

  give(slot: HistogramSlot): void {
    this.#free.push(slot);
  }
}

/** Rows per chunk of a large histogram, and the most chunks: enough to keep both cores busy. */
const CHUNK_ROWS = 32768;
const MAX_CHUNKS = 8;

/** Below this many row × feature updates a single-chunk histogram stays on one thread. */
const FEATURE_PARALLEL_MIN = 1 << 17;

/** Chunks a histogram over n rows is built in: a function of n alone, never of the thread count. */
export function chunksFor(n: number): number {
  return Math.min(MAX_CHUNKS, Math.max(1, Math.ceil(n / CHUNK_ROWS)));
}

/**
 * Fills `slot` from rows[start..end) (the rows region holds row indices; `gh` the rows' (grad,
 * hess) f32 pairs). Large ranges are cut into
 * chunks that threads build side by side — each thread reads only its own rows — and the chunks
 * are then added in chunk order, so the sums are the same for any number of threads.
 */
export function buildHistogram(inputs: HistogramInputs, start: number, end: number, gh: number, slot: HistogramSlot): void {
  const { arena, binned, nFeatures, offsets, rows, totalBins, partials } = inputs;
  const nChunks = chunksFor(end - start);
  if (nChunks === 1 && arena.nThreads > 1 && (end - start) * nFeatures >= FEATURE_PARALLEL_MIN) {
    // A node too small to cut into row chunks is shared by features: each thread sums its own
    // features' bins over all the node's rows, in row order, exactly as one thread would.
    const T = Math.min(arena.nThreads, nFeatures);
    const { binStarts } = inputs;
    arena.team.run("histogram", (t) => {
      const f0 = t < T ? Math.round((t * nFeatures) / T) : nFeatures;
      const f1 = t < T ? Math.round(((t + 1) * nFeatures) / T) : nFeatures;
      return [binned, nFeatures, offsets, rows, start, end, gh, slot.sums, f0, f1, binStarts[f0], binStarts[f1]];
    });
  } else if (nChunks === 1 && slot.counts >= 0) {
    arena.kernels.histogramCounts(binned, nFeatures, offsets, rows, start, end, gh, slot.sums, slot.counts, totalBins);
    return;
  } else if (nChunks === 1) {
    arena.kernels.histogram(binned, nFeatures, offsets, rows, start, end, gh, slot.sums, 0, nFeatures, 0, totalBins);
  } else {
    const threads = Math.min(arena.nThreads, nChunks);
    const args = (t: number): number[] => [binned, nFeatures, offsets, rows, start, end, gh, slot.sums, partials, totalBins, nChunks, t < threads ? t : nChunks, threads];
    if (threads === 1) (arena.kernels.histogramChunks as (...a: number[]) => void)(...args(0));
    else arena.team.run("histogramChunks", args);
    for (let c = 1; c < nChunks; c++) arena.kernels.add(slot.sums, partials + (c - 1) * 16 * totalBins, 2 * totalBins);
  }
  if (slot.counts >= 0) {
    arena.u32(slot.counts, totalBins).fill(0);
    arena.kernels.counts(binned, nFeatures, offsets, rows, start, end, slot.counts);
  }
}

/** The sibling's histogram by subtraction: parent −= child, O(bins) instead of O(rows). */
export function subtractHistogram(inputs: HistogramInputs, parent: HistogramSlot, child: HistogramSlot): void {
  const { arena, totalBins } = inputs;
  arena.kernels.subtract(parent.sums, child.sums, 2 * totalBins);
  if (parent.counts >= 0) arena.kernels.subtractCounts(parent.counts, child.counts, totalBins);
}
