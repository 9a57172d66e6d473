// Bad and degenerate input: NaN and infinite values, collinear and constant columns, more features
// than rows, a single class, separable classes, non-convergence. Each gets a clear InvalidInput or
// a documented result with a warning on model.info.warnings, never NaN coefficients in silence.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InvalidInput, matrix, Rng, type Matrix } from "../../../src/core/index.js";
import { ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge } from "../../../src/models/index.js";

const rng = new Rng(11);
function randomMatrix(rows: number, cols: number): Matrix {
  return matrix(Float64Array.from({ length: rows * cols }, () => rng.normal()), { rows, cols });
}
const X = randomMatrix(50, 3);
const y = Float64Array.from({ length: 50 }, (_, i) => X.data[i * 3] + 2 * X.data[i * 3 + 1] + 0.1 * rng.normal());
const labels = Array.from(y, (v) => (v > 0 ? "a" : "b"));

const estimators = {
  LinearRegression: () => new LinearRegression(),
  Ridge: () => new Ridge(),
  Lasso: () => new Lasso({ alpha: 0.01 }),
  ElasticNet: () => new ElasticNet({ alpha: 0.01 }),
};

function finite(values: ArrayLike<number>): boolean {
  return Array.from(values).every(Number.isFinite);
}

describe("values linear models cannot take", () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    for (const [name, make] of Object.entries(estimators)) {
      test(`${name}: ${bad} in X names the row and column and says to impute`, () => {
        const data = Float64Array.from(X.data);
        data[7 * 3 + 2] = bad;
        assert.throws(() => make().fit(matrix(data, X), y, { featureNames: ["a", "b", "c"] }), (error: unknown) => {
          assert.ok(error instanceof InvalidInput);
          assert.match(error.message, /row 7, column 2 \("c"\)/);
          assert.match(error.hint ?? "", /impute/);
          return true;
        });
      });
    }
    test(`LogisticRegression: ${bad} in X is refused the same way`, () => {
      const data = Float64Array.from(X.data);
      data[4 * 3] = bad;
      assert.throws(() => new LogisticRegression().fit(matrix(data, X), labels), /row 4, column 0/);
    });
  }

  test("a single class is refused", () => {
    assert.throws(() => new LogisticRegression().fit(X, labels.map(() => "a")), (error: unknown) => error instanceof InvalidInput && /single class/.test(error.message));
  });

  test("parameters out of range and an lbfgs solver for an l1 penalty are refused", () => {
    assert.throws(() => new Ridge({ alpha: -1 }), /alpha must be in \[0, ∞\): received -1/);
    assert.throws(() => new LogisticRegression({ C: 0 }), /C must be in/);
    assert.throws(() => new LogisticRegression({ penalty: "l1", solver: "lbfgs" }), (e: unknown) => e instanceof InvalidInput && /cannot minimise the l1 penalty/.test(e.message) && /owlqn/.test(e.hint ?? ""));
  });
});

