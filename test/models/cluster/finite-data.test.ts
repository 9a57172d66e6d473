// The data preparation in the workspace (checked finite, centred there) against the JavaScript
// route it replaces: the same bits, and the same cell named when a value is not finite.

import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidInput, Rng, matrix } from "../../../src/core/index.js";
import { centerColumns, centredInWorkspace, finiteData } from "../../../src/models/cluster/finite-data.js";
import { LinalgWorkspace } from "../../../src/models/linalg/index.js";

test("centredInWorkspace gives finiteData + centerColumns bit for bit, and each column's sum of squares", () => {
  const rng = new Rng(3);
  for (const [n, p] of [[1, 1], [5, 3], [300, 7], [257, 16], [40, 1]] as const) {
    const X = matrix(Float64Array.from({ length: n * p }, () => 100 + 10 * rng.normal()), { rows: n, cols: p });
    const expected = finiteData(X, "test");
    const mean = centerColumns(expected, n, p);
    const ws = new LinalgWorkspace(1);
    try {
      const got = centredInWorkspace(ws, X, "test");
      assert.deepEqual(got.mean, mean);
      assert.deepEqual(ws.f64(got.x, n * p).slice(), expected);
      for (let f = 0; f < p; f++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += expected[i * p + f] ** 2;
        assert.equal(got.squares[f], s);
      }
    } finally {
      ws.close();
    }
  }
});

test("centredInWorkspace names the first non-finite cell, at any position", () => {
  const n = 9;
  const p = 3;
  for (const at of [0, 1, 4, 13, n * p - 1]) {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const data = Float64Array.from({ length: n * p }, (_, i) => i);
      data[at] = bad;
      if (at + 2 < n * p) data[at + 2] = NaN;
      const ws = new LinalgWorkspace(1);
      try {
        assert.throws(
          () => centredInWorkspace(ws, matrix(data, { rows: n, cols: p }), "Test"),
          (e: unknown) => e instanceof InvalidInput && e.message.includes(`X has ${bad} at row ${Math.floor(at / p)}, column ${at % p}`),
        );
      } finally {
        ws.close();
      }
    }
  }
});
