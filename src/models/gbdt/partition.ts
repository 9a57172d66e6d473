// Splitting a node's rows between its children: a stable partition of its range of the row-index
// array by one feature's bins. Large ranges are cut into one chunk per thread; each thread moves
// its chunk's left rows to the chunk's front and copies its right rows out, then the pieces are
// put together in chunk order. A stable partition is unique, so the rows end up in the same order
// for any number of threads.

import type { Arena } from "./arena.js";
import { wholeNodeBatches } from "./node-batches.js";

export interface PartitionInputs {
  readonly arena: Arena;
  readonly rows: number;
  /** Bins column by column (feature f of row i at binned + f × nRows + i). */
  readonly binned: number;
  readonly nRows: number;
  /** One byte per bin: 1 where the bin goes left. */
  readonly goesLeft: number;
  /**
   * nRows i32 for right rows, used only at a node's own positions (those of its rows' range): a
   * leaf split ahead keeps its rows' earlier order there (prepared-split.ts).
   */
  readonly scratch: number;
  /** One i32 per thread: how many rows of its chunk went left. */
  readonly results: number;
  /** Room for MAX_BATCH 32-byte job records and as many 257-byte goesLeft tables. */
  readonly partitionJobs: number;
  readonly partitionTables: number;
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
    return [column, inputs.goesLeft, rows, s, bound(t + 1), scratch + 4 * s, results + 4 * t];
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
    arena.kernels.copy32(rows + 4 * position, scratch + 4 * bound(t), nRight);
    position += nRight;
  }
  return nLeft;
}

/** A node to partition: its rows[start..end) by `feature`, the bins in goesLeft (1: left). */
export interface PartitionJob {
  readonly feature: number;
  readonly goesLeft: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/**
 * Partitions several nodes (a level of a tree grown depth-wise) and returns how many rows of each
 * went left. With enough nodes, none dominating, each thread partitions whole nodes of its own;
 * otherwise each goes through partitionRows. The rows end up the same either way.
 */
export function partitionNodes(inputs: PartitionInputs, jobs: readonly PartitionJob[]): Int32Array {
  const { arena } = inputs;
  const T = arena.nThreads;
  const out = new Int32Array(jobs.length);
  const batches = wholeNodeBatches(jobs, T, PARALLEL_MIN_ROWS);
  if (!batches) {
    jobs.forEach((job, j) => {
      arena.u8(inputs.goesLeft, job.goesLeft.length).set(job.goesLeft);
      out[j] = partitionRows(inputs, job.feature, job.start, job.end);
    });
    return out;
  }
  for (const batch of batches) {
    const table = arena.i32(inputs.partitionJobs, 8 * batch.length);
    batch.forEach((j, k) => {
      const job = jobs[j];
      const tableAt = inputs.partitionTables + 257 * k;
      arena.u8(tableAt, job.goesLeft.length).set(job.goesLeft);
      table[8 * k] = inputs.binned + job.feature * inputs.nRows;
      table[8 * k + 1] = tableAt;
      table[8 * k + 2] = job.start;
      table[8 * k + 3] = job.end;
    });
    arena.team.run("partitionNodes", (t) => [inputs.partitionJobs, batch.length, t, T, inputs.rows, inputs.scratch]);
    const results = arena.i32(inputs.partitionJobs, 8 * batch.length);
    batch.forEach((j, k) => (out[j] = results[8 * k + 4]));
  }
  return out;
}
