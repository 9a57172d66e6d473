// Sharing a level's nodes between threads, each node whole: histograms and partitions of a tree
// grown level by level (grower.ts) go out this way, so that one wake-up serves many small nodes
// and every node's work is still done by one thread, in row order, whatever the thread count.

/** Most nodes handed to the threads in one batch (the arena reserves room for this many). */
export const MAX_BATCH = 1024;

/**
 * The nodes (index ranges of the rows region) in batches of at most MAX_BATCH indices, largest
 * first — dealt out in turn, the threads' shares of rows come out close — or null when they are
 * better done one by one: a single thread, fewer nodes than threads, one node dominating, or
 * fewer than minRows rows in all.
 */
export function wholeNodeBatches(nodes: readonly { readonly start: number; readonly end: number }[], nThreads: number, minRows: number): number[][] | null {
  let total = 0;
  let largest = 0;
  for (const { start, end } of nodes) {
    total += end - start;
    largest = Math.max(largest, end - start);
  }
  if (nThreads === 1 || nodes.length < nThreads || largest * nThreads > total * 1.5 || total < minRows) return null;
  const order = nodes.map((_, j) => j).sort((a, b) => nodes[b].end - nodes[b].start - (nodes[a].end - nodes[a].start));
  const batches: number[][] = [];
  for (let b0 = 0; b0 < order.length; b0 += MAX_BATCH) batches.push(order.slice(b0, b0 + MAX_BATCH));
  return batches;
}
