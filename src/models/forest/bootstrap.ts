// Per-tree randomness. Tree t's seed is drawn from the forest's seed before any tree grows, and
// everything random about tree t (its bootstrap sample, its feature draws, its thresholds) comes
// from that seed alone: the forest is the same whichever thread grows which tree.

import { InvalidInput, Rng } from "../../core/index.js";

export function treeSeeds(seed: number, nTrees: number): Uint32Array {
  const rng = new Rng(seed);
  return Uint32Array.from({ length: nTrees }, () => rng.nextUint32());
}

/** How often each of n rows is drawn in tree `treeSeed`'s bootstrap sample of `nDraws` rows. */
export function bootstrapCounts(treeSeed: number, n: number, nDraws: number): Int32Array {
  const rng = new Rng(treeSeed);
  const counts = new Int32Array(n);
  for (let d = 0; d < nDraws; d++) counts[rng.int(n)]++;
  return counts;
}

/** The seed of a tree's split search, a stream apart from its bootstrap draws. */
export function growthSeed(treeSeed: number): number {
  return (treeSeed ^ 0x5bd1e995) >>> 0;
}

/** Rows per bootstrap sample: maxSamples as a fraction (≤ 1) or a count, at most n. */
export function drawsOf(maxSamples: number | null, n: number): number {
  if (maxSamples === null) return n;
  if (maxSamples <= 1) return Math.max(1, Math.round(maxSamples * n));
  if (!Number.isInteger(maxSamples)) throw new InvalidInput(`maxSamples must be a fraction in (0, 1] or a whole count: received ${maxSamples}`);
  if (maxSamples > n) throw new InvalidInput(`maxSamples is ${maxSamples} but X has ${n} rows`, { hint: "give at most the number of rows, or a fraction" });
  return maxSamples;
}
