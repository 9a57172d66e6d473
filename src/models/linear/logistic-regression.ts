// Logistic regression, scikit-learn's definition: minimises
//   C·Σ wᵢ·logloss(yᵢ, xᵢ) + penalty(W),   penalty ½‖W‖² (l2), ‖W‖₁ (l1),
//   l1Ratio‖W‖₁ + ½(1 − l1Ratio)‖W‖² (elasticnet), 0 (none); intercepts never penalised.
// Two classes: one coefficient vector (scores for the second class). More: multinomial softmax
// with one coefficient vector per class, as scikit-learn's lbfgs. Solvers: L-BFGS for l2 and
// none, OWL-QN for penalties with an L1 part (lbfgs.ts). With penalty "none" and two classes the
// model carries standard errors from the inverse Fisher information, for summary().

import { InvalidInput, resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { argmaxLabels, checkPredictMatrix, encodeLabels, type ClassLabel } from "../inputs.js";
import { constantColumns, designOf, gramOf, type Design } from "./design.js";
import { leastSquares } from "./least-squares.js";
import { minimize } from "./lbfgs.js";
import type { LinearInfo } from "./linear-model.js";
import { designWarnings, type LinearFitOptions } from "./linear-regression.js";
import { LogisticLoss, logisticProbabilities, parameterCount, type LogisticProblem } from "./logistic-loss.js";
import { fisherStandardErrors } from "./logistic-statistics.js";
import { LOGISTIC_REGRESSION_PARAMS } from "./params.js";
import { coefficientRows, type CoefficientTable, type StandardErrors } from "./summary.js";

export type LogisticParams = ParamValues<typeof LOGISTIC_REGRESSION_PARAMS>;

export class LogisticRegression {
  readonly params: LogisticParams;

  constructor(params: Partial<LogisticParams> = {}) {
    this.params = resolveParams(LOGISTIC_REGRESSION_PARAMS, params, "LogisticRegression");
    const { penalty, solver } = this.params;
    if (solver === "lbfgs" && (penalty === "l1" || penalty === "elasticnet")) {
      throw new InvalidInput(`LogisticRegression: solver "lbfgs" cannot minimise the ${penalty} penalty`, { hint: 'use solver "owlqn" or "auto"' });
    }
  }

  fit(X: Matrix, y: ArrayLike<ClassLabel | null>, options: LinearFitOptions = {}): LogisticRegressionModel {
    const design = designOf(X, { fitIntercept: this.params.fitIntercept, nThreads: this.params.nThreads, ...options });
    try {
      return this.#solve(design, y);
    } finally {
      design.ws.release();
    }
  }

  #solve(design: Design, y: ArrayLike<ClassLabel | null>): LogisticRegressionModel {
    const { penalty, C, l1Ratio, fitIntercept, maxIter, tol } = this.params;
    const { classes, codes } = encodeLabels(y, design.n);
    const nClasses = classes.length;
    const nScores = nClasses === 2 ? 1 : nClasses;
    const p = design.p;
    const l1Share = penalty === "l1" ? 1 : penalty === "elasticnet" ? l1Ratio : 0;
    const l2Share = penalty === "l2" ? 1 : penalty === "elasticnet" ? 1 - l1Ratio : 0;
    const problem: LogisticProblem = { X: design.X, codes, weight: design.weight, nScores, fitIntercept, l2: l2Share / C };
    const d = parameterCount(problem);
    const l1 = new Float64Array(d);
    if (l1Share > 0) l1.fill(l1Share / C, 0, nScores * p);
    const loss = new LogisticLoss(problem, design.ws, design.at);
    // scipy's L-BFGS-B, as scikit-learn calls it, also stops on a relative decrease below 1e7·ε;
    // a tol tighter than 1e-4.5 tightens that test too, so a tight tol means a tight optimum.
    const result = minimize((theta, grad) => loss.evaluate(theta, grad), new Float64Array(d), { maxIter, gtol: tol, ftol: Math.min(1e7 * Number.EPSILON, tol * tol), l1 });
    const coef = result.x.slice(0, nScores * p);
    const intercept = fitIntercept ? result.x.slice(nScores * p) : new Float64Array(nScores);
    const warnings: string[] = [];
    if (!result.converged) {
      warnings.push(
        `The solver stopped after ${maxIter} iterations with a gradient of ${result.gradientNorm.toPrecision(3)} (tolerance ${tol})${penalty === "none" ? ": the classes may be perfectly separable, which has no finite unpenalised solution" : ""}; raise maxIter or standardise X`,
      );
    }
    if (penalty === "none" && separates(design.X, codes, coef, intercept, nClasses)) {
      warnings.push('X separates the classes perfectly: without a penalty the likelihood has no maximum and the coefficients grow without bound; use penalty "l2"');
    }
    warnings.push(...collinearity(design, fitIntercept));
    const standardErrors = penaltyFree(penalty, nClasses, { design, coef, intercept, fitIntercept, classes });
    const logLikelihood = -loss.evaluate(result.x, new Float64Array(d), 0);
    const statistics = { nObservations: design.n, logLikelihood, standardErrors };
    const info: LinearInfo = {
      solver: l1Share > 0 ? "owlqn" : "lbfgs",
      nIterations: result.nIterations,
      converged: result.converged,
      finalGap: result.gradientNorm,
      rank: null,
      // Back on scikit-learn's documented scale: C·Σ loss + penalty (Σ loss alone without one).
      objective: penalty === "none" ? result.value : C * result.value,
      warnings,
    };
    return new LogisticRegressionModel({ coef, intercept, classes, featureNames: design.featureNames, params: { ...this.params }, info, statistics });
  }
}

