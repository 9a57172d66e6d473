// Ordinary (and weighted) least squares, scikit-learn's LinearRegression: minimises
// Σ wᵢ(yᵢ − xᵢβ − b)². Unpenalised, so the model also carries the classical statistics: standard
// errors from σ²(XᵀWX)⁻¹, t statistics, p-values, R² and the residual standard error.
//
// Degenerate designs: a constant column is dropped (coefficient 0, a warning); collinear columns
// get the minimum-norm least-squares solution, as scikit-learn's lstsq gives, a warning naming
// the columns involved, and no standard errors (the table says why).

import { resolveParams, type Matrix, type ParamValues } from "../../core/index.js";
import { numericTarget } from "../inputs.js";
import { constantColumns, designOf, gramOf, targetMean, weightedRss, type Design } from "./design.js";
import { leastSquares, type LeastSquaresSolution } from "./least-squares.js";
import { LinearRegressorModel, type LinearModelInit } from "./linear-model.js";
import { LINEAR_REGRESSION_PARAMS } from "./params.js";
import { coefficientRows, type CoefficientTable, type StandardErrors } from "./summary.js";

export interface LinearFitOptions {
  readonly sampleWeight?: ArrayLike<number>;
  readonly featureNames?: readonly string[];
}

/** The fit's overall statistics, kept on the model so that summary() needs no data. */
export interface RegressionStatistics {
  readonly nObservations: number;
  readonly dfResidual: number;
  /** Σ wᵢrᵢ². */
  readonly rss: number;
  /** Σ wᵢ(yᵢ − ȳ)² with an intercept, Σ wᵢyᵢ² without (R² is then uncentred, as in statsmodels). */
  readonly tss: number;
  readonly standardErrors: StandardErrors;
}

export class LinearRegression {
  readonly params: ParamValues<typeof LINEAR_REGRESSION_PARAMS>;

  constructor(params: Partial<ParamValues<typeof LINEAR_REGRESSION_PARAMS>> = {}) {
    this.params = resolveParams(LINEAR_REGRESSION_PARAMS, params, "LinearRegression");
  }

  fit(X: Matrix, y: ArrayLike<number>, options: LinearFitOptions = {}): LinearRegressionModel {
    const { fitIntercept, nThreads } = this.params;
    const design = designOf(X, { fitIntercept, nThreads, ...options });
    try {
      return this.#solve(design, y);
    } finally {
      design.ws.release();
    }
  }

  #solve(design: Design, y: ArrayLike<number>): LinearRegressionModel {
    const { fitIntercept } = this.params;
    const target = numericTarget(y, design.n, "y");
    const yMean = targetMean(design, target, fitIntercept);
    const gram = gramOf(design, target, yMean);
    const constant = constantColumns(design, fitIntercept);
    const solution = leastSquares(design, gram, target, yMean, constant);
    const intercept = fitIntercept ? yMean - dot(design.xMean, solution.coef) : 0;
    const warnings = designWarnings(design, constant, solution, { fitIntercept });
    const statistics = statisticsOf(design, target, { solution, intercept, fitIntercept, yyCentred: gram.yty, constant });
    if (statistics.dfResidual <= 0) {
      warnings.push(`The fit has ${statistics.dfResidual} residual degrees of freedom (${design.n} rows for rank ${solution.rank}${fitIntercept ? " plus an intercept" : ""}): it interpolates the data and has no standard errors`);
    }
    const info = { solver: solution.method, nIterations: 0, converged: true, finalGap: null, rank: solution.rank, objective: statistics.rss, warnings };
    return new LinearRegressionModel({ coef: solution.coef, intercept, featureNames: design.featureNames, params: { ...this.params }, info }, statistics);
  }
}

export class LinearRegressionModel extends LinearRegressorModel {
  readonly statistics: RegressionStatistics;

  constructor(init: LinearModelInit, statistics: RegressionStatistics) {
    super(init);
    this.statistics = statistics;
  }

