// The node sort of the split search: every regime (packed quicksort for small nodes, radix sort
// in one, two or three passes, the radix fallback for ranks too wide to pack) must order the
// ranks, carry each position with its rank, and return the keys less the node's lowest rank.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../../src/core/index.js";
import { sortByKey, sortScratch } from "../../../src/models/tree/rank-sort.js";

function check(n: number, lo: number, range: number, seed: number): void {
  const rng = new Rng(seed);
  const ranks = Int32Array.from({ length: n }, () => lo + rng.int(range));
  const keys = ranks.slice();
  const positions = Int32Array.from({ length: n }, (_, i) => i);
  sortByKey(keys, positions, n, lo, range, sortScratch(n));
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    assert.equal(keys[i] + lo, ranks[positions[i]], `n ${n}, range ${range}: position ${positions[i]} lost its rank`);
    if (i > 0) assert.ok(keys[i - 1] <= keys[i], `n ${n}, range ${range}: out of order at ${i}`);
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