/**
 * Constant and collinear columns, found as LinearRegression finds them (one Gram pass, and QR only
 * when the Gram is singular): the coefficients of such columns are not identifiable without a
 * penalty, and a penalty shares the effect among them.
 */
function collinearity(design: Design, fitIntercept: boolean): string[] {
  const zeros = new Float64Array(design.n);
  const constant = constantColumns(design, fitIntercept);
  const solution = leastSquares(design, gramOf(design, zeros, 0), zeros, 0, constant);
  const unidentified = "their coefficients are not identifiable without a penalty";
  return designWarnings(design, constant, solution, { fitIntercept, collinear: unidentified, wide: `with more columns than rows ${unidentified}` });
}

/** Whether every training row gets its own class as the most probable one. */
function separates(X: Matrix, codes: Float64Array, coef: Float64Array, intercept: Float64Array, nClasses: number): boolean {
  const proba = logisticProbabilities(X, coef, intercept, nClasses);
  for (let i = 0; i < X.rows; i++) {
    const own = proba[i * nClasses + codes[i]];
    for (let k = 0; k < nClasses; k++) if (k !== codes[i] && proba[i * nClasses + k] >= own) return false;
  }
  return true;
}

function penaltyFree(
  penalty: string,
  nClasses: number,
  fit: { design: ReturnType<typeof designOf>; coef: Float64Array; intercept: Float64Array; fitIntercept: boolean; classes: readonly ClassLabel[] },
): StandardErrors {
  if (penalty !== "none") return { coef: null, intercept: null, note: `Standard errors are given for penalty "none" only: a ${penalty} penalty biases the coefficients, so Wald statistics would not hold` };
  if (nClasses > 2) return { coef: null, intercept: null, note: "Standard errors are given for two classes only: a softmax model's per-class coefficients are not identifiable without a reference class" };
  return fisherStandardErrors(fit.design, fit.coef, fit.intercept[0], fit.fitIntercept);
}

export interface LogisticModelInit {
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly classes: readonly ClassLabel[];
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: LinearInfo;
  readonly statistics: LogisticStatistics;
}

/** What summary() needs, kept on the model. */
export interface LogisticStatistics {
  readonly nObservations: number;
  /** Σ wᵢ log pᵢ(yᵢ) at the fitted coefficients. */
  readonly logLikelihood: number;
  readonly standardErrors: StandardErrors;
}

export class LogisticRegressionModel {
  /** nScores × p, row-major: one row for two classes (the second class's score), K rows otherwise. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly classes: readonly ClassLabel[];
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  readonly info: LinearInfo;
  readonly statistics: LogisticStatistics;

  constructor(init: LogisticModelInit) {
    this.coef = init.coef;
    this.intercept = init.intercept;
    this.classes = init.classes;
    this.featureNames = init.featureNames;
    this.params = init.params;
    this.info = init.info;
    this.statistics = init.statistics;
  }

  /** Probability of each class, rows × classes.length, in `classes` order. */
  predictProba(X: Matrix): Matrix {
    checkPredictMatrix(X, this.featureNames.length);
    return { data: logisticProbabilities(X, this.coef, this.intercept, this.classes.length), rows: X.rows, cols: this.classes.length };
  }

  /** The most probable class of each row. */
  predict(X: Matrix): ClassLabel[] {
    return argmaxLabels(this.predictProba(X), this.classes);
  }

  /** Coefficient table with Wald z statistics (two classes, penalty "none"); otherwise estimates and a note. */
  summary(): CoefficientTable {
    const fitIntercept = this.params.fitIntercept === true;
    const p = this.featureNames.length;
    const nScores = this.intercept.length;
    const terms: string[] = [];
    const estimates: number[] = [];
    for (let k = 0; k < nScores; k++) {
      const prefix = nScores === 1 ? "" : `${String(this.classes[k])}: `;
      if (fitIntercept) {
        terms.push(`${prefix}(intercept)`);
        estimates.push(this.intercept[k]);
      }
      for (let j = 0; j < p; j++) {
        terms.push(`${prefix}${this.featureNames[j]}`);
        estimates.push(this.coef[k * p + j]);
      }
    }
    const { standardErrors: se, nObservations, logLikelihood } = this.statistics;
    const errors = se.coef ? [...(fitIntercept ? [se.intercept ?? NaN] : []), ...se.coef] : null;
    return {
      statisticKind: "z",
      rows: coefficientRows(terms, estimates, errors, { kind: "z" }),
      nObservations,
      dfResidual: nObservations - estimates.length,
      r2: null,
      adjustedR2: null,
      residualStdError: null,
      logLikelihood,
      note: se.note,
    };
  }
}
