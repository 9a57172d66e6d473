// Splitting a node's rows between its children: a stable partition of its range of the row-index
// array by one feature's bins. Large ranges are cut into one chunk per thread; each thread moves
// its chunk's left rows to the chunk's front and copies its right rows out, then the pieces are
// put together in chunk order. A stable partition is unique, so the rows end up in the same order
// for any number of threads.

import type { Arena } from "./arena.js";

export interface PartitionInputs {
  readonly arena: Arena;
  readonly rows: number;
  /** Bins column by column (feature f of row i at binned + f × nRows + i). */
  readonly binned: number;
  readonly nRows: number;
  /** One byte per bin: 1 where the bin goes left. */
  readonly goesLeft: number;
  /** A buffer of nRows i32 for right rows. */
  readonly scratch: number;
  /** One i32 per thread: how many rows of its chunk went left. */
  readonly results: number;
}

/** Below this many rows one thread partitions alone: waking the others costs more. */
const PARALLEL_MIN_ROWS = 1 << 13;

/** Partitions rows[start..end) by feature f; returns how many rows went left (they come first). */
export function partitionRows(inputs: PartitionInputs, feature: number, start: number, end: number): number {
  const { arena, rows, scratch, results } = inputs;
  // The feature's column: one byte a row, in cache however scattered the node's rows are.
  const column = inputs.binned + feature * inputs.nRows;
  const n = end - start;
  const nChunks = n < PARALLEL_MIN_ROWS ? 1 : arena.nThreads;
  const bound = (t: number): number => start + Math.round((t * n) / nChunks);
  const args = (t: number): number[] => {
    const s = bound(t);
    return [column, inputs.goesLeft, rows, s, bound(t + 1), scratch + 4 * (s - start), results + 4 * t];
  };
  if (nChunks === 1) (arena.kernels.partitionChunk as (...a: number[]) => void)(...args(0));
  else arena.team.run("partitionChunk", args);
  const nLeftOf = arena.i32(results, nChunks);
  let position = start;
  // Left pieces slide down over the space the right rows left (never past their own start).
  for (let t = 0; t < nChunks; t++) {
    if (position !== bound(t)) arena.kernels.copy32(rows + 4 * position, rows + 4 * bound(t), nLeftOf[t]);
    position += nLeftOf[t];
  }
  const nLeft = position - start;
  for (let t = 0; t < nChunks; t++) {
    const nRight = bound(t + 1) - bound(t) - nLeftOf[t];
    arena.kernels.copy32(rows + 4 * position, scratch + 4 * (bound(t) - start), nRight);
    position += nRight;
  }
  return nLeft;
}
