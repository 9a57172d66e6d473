// The coefficient table an analyst asks for after an unpenalised fit: estimate, standard error,
// t or z statistic and two-sided p-value per term, with the fit's overall statistics. Entries that
// cannot be computed are null and `note` says why: never a NaN without a reason.

import { normalTwoSided, studentTTwoSided } from "../../core/index.js";

export interface CoefficientRow {
  /** "(intercept)", a feature name, or "class: feature" for a multinomial model. */
  readonly term: string;
  readonly estimate: number;
  readonly stdError: number | null;
  readonly statistic: number | null;
  readonly pValue: number | null;
}

export interface CoefficientTable {
  /** "t" (LinearRegression: Student t with dfResidual degrees of freedom) or "z" (LogisticRegression). */
  readonly statisticKind: "t" | "z";
  readonly rows: readonly CoefficientRow[];
  readonly nObservations: number;
  readonly dfResidual: number;
  /** LinearRegression only: R², adjusted R², √(RSS / dfResidual). */
  readonly r2: number | null;
  readonly adjustedR2: number | null;
  readonly residualStdError: number | null;
  /** LogisticRegression only: the log-likelihood Σ wᵢ log pᵢ(yᵢ). */
  readonly logLikelihood: number | null;
  /** Why some entries are null, or null when every entry is there. */
  readonly note: string | null;
}

/** Standard errors as stored on a model: null when they could not be computed, with the reason. */
export interface StandardErrors {
  /** Per coefficient, NaN for a term without one (a dropped constant column). */
  readonly coef: Float64Array | null;
  readonly intercept: number | null;
  readonly note: string | null;
}

export function coefficientRows(
  terms: readonly string[],
  estimates: ArrayLike<number>,
  errors: ArrayLike<number> | null,
  test: { kind: "t"; df: number } | { kind: "z" },
): CoefficientRow[] {
  return terms.map((term, j) => {
    const estimate = estimates[j];
    const se = errors ? errors[j] : NaN;
    if (!(se > 0) || !Number.isFinite(se)) return { term, estimate, stdError: null, statistic: null, pValue: null };
    const statistic = estimate / se;
    const pValue = test.kind === "t" ? (test.df > 0 ? studentTTwoSided(statistic, test.df) : null) : normalTwoSided(statistic);
    return { term, estimate, stdError: se, statistic, pValue };
  });
}
