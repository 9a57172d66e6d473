// Ridge regression, scikit-learn's Ridge: minimises Σ wᵢ(yᵢ − xᵢβ − b)² + alpha‖β‖², the
// intercept unpenalised (X and y centred first). Solved by Cholesky on XᵀWX + alpha·I, which is
// positive definite for alpha > 0; alpha = 0 or a singular Gram falls back to least squares.

import { resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { numericTarget } from "../inputs.js";
import { cholesky, choleskySolve } from "./cholesky.js";
import { constantColumns, designOf, gramOf, targetMean, weightedRss, type Design } from "./design.js";
import { leastSquares } from "./least-squares.js";
import { LinearRegressorModel } from "./linear-model.js";
import type { LinearFitOptions } from "./linear-regression.js";
import { RIDGE_PARAMS } from "./params.js";

export class Ridge {
  readonly params: ParamValues<typeof RIDGE_PARAMS>;

  constructor(params: Partial<ParamValues<typeof RIDGE_PARAMS>> = {}) {
    this.params = resolveParams(RIDGE_PARAMS, params, "Ridge");
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): RidgeModel {
    const { fitIntercept, nThreads } = this.params;
    const design = designOf(X, { fitIntercept, nThreads, ...options });
    try {
      return this.#solve(design, y);
    } finally {
      design.ws.release();
    }
  }

  #solve(design: Design, y: ArrayLike<number>): RidgeModel {
    const { alpha, fitIntercept } = this.params;
    const target = numericTarget(y, design.n, "y");
    const yMean = targetMean(design, target, fitIntercept);
    const { gram, xty, yty } = gramOf(design, target, yMean);
    const p = design.p;
    const a = Float64Array.from(gram);
    for (let j = 0; j < p; j++) a[j * p + j] += alpha;
    const L = cholesky(a, p, 1e-13);
    const warnings: string[] = [];
    let coef: Float64Array;
    let solver = "cholesky";
    if (L) coef = choleskySolve(L, p, xty);
    else {
      // Only reachable with alpha ≈ 0 on a singular design: the least-squares limit of ridge.
      const solution = leastSquares(design, { gram, xty, yty }, target, yMean, constantColumns(design, fitIntercept));
      coef = solution.coef;
      solver = solution.method;
      warnings.push(`XᵀX + alpha·I is singular (alpha = ${alpha}): the minimum-norm least-squares solution is returned; use alpha > 0`);
    }
    let intercept = 0;
    if (fitIntercept) {
      intercept = yMean;
      for (let j = 0; j < p; j++) intercept -= design.xMean[j] * coef[j];
    }
    const objective = weightedRss(design, target, coef, intercept) + alpha * coef.reduce((s, c) => s + c * c, 0);
    const info = { solver, nIterations: 0, converged: true, finalGap: null, rank: null, objective, warnings };
    return new RidgeModel({ coef, intercept, featureNames: design.featureNames, params: { ...this.params }, info });
  }
}

export class RidgeModel extends LinearRegressorModel {}
