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
  /** Thread t builds features featureSplits[t] ..< featureSplits[t + 1]. */
  readonly featureSplits: Int32Array;
  /** First bin of each feature, and totalBins at index nFeatures. */
  readonly binStart: Int32Array;
  /** The same in the arena (i32 per feature), for kernels. */
  readonly binStartAt: number;
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

/** Below this many row × feature updates a histogram is built by one thread: waking others costs more. */
const PARALLEL_MIN_WORK = 1 << 20;

/** Fills `slot` from rows[start..end) (the rows region holds row indices). */
export function buildHistogram(inputs: HistogramInputs, start: number, end: number, grad: number, hess: number, slot: HistogramSlot): void {
  const { arena, binned, nFeatures, offsets, rows, totalBins, featureSplits } = inputs;
  if (arena.nThreads === 1 || (end - start) * nFeatures < PARALLEL_MIN_WORK) {
    arena.kernels.histogram(binned, nFeatures, offsets, rows, start, end, grad, hess, slot.sums, 0, nFeatures, 0, totalBins);
  } else {
    // Each thread sums its own features: disjoint bins, row order kept, same result for any team size.
    arena.team.run("histogram", (t) => {
      const f0 = featureSplits[t];
      const f1 = featureSplits[t + 1];
      return [binned, nFeatures, offsets, rows, start, end, grad, hess, slot.sums, f0, f1, inputs.binStart[f0], inputs.binStart[f1]];
    });
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
  if (parent.counts >= 0) {
    const p = arena.u32(parent.counts, totalBins);
    const c = arena.u32(child.counts, totalBins);
    for (let k = 0; k < totalBins; k++) p[k] -= c[k];
  }
}
