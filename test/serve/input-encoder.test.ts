// The encoder's values: every request's rows land in memory of their own (small requests share a
// slab, cut forward only), and the warnings it gives for ranges, missing values and unseen categories.

import assert from "node:assert/strict";
import { test } from "node:test";
import type { SignatureColumn } from "../../src/automl/index.js";
import { InputEncoder, type EncodedInput } from "../../src/serve/index.js";

const SIGNATURE: SignatureColumn[] = [
  { name: "x", kind: "numeric", nullable: false, range: [0, 10] },
  { name: "color", kind: "categorical", nullable: true, categories: ["red", "green"] },
  { name: "n", kind: "integer", nullable: true },
];

function table(rows: Record<string, unknown>[]) {
  return { nRows: rows.length, columns: new Set(rows.flatMap((r) => Object.keys(r))), value: (i: number, c: string) => rows[i][c] };
}

test("values of many requests stay apart, across slabs and for a large request", () => {
  const encoder = new InputEncoder(SIGNATURE);
  const kept: [number, EncodedInput][] = [];
  // 3 values of 8 bytes a row: 5,000 single-row requests run through several 64 KiB slabs.
  for (let k = 0; k < 5000; k++) kept.push([k, encoder.encode(table([{ x: k % 11, color: k % 2 ? "red" : "green", n: k }]))]);
  const big = encoder.encode(table(Array.from({ length: 4000 }, (_, i) => ({ x: 1, color: "red", n: i }))));
  for (const [k, input] of kept) assert.deepEqual(Array.from(input.values), [k % 11, k % 2 ? 0 : 1, k]);
  assert.equal(big.values.length, 12000);
  assert.equal(big.values[3 * 3999 + 2], 3999);
});

test("warnings: outside the training range, missing where training saw none, unseen categories, unknown columns", () => {
  const encoder = new InputEncoder(SIGNATURE);
  const input = encoder.encode(table([{ x: 11, color: "violet", n: 1, extra: 1 }, { x: null, color: "red" }, { x: -1, color: "blue", n: 2 }]));
  assert.deepEqual(Array.from(input.values.subarray(0, 3)), [11, 2, 1]);
  assert.ok(Number.isNaN(input.values[3]));
  assert.ok(Number.isNaN(input.values[5]), "an absent value is missing");
  assert.deepEqual(input.unseen[1], ["violet", "blue"]);
  assert.deepEqual([...input.warnings].sort(), [
    'column "color" has categories never seen in training ("violet", "blue"): handled as the model learnt for unseen categories',
    'column "extra" is not an input of this model: ignored',
    'column "x" has missing values, which training never saw: handled as the model learnt for missing values',
    'column "x" has values outside the training range [0, 10] (2 rows)',
  ]);
});
