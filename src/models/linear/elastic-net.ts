// Lasso and ElasticNet, scikit-learn's definitions: minimise
//   1/(2·Σw) Σ wᵢ(yᵢ − xᵢβ − b)² + alpha·l1Ratio‖β‖₁ + ½·alpha·(1 − l1Ratio)‖β‖²
// (Lasso is l1Ratio = 1) by coordinate descent on the centred Gram matrix (coordinate-descent.ts).
// The model's info reports the iterations, whether the duality gap met the tolerance, and the gap.

import { resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { numericTarget } from "../inputs.js";
import { coordinateDescent } from "./coordinate-descent.js";
import { designOf, gramOf, targetMean, weightedRss, type Design } from "./design.js";
import { LinearRegressorModel, type LinearModelInit } from "./linear-model.js";
import type { LinearFitOptions } from "./linear-regression.js";
import { ELASTIC_NET_PARAMS, LASSO_PARAMS } from "./params.js";

export class Lasso {
  readonly params: ParamValues<typeof LASSO_PARAMS>;

  constructor(params: Partial<ParamValues<typeof LASSO_PARAMS>> = {}) {
    this.params = resolveParams(LASSO_PARAMS, params, "Lasso");
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): LassoModel {
    return new LassoModel(fitElasticNet(X, y, { ...this.params, l1Ratio: 1 }, options, { ...this.params }));
  }
}

export class ElasticNet {
  readonly params: ParamValues<typeof ELASTIC_NET_PARAMS>;

  constructor(params: Partial<ParamValues<typeof ELASTIC_NET_PARAMS>> = {}) {
    this.params = resolveParams(ELASTIC_NET_PARAMS, params, "ElasticNet");
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): ElasticNetModel {
    return new ElasticNetModel(fitElasticNet(X, y, this.params, options, { ...this.params }));
  }
}

export class LassoModel extends LinearRegressorModel {}
export class ElasticNetModel extends LinearRegressorModel {}

type Settings = ParamValues<typeof ELASTIC_NET_PARAMS>;

function fitElasticNet(X: Matrix, y: ArrayLike<number>, settings: Settings, options: LinearFitOptions, params: Record<string, unknown>): LinearModelInit {
  const design = designOf(X, { fitIntercept: settings.fitIntercept, nThreads: settings.nThreads, ...options });
  try {
    return solve(design, y, settings, params);
  } finally {
    design.ws.release();
  }
}

function solve(design: Design, y: ArrayLike<number>, settings: Settings, params: Record<string, unknown>): LinearModelInit {
  const { alpha, l1Ratio, fitIntercept, maxIter, tol } = settings;
  const target = numericTarget(y, design.n, "y");
  const yMean = targetMean(design, target, fitIntercept);
  const { gram, xty, yty } = gramOf(design, target, yMean);
  const { n, p } = design;
  // scikit-learn rescales weights to sum to n; the Gram scales with them.
  const s = n / design.weightSum;
  if (s !== 1) {
    for (let k = 0; k < p * p; k++) gram[k] *= s;
    for (let j = 0; j < p; j++) xty[j] *= s;
  }
  const result = coordinateDescent({ gram, xty, yty: yty * s, p, l1: n * alpha * l1Ratio, l2: n * alpha * (1 - l1Ratio) }, { maxIter, tol });
  const coef = result.coef;
  let intercept = 0;
  if (fitIntercept) {
    intercept = yMean;
    for (let j = 0; j < p; j++) intercept -= design.xMean[j] * coef[j];
  }
  let l1Norm = 0;
  let l2Norm = 0;
  for (let j = 0; j < p; j++) {
    l1Norm += Math.abs(coef[j]);
    l2Norm += coef[j] * coef[j];
  }
  const objective = weightedRss(design, target, coef, intercept) / (2 * design.weightSum) + alpha * l1Ratio * l1Norm + 0.5 * alpha * (1 - l1Ratio) * l2Norm;
  const warnings: string[] = [];
  if (!result.converged) {
    warnings.push(`Coordinate descent did not converge in ${maxIter} passes: the duality gap is ${(result.gap / n).toPrecision(3)} against a tolerance of ${((tol * yty * s) / n).toPrecision(3)}; raise maxIter or standardise X`);
  }
  if (alpha === 0) warnings.push("alpha = 0 is ordinary least squares: LinearRegression solves it directly and more accurately");
  const info = { solver: "coordinate-descent", nIterations: result.nIterations, converged: result.converged, finalGap: result.gap / n, rank: null, objective, warnings };
  return { coef, intercept, featureNames: design.featureNames, params, info };
}
