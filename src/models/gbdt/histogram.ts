// Gradient histograms: for every feature and bin, the sums of gradients and hessians of the rows
// in a node. Split finding reads only these, never the rows.
//
// Layout: (grad, hess) float64 pairs, features one after another at their bin offsets, in the
// arena's memory, built by the WebAssembly kernel. Sums are float64 although gradients are
// float32: a million float32 additions would lose the digits that decide close splits. Row counts
// per bin are kept apart, and only when minSamplesLeaf asks for them.

import type { Arena } from "./arena.js";
import { wholeNodeBatches } from "./node-batches.js";

/** Where the training rows and their gradients are in the arena. */
export interface HistogramInputs {
  readonly arena: Arena;
  /** Bins column by column: feature f of row i at binned + f × nRows + i. */
  readonly binned: number;
  readonly nRows: number;
  readonly nFeatures: number;
  /** i32 bin offset of each feature. */
  readonly offsets: number;
  readonly rows: number;
  readonly totalBins: number;
  /** Whether per-bin row counts are built beside the sums. */
  readonly withCounts: boolean;
  /** HISTOGRAM_BUFFER_BYTES per thread: the kernel's block of gathered gradient pairs. */
  readonly buffers: number;
  /** Room for MAX_BATCH (start, end, sums, counts) i32 quadruples: a level's histograms at once. */
  readonly jobs: number;
  /** First bin of each feature, and totalBins at index nFeatures. */
  readonly binStarts: Int32Array;
}

/** A histogram slot: sums at `sums` (2 × totalBins f64), counts at `counts` (totalBins u32) or -1. */
export interface HistogramSlot {
  readonly sums: number;
  readonly counts: number;
}

/**
 * Recycles histogram slots: a tree needs one per open leaf, and the next tree reuses them. Also
 * recycles the room where a leaf split ahead keeps its children's scans (prepared-split.ts).
 */
export class HistogramPool {
  readonly #free: HistogramSlot[] = [];
  readonly #freeScans: number[] = [];
  constructor(readonly inputs: HistogramInputs) {}

  /** Room for two nodes' kernel scans: 3 f64 per feature each, the left child's first. */
  takeScans(): number {
    return this.#freeScans.pop() ?? this.inputs.arena.alloc(48 * this.inputs.nFeatures);
  }

  giveScans(at: number): void {
    this.#freeScans.push(at);
  }

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

/** Bytes of one thread's buffer for the histogram kernel (1,024 rows × a 16-byte pair). */
export const HISTOGRAM_BUFFER_BYTES = 1024 * 16;

/** Below this many row × feature updates a histogram stays on one thread: waking others costs more. */
export const FEATURE_PARALLEL_MIN = 1 << 17;

/**
 * Fills `slot` from rows[start..end) (the rows region holds row indices; `gh` the rows' (grad,
 * hess) f32 pairs). Large nodes are shared by features: each thread sums its own features' bins
 * over all the node's rows, in row order, exactly as one thread would, so the sums are the same
 * for any number of threads.
 */
export function buildHistogram(inputs: HistogramInputs, start: number, end: number, gh: number, slot: HistogramSlot): void {
  const { arena, binned, nRows, nFeatures, offsets, rows, totalBins, buffers, binStarts } = inputs;
  const counts = slot.counts >= 0 ? slot.counts : 0;
  const T = arena.nThreads > 1 && (end - start) * nFeatures >= FEATURE_PARALLEL_MIN ? Math.min(arena.nThreads, nFeatures) : 1;
  if (T === 1) {
    arena.kernels.histogram(binned, nRows, offsets, rows, start, end, gh, slot.sums, counts, 0, nFeatures, 0, totalBins, buffers);
    return;
  }
  arena.team.run("histogram", (t) => {
    const f0 = t < T ? Math.round((t * nFeatures) / T) : nFeatures;
    const f1 = t < T ? Math.round(((t + 1) * nFeatures) / T) : nFeatures;
    return [binned, nRows, offsets, rows, start, end, gh, slot.sums, counts, f0, f1, binStarts[f0], binStarts[f1], buffers + t * HISTOGRAM_BUFFER_BYTES];
  });
}

/** A node's histogram to build: its rows[start..end) into `slot`. */
export interface HistogramJob {
  readonly start: number;
  readonly end: number;
  readonly slot: HistogramSlot;
}

/**
 * Builds the histograms of several nodes (a level of a tree grown depth-wise). When there are
 * enough of them, and none dominates, each thread builds whole nodes of its own — one wake-up for
 * the batch instead of one per node, and no node left to a single thread while the other waits;
 * otherwise each is built as buildHistogram does. Either way every node's sums are summed in row
 * order by one thread, so the result does not depend on the thread count.
 */
export function buildHistograms(inputs: HistogramInputs, jobs: readonly HistogramJob[], gh: number): void {
  const { arena, binned, nRows, nFeatures, offsets, rows, totalBins, buffers } = inputs;
  const T = arena.nThreads;
  const batches = wholeNodeBatches(jobs, T, Math.ceil(FEATURE_PARALLEL_MIN / nFeatures));
  if (!batches) {
    for (const job of jobs) buildHistogram(inputs, job.start, job.end, gh, job.slot);
    return;
  }
  for (const batch of batches) {
    const table = arena.i32(inputs.jobs, 4 * batch.length);
    batch.forEach((j, k) => {
      const job = jobs[j];
      table[4 * k] = job.start;
      table[4 * k + 1] = job.end;
      table[4 * k + 2] = job.slot.sums;
      table[4 * k + 3] = job.slot.counts >= 0 ? job.slot.counts : 0;
    });
    arena.team.run("histogramJobs", (t) => [binned, nRows, offsets, rows, gh, inputs.jobs, batch.length, t, T, nFeatures, totalBins, buffers + t * HISTOGRAM_BUFFER_BYTES]);
  }
}

/** The sibling's histogram by subtraction: parent −= child, O(bins) instead of O(rows). */
export function subtractHistogram(inputs: HistogramInputs, parent: HistogramSlot, child: HistogramSlot): void {
  const { arena, totalBins } = inputs;
  arena.kernels.subtract(parent.sums, child.sums, 2 * totalBins);
  if (parent.counts >= 0) arena.kernels.subtractCounts(parent.counts, child.counts, totalBins);
}
