// Parameters of the linear estimators, declared once (core/params.ts), with scikit-learn's
// meanings and defaults so that a fit can be compared with theirs value for value.

import type { ParamSpecs } from "../../core/index.js";

const fitIntercept = { type: "boolean", default: true, doc: "Fit an intercept (not penalised): X and y are centred on their weighted means." } as const;
const nThreads = { type: "optional-integer", default: null, min: 1, max: 256, doc: "Threads for the passes over large data (default: all cores). Results do not depend on it." } as const;

export const LINEAR_REGRESSION_PARAMS = {
  fitIntercept,
  nThreads,
} as const satisfies ParamSpecs;

export const RIDGE_PARAMS = {
  alpha: { type: "number", default: 1, min: 0, doc: "L2 strength: minimises ‖y − Xw‖² + alpha‖w‖² (scikit-learn's Ridge)." },
  fitIntercept,
  nThreads,
} as const satisfies ParamSpecs;

const descent = {
  maxIter: { type: "integer", default: 1000, min: 1, doc: "Most passes of coordinate descent over the features." },
  tol: {
    type: "number",
    default: 1e-4,
    min: 0,
    doc: "Stop when the largest coefficient change is below tol × the largest coefficient and the duality gap is below tol × ‖y − ȳ‖².",
  },
  fitIntercept,
  nThreads,
} as const;

export const LASSO_PARAMS = {
  alpha: { type: "number", default: 1, min: 0, doc: "L1 strength: minimises 1/(2n)‖y − Xw‖² + alpha‖w‖₁ (scikit-learn's Lasso)." },
  ...descent,
} as const satisfies ParamSpecs;

export const ELASTIC_NET_PARAMS = {
  alpha: { type: "number", default: 1, min: 0, doc: "Penalty strength: 1/(2n)‖y − Xw‖² + alpha·l1Ratio‖w‖₁ + ½alpha(1 − l1Ratio)‖w‖²." },
  l1Ratio: { type: "number", default: 0.5, min: 0, max: 1, doc: "Share of the L1 part of the penalty (1 is the lasso, 0 ridge)." },
  ...descent,
} as const satisfies ParamSpecs;

export const LOGISTIC_REGRESSION_PARAMS = {
  penalty: { type: "enum", default: "l2", values: ["l2", "l1", "elasticnet", "none"], doc: "Penalty on the coefficients (never the intercept)." },
  C: {
    type: "number",
    default: 1,
    min: 0,
    exclusiveMin: true,
    doc: "Inverse strength, as in scikit-learn: minimises C·Σ wᵢ·logloss + penalty (½‖w‖² for l2, ‖w‖₁ for l1).",
  },
  l1Ratio: { type: "number", default: 0.5, min: 0, max: 1, doc: "For elasticnet: penalty l1Ratio‖w‖₁ + ½(1 − l1Ratio)‖w‖²." },
  solver: {
    type: "enum",
    default: "auto",
    values: ["auto", "lbfgs", "owlqn"],
    doc: "auto: L-BFGS for l2 and none, OWL-QN (orthant-wise L-BFGS) for l1 and elasticnet.",
  },
  maxIter: { type: "integer", default: 100, min: 1, doc: "Most quasi-Newton iterations." },
  tol: { type: "number", default: 1e-4, min: 0, doc: "Stop when the largest gradient entry (of the objective divided by C) is at most tol, or the objective decreases by less than min(1e7·ε, tol²) relative." },
  fitIntercept,
  nThreads,
} as const satisfies ParamSpecs;