  /** Coefficient table: estimate, standard error, t, p-value; R², adjusted R², residual standard error. */
  summary(): CoefficientTable {
    const { nObservations, dfResidual, rss, tss, standardErrors } = this.statistics;
    const fitIntercept = this.params.fitIntercept === true;
    const terms = [...(fitIntercept ? ["(intercept)"] : []), ...this.featureNames];
    const estimates = [...(fitIntercept ? [this.intercept] : []), ...this.coef];
    const errors = standardErrors.coef ? [...(fitIntercept ? [standardErrors.intercept ?? NaN] : []), ...standardErrors.coef] : null;
    const r2 = tss > 0 ? 1 - rss / tss : null;
    const dfTotal = nObservations - (fitIntercept ? 1 : 0);
    return {
      statisticKind: "t",
      rows: coefficientRows(terms, estimates, errors, { kind: "t", df: dfResidual }),
      nObservations,
      dfResidual,
      r2,
      adjustedR2: r2 !== null && dfResidual > 0 ? 1 - ((1 - r2) * dfTotal) / dfResidual : null,
      residualStdError: dfResidual > 0 ? Math.sqrt(rss / dfResidual) : null,
      logLikelihood: null,
      note: standardErrors.note,
    };
  }
}

/** Constant, collinear and wide designs, one sentence each (at most five collinear groups listed). */
export function designWarnings(
  design: Design,
  constant: readonly number[],
  solution: LeastSquaresSolution,
  options: { fitIntercept: boolean; collinear?: string; wide?: string },
): string[] {
  const { fitIntercept } = options;
  const collinear = options.collinear ?? "the coefficients are the minimum-norm least-squares solution and have no standard errors";
  const wide = options.wide ?? "the solution is not unique; the minimum-norm one is returned";
  const name = (j: number): string => `"${design.featureNames[j]}"`;
  const warnings: string[] = [];
  if (constant.length > 0) {
    const plural = constant.length > 1;
    warnings.push(
      `${fitIntercept ? "Constant" : "All-zero"} column${plural ? "s" : ""} ${constant.map(name).join(", ")} ha${plural ? "ve" : "s"} coefficient 0: ${fitIntercept ? "the intercept already carries a constant" : "nothing can be learnt from them"}`,
    );
  }
  if (design.n <= design.p) {
    warnings.push(`X has ${design.p} columns for ${design.n} rows: ${wide}`);
    return warnings; // every column is then part of some dependency: listing them says nothing more
  }
  const shown = solution.aliased.slice(0, 5);
  for (const group of shown) {
    warnings.push(`Columns ${group.map(name).join(", ")} are collinear: ${collinear}; drop one of them for an identifiable fit`);
  }
  if (solution.aliased.length > shown.length) warnings.push(`${solution.aliased.length - shown.length} more linear dependencies among the columns (rank ${solution.rank} of ${design.p})`);
  return warnings;
}

function statisticsOf(
  design: Design,
  y: Float64Array,
  fit: { solution: LeastSquaresSolution; intercept: number; fitIntercept: boolean; yyCentred: number; constant: readonly number[] },
): RegressionStatistics {
  const { n, p, weight, xMean, weightSum } = design;
  const { solution, fitIntercept } = fit;
  const rss = weightedRss(design, y, solution.coef, fit.intercept);
  let yy = 0;
  for (let i = 0; i < n; i++) yy += (weight ? weight[i] : 1) * y[i] * y[i];
  const dfResidual = n - solution.rank - (fitIntercept ? 1 : 0);
  const tss = fitIntercept ? fit.yyCentred : yy;
  const base = { nObservations: n, dfResidual, rss, tss };
  if (!solution.inverse) {
    return { ...base, standardErrors: { coef: null, intercept: null, note: "Standard errors are not available: X is rank-deficient (collinear columns), so the coefficients are not identifiable" } };
  }
  if (dfResidual <= 0) {
    return { ...base, standardErrors: { coef: null, intercept: null, note: `Standard errors are not available: no residual degrees of freedom (${n} rows, rank ${solution.rank})` } };
  }
  const sigma2 = rss / dfResidual;
  const inv = solution.inverse;
  const coef = new Float64Array(p);
  for (let j = 0; j < p; j++) coef[j] = fit.constant.includes(j) ? NaN : Math.sqrt(sigma2 * inv[j * p + j]);
  let intercept: number | null = null;
  if (fitIntercept) {
    // Var(b) = σ²(1/Σw + mᵀ S⁻¹ m) for the centred Gram S: the intercept's block of (ZᵀWZ)⁻¹.
    let quad = 0;
    for (let j = 0; j < p; j++) {
      if (fit.constant.includes(j)) continue;
      for (let k = 0; k < p; k++) if (!fit.constant.includes(k)) quad += xMean[j] * inv[j * p + k] * xMean[k];
    }
    intercept = Math.sqrt(sigma2 * (1 / weightSum + quad));
  }
  const note = fit.constant.length > 0 ? `Constant columns ${fit.constant.map((j) => `"${design.featureNames[j]}"`).join(", ")} were dropped: they have no standard error` : null;
  return { ...base, standardErrors: { coef, intercept, note } };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
