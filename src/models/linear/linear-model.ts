// What every fitted linear regressor is: coefficients on the original feature scale, an
// intercept, the features' names, the parameters it was fitted with, and a report of the fit.
// Prediction is Xβ + b and needs nothing else.

import type { Matrix } from "../../core/index.js";
import { checkPredictMatrix } from "../inputs.js";
import { linearPredict } from "./design.js";

/** How a fit went: solver, iterations, convergence and anything a caller should know. */
export interface LinearInfo {
  /** "cholesky", "qr-svd", "coordinate-descent", "lbfgs" or "owlqn". */
  readonly solver: string;
  /** Passes of an iterative solver; 0 for a closed form. */
  readonly nIterations: number;
  readonly converged: boolean;
  /** Final duality gap of coordinate descent (on scikit-learn's scale), or gradient norm of L-BFGS. */
  readonly finalGap: number | null;
  /** Column rank of the centred design (closed forms), or null. */
  readonly rank: number | null;
  /** The objective the solver minimised, on scikit-learn's definition for the estimator. */
  readonly objective: number;
  /** Collinear, constant or dropped columns, convergence trouble: one sentence each. */
  readonly warnings: readonly string[];
}

export interface LinearModelInit {
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: LinearInfo;
}

export abstract class LinearRegressorModel {
  readonly coef: Float64Array;
  readonly intercept: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: LinearInfo;

  constructor(init: LinearModelInit) {
    this.coef = init.coef;
    this.intercept = init.intercept;
    this.featureNames = init.featureNames;
    this.params = init.params;
    this.info = init.info;
  }

  predict(X: Matrix): Float64Array {
    checkPredictMatrix(X, this.coef.length);
    return linearPredict(X, this.coef, this.intercept);
  }
}
