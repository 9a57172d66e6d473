// The node sort of the split search (assembly/tree.ts): every regime (packed quicksort for small nodes, radix sort
// in one, two or three passes, the radix fallback for ranks too wide to pack) must order the
// ranks, carry each position with its rank, keep ties in order, and return the keys less the
// node's lowest rank.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng, matrix } from "../../../src/core/index.js";
import { trainingSet } from "../../../src/models/tree/training-set.js";
import { growBuffers } from "../../../src/models/tree/tree-memory.js";

function check(n: number, lo: number, range: number, seed: number): void {
  const rng = new Rng(seed);
  const ranks = Int32Array.from({ length: n }, () => lo + rng.int(range));
  // The kernel sorts the node's keys and positions in a grower's memory, sized for n rows.
  const buffers = growBuffers(trainingSet(matrix(new Float64Array(n), { rows: n, cols: 1 })), { nClasses: 2, splitter: "best" });
  buffers.nodeKeys.set(ranks);
  for (let i = 0; i < n; i++) buffers.nodePositions[i] = i;
  buffers.kernels.sortByKey(n, lo, range);
  const keys = buffers.nodeKeys;
  const positions = buffers.nodePositions;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    assert.equal(keys[i] + lo, ranks[positions[i]], `n ${n}, range ${range}: position ${positions[i]} lost its rank`);
    if (i > 0) assert.ok(keys[i - 1] <= keys[i], `n ${n}, range ${range}: out of order at ${i}`);
    // Equal ranks keep their order: a node's rows are then summed in the same order whichever sort ran.
    if (i > 0 && keys[i - 1] === keys[i]) assert.ok(positions[i - 1] < positions[i], `n ${n}, range ${range}: tie reordered at ${i}`);
    assert.equal(seen[positions[i]], 0, `position ${positions[i]} twice`);
    seen[positions[i]] = 1;
  }
}

describe("sortByKey orders a node's ranks and keeps each row's position", () => {
  test("small nodes (packed quicksort), with ties and without", () => {
    for (const n of [1, 2, 15, 17, 100, 255]) for (const range of [2, 7, 1000, 1 << 20]) check(n, 3, range, n * 31 + range);
  });
  test("large nodes (radix sort in one, two and three passes)", () => {
    for (const range of [600, 5000, 1 << 16, 1 << 25]) check(3000, 11, range, range);
  });
  test("small nodes whose ranks are too wide to pack go through the radix sort", () => {
    check(50, 1 << 24, 1 << 26, 5);
  });
});
