// The binning sample's radix sort gives exactly the order of Float64Array.prototype.sort on finite
// values: signs, −0 before +0, subnormals, extreme magnitudes, ties and runs of one value.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Rng } from "../../../src/core/index.js";
import { RadixScratch } from "../../../src/models/gbdt/binning.js";

describe("RadixScratch.sort", () => {
  const rng = new Rng(5);
  const cases: Record<string, () => number> = {
    "mixed signs": () => rng.normal() * 100,
    "zeros of both signs and small integers": () => (rng.next() < 0.3 ? 0 : rng.next() < 0.5 ? -0 : Math.round(rng.normal() * 3)),
    "extreme magnitudes": () => (rng.next() - 0.5) * 1e300,
    subnormals: () => (rng.next() - 0.5) * 1e-310,
    "negatives only": () => -rng.next(),
    "one value": () => 2.5,
  };
  const scratch = new RadixScratch(50_000);
  for (const [name, draw] of Object.entries(cases)) {
    test(name, () => {
      for (const n of [0, 1, 2, 1000, 50_000]) {
        const values = Float64Array.from({ length: n }, draw);
        const expected = values.slice().sort();
        const sorted = scratch.sort(values.slice());
        for (let i = 0; i < n; i++) assert.ok(Object.is(sorted[i], expected[i]), `${n} values, position ${i}: ${sorted[i]} vs ${expected[i]}`);
      }
    });
  }
});
