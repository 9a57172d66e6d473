// The distribution functions against scipy, and a least-squares fit small enough to check by hand:
// x = 0, 1, 2, 3 and y = 1, 3, 2, 5 give slope 1.1, intercept 1.1, RSS 2.7, and with 2 residual
// degrees of freedom the t tail has a closed form, P(|T| > t) = 1 − t/√(2 + t²).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { matrix } from "../../../src/core/index.js";
import { betaIncomplete as incompleteBeta, normalCdf, normalTwoSided, studentTCdf, studentTTwoSided } from "../../../src/core/index.js";
import { LinearRegression } from "../../../src/models/index.js";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/linear/linear.json", import.meta.url), "utf8"));

function relativeClose(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected) || Math.abs(actual - expected) < 1e-300, `${what}: ${actual} vs ${expected}`);
}

describe("distribution functions agree with scipy", () => {
  test("normal cdf and two-sided tail, far tails included", () => {
    for (const { x, cdf, twoSided } of fixture.distributions.normal) {
      relativeClose(normalCdf(x), cdf, 1e-12, `Φ(${x})`);
      relativeClose(normalTwoSided(x), twoSided, 1e-12, `2Φ(−|${x}|)`);
    }
  });

  test("Student t cdf and two-sided tail, whole and fractional degrees of freedom", () => {
    for (const { x, df, cdf, twoSided } of fixture.distributions.t) {
      relativeClose(studentTCdf(x, df), cdf, 1e-11, `T_${df}(${x})`);
      relativeClose(studentTTwoSided(x, df), twoSided, 1e-11, `two-sided T_${df}(${x})`);
    }
  });

  test("regularised incomplete beta", () => {
    for (const { x, a, b, value } of fixture.distributions.beta) relativeClose(incompleteBeta(x, a, b), value, 1e-12, `I_${x}(${a}, ${b})`);
  });

  test("closed forms: Cauchy (t with 1 df) and t with 2 df", () => {
    for (const t of [0.1, 1, 3, 40]) {
      relativeClose(studentTTwoSided(t, 1), 1 - (2 / Math.PI) * Math.atan(t), 1e-13, `Cauchy ${t}`);
      relativeClose(studentTTwoSided(t, 2), 1 - t / Math.sqrt(2 + t * t), 1e-12, `t2 ${t}`);
    }
  });
});

describe("a least-squares fit checked by hand", () => {
  test("an exact line is recovered exactly and has R² = 1", () => {
    const X = matrix(Float64Array.of(0, 1, 2, 3, 4), { rows: 5, cols: 1 });
    const model = new LinearRegression().fit(X, [1, 3, 5, 7, 9]);
    assert.ok(Math.abs(model.coef[0] - 2) < 1e-14 && Math.abs(model.intercept - 1) < 1e-14);
    assert.ok(Math.abs(model.summary().r2! - 1) < 1e-14);
    assert.deepEqual(Array.from(model.predict(matrix(Float64Array.of(10), { rows: 1, cols: 1 }))).map((v) => Math.round(v * 1e9) / 1e9), [21]);
  });

  test("four points: coefficients, standard errors, t, p, R² and σ", () => {
    const model = new LinearRegression().fit(matrix(Float64Array.of(0, 1, 2, 3), { rows: 4, cols: 1 }), [1, 3, 2, 5], { featureNames: ["x"] });
    const table = model.summary();
    const [intercept, slope] = table.rows;
    assert.equal(intercept.term, "(intercept)");
    assert.equal(slope.term, "x");
    relativeClose(slope.estimate, 1.1, 1e-13, "slope");
    relativeClose(intercept.estimate, 1.1, 1e-13, "intercept");
    // σ² = 2.7 / 2; Var(slope) = σ²/Sxx with Sxx = 5; Var(intercept) = σ²(1/4 + 1.5²/5).
    relativeClose(slope.stdError!, Math.sqrt(1.35 / 5), 1e-12, "se slope");
    relativeClose(intercept.stdError!, Math.sqrt(1.35 * 0.7), 1e-12, "se intercept");
    const t = 1.1 / Math.sqrt(0.27);
    relativeClose(slope.statistic!, t, 1e-12, "t");
    relativeClose(slope.pValue!, 1 - t / Math.sqrt(2 + t * t), 1e-12, "p");
    relativeClose(table.r2!, 1 - 2.7 / 8.75, 1e-12, "R²");
    relativeClose(table.adjustedR2!, 1 - ((2.7 / 8.75) * 3) / 2, 1e-12, "adjusted R²");
    relativeClose(table.residualStdError!, Math.sqrt(1.35), 1e-12, "σ");
    assert.equal(table.dfResidual, 2);
    assert.equal(table.note, null);
  });

  test("a weight of 2 on a row is the same fit as the row twice", () => {
    const once = new LinearRegression().fit(matrix(Float64Array.of(0, 1, 2, 3), { rows: 4, cols: 1 }), [1, 3, 2, 5], { sampleWeight: [1, 2, 1, 1] });
    const twice = new LinearRegression().fit(matrix(Float64Array.of(0, 1, 1, 2, 3), { rows: 5, cols: 1 }), [1, 3, 3, 2, 5]);
    relativeClose(once.coef[0], twice.coef[0], 1e-13, "slope");
    relativeClose(once.intercept, twice.intercept, 1e-13, "intercept");
  });
});