describe("collinear, constant and wide designs", () => {
  // Column 3 = column 0 − 2·column 1: an exact linear dependency.
  const collinear = matrix(new Float64Array(50 * 4), { rows: 50, cols: 4 });
  for (let i = 0; i < 50; i++) {
    for (let j = 0; j < 3; j++) collinear.data[i * 4 + j] = X.data[i * 3 + j];
    collinear.data[i * 4 + 3] = X.data[i * 3] - 2 * X.data[i * 3 + 1];
  }

  test("LinearRegression gives the minimum-norm solution, names the columns, and withholds standard errors", () => {
    const model = new LinearRegression().fit(collinear, y, { featureNames: ["u", "v", "w", "u-2v"] });
    assert.ok(finite(model.coef));
    assert.equal(model.info.rank, 3);
    const warning = model.info.warnings.find((w) => w.includes("collinear"));
    assert.ok(warning, `no collinearity warning in ${JSON.stringify(model.info.warnings)}`);
    for (const name of ['"u"', '"v"', '"u-2v"']) assert.ok(warning.includes(name), `${warning} does not name ${name}`);
    assert.ok(!warning.includes('"w"'), "column w is not part of the dependency");
    // Minimum norm: the coefficient vector is orthogonal to the null direction (1, −2, 0, −1).
    const [a, b, , d] = model.coef;
    assert.ok(Math.abs(a - 2 * b - d) < 1e-8, `coef ${Array.from(model.coef)} is not the minimum-norm solution`);
    // Still the least-squares fit: same residuals as the fit on the three independent columns.
    const reference = new LinearRegression().fit(X, y);
    assert.ok(Math.abs(model.info.objective - reference.info.objective) < 1e-9 * reference.info.objective);
    const table = model.summary();
    assert.match(table.note ?? "", /rank-deficient/);
    assert.ok(table.rows.every((r) => r.stdError === null && r.pValue === null));
  });

  test("a constant column gets coefficient 0 and a warning; the other terms keep their statistics", () => {
    const data = new Float64Array(50 * 4);
    for (let i = 0; i < 50; i++) {
      data.set(X.data.subarray(i * 3, i * 3 + 3), i * 4);
      data[i * 4 + 3] = 7.25;
    }
    const model = new LinearRegression().fit(matrix(data, { rows: 50, cols: 4 }), y);
    assert.equal(model.coef[3], 0);
    assert.ok(model.info.warnings.some((w) => w.includes('"x3"') && w.includes("Constant")));
    const reference = new LinearRegression().fit(X, y).summary();
    const table = model.summary();
    assert.equal(table.rows[4].stdError, null);
    assert.match(table.note ?? "", /"x3"/);
    for (let j = 0; j < 4; j++) assert.ok(Math.abs(table.rows[j].stdError! - reference.rows[j].stdError!) < 1e-9 * reference.rows[j].stdError!);
    for (const make of [estimators.Ridge, estimators.Lasso]) assert.equal(make().fit(matrix(data, { rows: 50, cols: 4 }), y).coef[3], 0);
  });

  test("more features than rows: an interpolating minimum-norm fit, said so", () => {
    const wide = randomMatrix(5, 8);
    const target = Float64Array.from({ length: 5 }, () => rng.normal());
    const model = new LinearRegression().fit(wide, target);
    assert.ok(finite(model.coef));
    assert.ok(model.info.warnings.some((w) => w.includes("8 columns for 5 rows")));
    const predicted = model.predict(wide);
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(predicted[i] - target[i]) < 1e-9);
    assert.match(model.summary().note ?? "", /not available/);
    for (const make of [estimators.Ridge, estimators.Lasso, estimators.ElasticNet]) assert.ok(finite(make().fit(wide, target).coef));
  });

  test("logistic regression without a penalty on collinear columns withholds standard errors and says why", () => {
    const model = new LogisticRegression({ penalty: "none" }).fit(collinear, labels);
    assert.ok(finite(model.coef));
    const warning = model.info.warnings.find((w) => w.includes("collinear"));
    assert.ok(warning && warning.includes('"x0", "x1", "x3"') && warning.includes("not identifiable"), JSON.stringify(model.info.warnings));
    const table = model.summary();
    assert.match(table.note ?? "", /singular/);
    assert.ok(table.rows.every((r) => r.stdError === null));
  });
});

describe("solver reports", () => {
  test("coordinate descent that runs out of passes says so and reports the gap", () => {
    const model = new Lasso({ alpha: 0.001, maxIter: 1, tol: 1e-12 }).fit(X, y);
    assert.equal(model.info.converged, false);
    assert.equal(model.info.nIterations, 1);
    assert.ok(model.info.finalGap! > 0);
    assert.ok(model.info.warnings.some((w) => w.includes("did not converge") && w.includes("maxIter")));
    const done = new Lasso({ alpha: 0.001 }).fit(X, y);
    assert.ok(done.info.converged && done.info.warnings.length === 0);
  });

  test("separable classes without a penalty are flagged", () => {
    const separable = Array.from({ length: 50 }, (_, i) => (X.data[i * 3] > 0 ? "pos" : "neg"));
    const model = new LogisticRegression({ penalty: "none" }).fit(X, separable);
    assert.ok(model.info.warnings.some((w) => w.includes("separates the classes")), JSON.stringify(model.info.warnings));
    assert.equal(new LogisticRegression().fit(X, separable).info.warnings.length, 0);
  });

  test("without a penalty C changes nothing, and the objective is the log-loss", () => {
    const a = new LogisticRegression({ penalty: "none" }).fit(X, labels);
    const b = new LogisticRegression({ penalty: "none", C: 7 }).fit(X, labels);
    assert.deepEqual(Array.from(a.coef), Array.from(b.coef));
    assert.equal(a.info.objective, b.info.objective);
    assert.ok(Math.abs(a.info.objective + a.summary().logLikelihood!) < 1e-9 * a.info.objective);
  });

  test("an l1 penalty sets coefficients exactly to zero; a smaller C sets more", () => {
    const loose = new LogisticRegression({ penalty: "l1", C: 1 }).fit(X, labels);
    const strict = new LogisticRegression({ penalty: "l1", C: 0.02 }).fit(X, labels);
    const zeros = (c: Float64Array): number => Array.from(c).filter((v) => v === 0).length;
    assert.ok(zeros(strict.coef) > zeros(loose.coef), `${Array.from(strict.coef)} vs ${Array.from(loose.coef)}`);
    assert.equal(strict.info.solver, "owlqn");
  });
});
