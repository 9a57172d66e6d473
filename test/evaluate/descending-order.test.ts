// The radix sort behind every ranking metric against a comparison sort: decreasing scores, equal
// scores in input order, −0 equal to +0, negatives, subnormals and huge values, and sizes on
// both sides of the switch between the two sorts.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../../src/core/index.js";
import { TAG_BIT, descendingOrder, rowOf } from "../../src/evaluate/metrics/descending-order.js";

function reference(scores: Float64Array): Uint32Array {
  return Uint32Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** The order without tags, after checking the sorted scores and tags agree with it. */
function sortedBy(scores: Float64Array, tag: Uint8Array | null = null): Uint32Array {
  const { order, sorted } = descendingOrder(scores, tag);
  const rows = order.map(rowOf);
  for (let r = 0; r < order.length; r++) {
    assert.equal(sorted[r], scores[rows[r]] + 0, `sorted[${r}]`);
    assert.ok(!Object.is(sorted[r], -0), "−0 comes back as +0");
    assert.equal((order[r] & TAG_BIT) !== 0, tag !== null && tag[rows[r]] === 1, `tag of row ${rows[r]}`);
  }
  return rows;
}

test("descendingOrder sorts like a stable comparison sort", () => {
  const rng = new Rng(11);
  const special = [0, -0, 5e-324, -5e-324, 1e308, -1e308, 1, -1, 0.5, Number.MIN_VALUE, Number.MAX_VALUE];
  for (const n of [0, 1, 7, 511, 512, 3000, 50_000]) {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const kind = rng.int(4);
      scores[i] = kind === 0 ? special[rng.int(special.length)] : kind === 1 ? Math.round(rng.next() * 20) / 20 : kind === 2 ? rng.normal() * 1e6 : rng.next();
    }
    assert.deepEqual(sortedBy(scores, Uint8Array.from(scores, (_, i) => (i % 3 === 0 ? 1 : 0))), reference(scores), `n = ${n}`);
  }
});

test("probabilities that share their high bits still sort (skipped passes)", () => {
  const rng = new Rng(3);
  const scores = Float64Array.from({ length: 4000 }, () => 0.5 + rng.next() * 1e-9);
  assert.deepEqual(sortedBy(scores), reference(scores));
  const constant = new Float64Array(2000).fill(0.25);
  assert.deepEqual(sortedBy(constant), Uint32Array.from(constant.keys()));
});

test("the scores are left untouched, including a subarray view", () => {
  const base = Float64Array.from({ length: 1200 }, (_, i) => Math.sin(i));
  const view = base.subarray(100, 1100);
  const before = Float64Array.from(base);
  assert.deepEqual(sortedBy(view), reference(view));
  assert.deepEqual(base, before);
});
