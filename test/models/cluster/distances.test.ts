// The tiled distance kernel against the direct formula, on every edge of its tiling (odd row
// counts, centre counts that are not multiples of 4, blocks longer than one), and the Jacobi
// eigen-solver PCA relies on.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Rng } from "../../../src/core/index.js";
import { crossDots } from "../../../src/models/cluster/distances.js";
import { symmetricEigen } from "../../../src/models/decomposition/symmetric-eigen.js";

test("crossDots agrees with the direct formula for every tile edge", () => {
  const rng = new Rng(5);
  for (const [n, p, k] of [[1, 3, 1], [7, 5, 3], [600, 7, 9], [513, 2, 6], [10, 1, 4]] as const) {
    const X = Float64Array.from({ length: n * p }, () => rng.normal());
    const C = Float64Array.from({ length: k * p }, () => rng.normal());
    const dots = new Float64Array(n * k);
    crossDots(X, p, { start: 0, end: n }, C, k, dots);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let d = 0;
        for (let f = 0; f < p; f++) d += X[i * p + f] * C[j * p + f];
        assert.ok(Math.abs(dots[i * k + j] - d) < 1e-12, `dot ${i},${j} for n=${n} p=${p} k=${k}`);
      }
    }
  }
});

test("symmetricEigen: A V = V Λ with orthonormal V and decreasing eigenvalues", () => {
  const rng = new Rng(2);
  const m = 30;
  const B = Float64Array.from({ length: m * m }, () => rng.normal());
  const A = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) for (let t = 0; t < m; t++) A[i * m + j] += B[i * m + t] * B[j * m + t];
  const { values, vectors } = symmetricEigen(A, m);
  for (let c = 1; c < m; c++) assert.ok(values[c - 1] >= values[c]);
  for (let c = 0; c < m; c++) {
    for (let r = 0; r < m; r++) {
      let av = 0;
      for (let t = 0; t < m; t++) av += A[r * m + t] * vectors[t * m + c];
      assert.ok(Math.abs(av - values[c] * vectors[r * m + c]) < 1e-9 * values[0], `A v ≠ λ v for column ${c}`);
    }
    for (let d = 0; d <= c; d++) {
      let dot = 0;
      for (let t = 0; t < m; t++) dot += vectors[t * m + c] * vectors[t * m + d];
      assert.ok(Math.abs(dot - (c === d ? 1 : 0)) < 1e-12);
    }
  }
});
