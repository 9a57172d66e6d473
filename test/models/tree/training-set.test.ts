// Ranking the training columns: whichever way a column is ranked (counting for integer codes,
// a radix sort of the values' bits for the rest), each value's rank must index it among the
// column's distinct values in increasing order, with -0 and 0 one value.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng, matrix } from "../../../src/core/index.js";
import { trainingSet } from "../../../src/models/tree/training-set.js";

const KINDS: Record<string, (rng: Rng) => number> = {
  "reals of both signs": (rng) => (rng.next() - 0.5) * 1e6,
  "integers over a wide span": (rng) => Math.round((rng.next() - 0.5) * 1e7),
  "integer codes": (rng) => rng.int(40) - 3,
  "zeros, extremes and subnormals": (rng) => [0, -0, 1e-300, -1e-300, 5e-324, -5e-324, 1e300, -1e300, 3.5, -3.5][rng.int(10)],
  "magnitudes over 170 decades": (rng) => Math.exp((rng.next() - 0.5) * 400) * (rng.next() < 0.5 ? -1 : 1),
};

for (const [kind, draw] of Object.entries(KINDS)) {
  test(`ranks ${kind} in value order`, () => {
    const rng = new Rng(7);
    for (const n of [1, 2, 17, 300, 5000]) {
      const column = Float64Array.from({ length: n }, () => draw(rng));
      const set = trainingSet(matrix(column, { rows: n, cols: 1 }));
      const expected = [...new Set(Array.from(column, (v) => v + 0))].sort((a, b) => a - b);
      assert.deepEqual(Array.from(set.distinct), expected, `${kind}, n ${n}: distinct values`);
      for (let i = 0; i < n; i++) assert.equal(set.distinct[set.ranks[i]], column[i] + 0, `${kind}, n ${n}: row ${i}`);
    }
  });
}
