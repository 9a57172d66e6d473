// Oracle tests against scikit-learn 1.2.1 (test/fixtures/linear/make_linear_fixture.py): the same
// objectives, so coefficients, intercepts, predictions, probabilities and objective values agree;
// standard errors, t/z statistics and p-values against numpy/scipy formulas.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { matrix, type Matrix } from "../../../src/core/index.js";
import { ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge, type LinearRegressorModel } from "../../../src/models/index.js";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/linear/linear.json", import.meta.url), "utf8"));

const matrixOf = (m: { rows: number; cols: number; data: number[] }): Matrix => matrix(Float64Array.from(m.data), m);

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(err <= tol * Math.max(scale, 1e-12), `${what}[${i}]: ${actual[i]} vs ${expected[i]} (tolerance ${tol} relative to ${scale})`);
  }
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe("regressors agree with scikit-learn", () => {
  for (const c of fixture.regressionCases) {
    test(`${c.name} (${c.estimator})`, () => {
      const data = fixture.regression[c.data];
      const X = matrixOf(data.X);
      const options = c.weighted ? { sampleWeight: data.weight } : {};
      const fitIntercept = c.params.fit_intercept;
      let model: LinearRegressorModel;
      let tol = 1e-9;
      if (c.estimator === "LinearRegression") model = new LinearRegression({ fitIntercept }).fit(X, data.y, options);
      else if (c.estimator === "Ridge") model = new Ridge({ alpha: c.params.alpha, fitIntercept }).fit(X, data.y, options);
      else {
        const descent = { alpha: c.params.alpha, fitIntercept, tol: c.params.tol, maxIter: c.params.max_iter };
        model = c.estimator === "Lasso" ? new Lasso(descent).fit(X, data.y, options) : new ElasticNet({ ...descent, l1Ratio: c.params.l1_ratio }).fit(X, data.y, options);
        // Same cyclic iterates as scikit-learn's, rounding aside, and the same stopping pass.
        assert.equal(model.info.nIterations, c.nIter, "iterations");
        assert.ok(model.info.converged);
        tol = 1e-7;
      }
      close(model.coef, c.coef, tol, "coef");
      assert.ok(Math.abs(model.intercept - c.intercept) <= tol * Math.max(1, Math.abs(c.intercept)), `intercept ${model.intercept} vs ${c.intercept}`);
      close(model.predict(matrix(X.data.slice(0, 10 * X.cols), { rows: 10, cols: X.cols })), c.predictions, tol, "predictions");
      assert.ok(relative(model.info.objective, c.objective) < 1e-9, `objective ${model.info.objective} vs ${c.objective}`);
    });
  }
});

describe("LinearRegression statistics agree with numpy formulas", () => {
  for (const c of fixture.regressionCases.filter((r: { statistics?: unknown }) => r.statistics)) {
    test(c.name, () => {
      const data = fixture.regression[c.data];
      const model = new LinearRegression({ fitIntercept: c.params.fit_intercept }).fit(matrixOf(data.X), data.y, c.weighted ? { sampleWeight: data.weight } : {});
      const table = model.summary();
      const s = c.statistics;
      assert.equal(table.note, null);
      assert.equal(table.dfResidual, s.dfResidual);
      close(table.rows.map((r) => r.stdError!), s.stdErrors, 1e-8, "standard errors");
      close(table.rows.map((r) => r.statistic!), s.t, 1e-8, "t");
      table.rows.forEach((r, j) => assert.ok(relative(r.pValue!, s.p[j]) < 1e-7 || Math.abs(r.pValue! - s.p[j]) < 1e-300, `p[${j}]: ${r.pValue} vs ${s.p[j]}`));
      assert.ok(relative(table.r2!, s.r2) < 1e-10);
      assert.ok(relative(table.adjustedR2!, s.adjustedR2) < 1e-10);
      assert.ok(relative(table.residualStdError!, s.residualStdError) < 1e-10);
    });
  }
});

describe("LogisticRegression agrees with scikit-learn", () => {
  for (const c of fixture.logisticCases) {
    test(c.name, () => {
      const data = fixture.classification[c.data];
      const X = matrixOf(data.X);
      const options = c.weighted ? { sampleWeight: data.weight } : {};
      const params = { penalty: c.params.penalty, C: c.params.C, l1Ratio: c.params.l1Ratio ?? 0.5, fitIntercept: c.params.fitIntercept };
      // Tight settings reach the optimum scikit-learn's tight fit reached.
      const model = new LogisticRegression({ ...params, tol: 1e-10, maxIter: 20000 }).fit(X, data.y, options);
      assert.deepEqual(model.classes, c.classes);
      assert.ok(relative(model.info.objective, c.objective) < 1e-8, `objective ${model.info.objective} vs ${c.objective}`);
      const coefTol = c.params.penalty === "l2" ? 1e-5 : 1e-4;
      close(model.coef, c.coef, coefTol, "coef");
      close(model.intercept, c.intercept, coefTol, "intercept");
      close(model.predictProba(matrix(X.data.slice(0, 10 * X.cols), { rows: 10, cols: X.cols })).data, c.proba, 1e-5, "predictProba");
      if (c.defaultObjective !== undefined) {
        // Default settings (tol 1e-4, 100 iterations) on both sides: objective within 1e-6.
        const quick = new LogisticRegression(params).fit(X, data.y, options);
        assert.ok(relative(quick.info.objective, c.defaultObjective) < 1e-6, `default objective ${quick.info.objective} vs ${c.defaultObjective}`);
      }
      if (c.statistics) {
        const table = model.summary();
        assert.equal(table.note, null);
        close(table.rows.map((r) => r.stdError!), c.statistics.stdErrors, 1e-5, "standard errors");
        close(table.rows.map((r) => r.statistic!), c.statistics.z, 1e-5, "z");
        table.rows.forEach((r, j) => assert.ok(Math.abs(r.pValue! - c.statistics.p[j]) < 1e-6, `p[${j}]: ${r.pValue} vs ${c.statistics.p[j]}`));
        assert.ok(relative(table.logLikelihood!, c.logLikelihood) < 1e-9);
      }
    });
  }
});
