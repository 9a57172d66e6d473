// What `profile()` finds out about a table: plain data, ready for a terminal summary, an HTML
// report or JSON.

import type { ColumnKind } from "../column.js";

export interface Histogram {
  /** Bin edges: counts[i] is the number of values in [edges[i], edges[i+1]) (the last bin is closed). */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}

export interface NumericSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly std: number;
  readonly skewness: number;
  readonly nZeros: number;
  readonly nInfinite: number;
  /** p1, p5, p25, p50, p75, p95, p99. */
  readonly quantiles: Readonly<Record<"p1" | "p5" | "p25" | "p50" | "p75" | "p95" | "p99", number>>;
  readonly histogram: Histogram;
}

export interface CategoryCount {
  readonly value: string;
  readonly count: number;
}

export interface CategoricalSummary {
  /** Most frequent values first (at most 20). */
  readonly top: readonly CategoryCount[];
  /** Rows holding a value outside `top`. */
  readonly otherCount: number;
}

export interface DatetimeSummary {
  /** ISO 8601. */
  readonly min: string;
  readonly max: string;
  readonly histogram: Histogram;
}

export interface TextSummary {
  readonly meanLength: number;
  readonly top: readonly CategoryCount[];
}

export interface ColumnProfile {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly isIdentifier: boolean;
  readonly isPossiblyCategorical: boolean;
  readonly nMissing: number;
  readonly missingShare: number;
  readonly nDistinct: number;
  readonly numeric?: NumericSummary;
  readonly categorical?: CategoricalSummary;
  readonly datetime?: DatetimeSummary;
  readonly text?: TextSummary;
}

/** A square matrix of pairwise measures over `names`; null where a pair has too little data. */
export interface PairMatrix {
  readonly names: readonly string[];
  readonly values: readonly (readonly (number | null)[])[];
}

export interface TargetAssociation {
  readonly column: string;
  /** Mutual information with the target, in nats (numeric columns binned by quantile). */
  readonly mutualInformation: number;
  /** Mutual information over the target's entropy: 0 = independent, 1 = determines the target. */
  readonly uncertaintyCoefficient: number;
  /**
   * How well the column alone predicts the target on held-out rows: ROC AUC for a binary target,
   * macro one-vs-rest AUC for several classes, R² for a numeric target.
   */
  readonly predictivePower: number;
  readonly metric: "auc" | "r2";
}

export type AlertKind =
  | "constant"
  | "identifier"
  | "high-cardinality"
  | "missing"
  | "duplicates"
  | "skewed"
  | "leakage"
  | "imbalance"
  | "possibly-categorical"
  | "read-note";

export interface Alert {
  readonly kind: AlertKind;
  readonly severity: "info" | "warning";
  /** The column concerned, when the alert is about one. */
  readonly column?: string;
  readonly message: string;
}

export interface Profile {
  readonly source: string;
  readonly nRows: number;
  readonly nCols: number;
  readonly target?: {
    readonly name: string;
    readonly task: "classification" | "regression";
    readonly classes?: readonly CategoryCount[];
  };
  readonly columns: readonly ColumnProfile[];
  readonly correlations: {
    readonly pearson: PairMatrix;
    readonly spearman: PairMatrix;
    readonly cramersV: PairMatrix;
    /** Rows the correlations were computed on (a seeded sample when the table is large). */
    readonly nRows: number;
  };
  readonly targetAssociations: readonly TargetAssociation[];
  readonly duplicateRows: number;
  readonly alerts: readonly Alert[];
  /** Rows behind quantiles and distinct counts when the table is too large for exact ones; else null. */
  readonly sampleRows: number | null;
  /** Missing-value tokens found while reading, with counts. */
  readonly missingTokens: Readonly<Record<string, number>>;
  readonly elapsedMs: number;
}
