// StandardScaler: (x − mean) / standard deviation, both learned at fit over the non-missing
// values (population variance, as scikit-learn). Missing values stay NaN; a constant column
// gets scale 1, so it maps to 0 rather than to NaN.

import { resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { NUMBER_KINDS, numericValues } from "./numeric-view.js";
import { numberFromJson, numberToJson, recordOf } from "./state-json.js";
import type { ColumnTransformer, FitContext, FittedStream, StepState, TransformContext } from "./transformer.js";

export const STANDARD_SCALER_PARAMS = {
  withMean: { type: "boolean", default: true, doc: "Subtract the mean" },
  withStd: { type: "boolean", default: true, doc: "Divide by the standard deviation" },
} as const satisfies ParamSpecs;

export type StandardScalerParams = ParamValues<typeof STANDARD_SCALER_PARAMS>;

export class StandardScaler implements ColumnTransformer {
  readonly kind = "standard-scaler";
  readonly role = "stream";
  readonly accepts: readonly ColumnKind[] = NUMBER_KINDS;
  readonly params: StandardScalerParams;

  constructor(params: Partial<StandardScalerParams> = {}) {
    this.params = resolveParams(STANDARD_SCALER_PARAMS, params, "StandardScaler");
  }

  fit(column: Column, context: FitContext): FittedAffine {
    const x = numericValues(column, context.name, "StandardScaler");
    let n = 0;
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === x[i]) {
        n++;
        sum += x[i];
      }
    }
    const mean = n > 0 ? sum / n : NaN;
    // Two-pass variance with the rounding correction scikit-learn applies (Chan et al.).
    let correction = 0;
    let squares = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === x[i]) {
        const d = x[i] - mean;
        correction += d;
        squares += d * d;
      }
    }
    const variance = n > 0 ? (squares - (correction * correction) / n) / n : NaN;
    // A variance within rounding of zero is a constant column (scikit-learn's _is_constant_feature).
    const bound = n * Number.EPSILON * variance + (n * mean * Number.EPSILON) ** 2;
    const scale = !(variance > bound) ? 1 : Math.sqrt(variance);
    return new FittedAffine(this.kind, this.params, this.params.withMean ? mean : 0, this.params.withStd ? scale : 1);
  }
}

/**
 * A fitted (x − center) / scale: what StandardScaler and RobustScaler learn. NaN stays NaN.
 */
export class FittedAffine implements FittedStream {
  readonly role = "stream";
  readonly outputKind: ColumnKind = "numeric";
  readonly kind: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly center: number;
  readonly scale: number;

  constructor(kind: string, params: Readonly<Record<string, unknown>>, center: number, scale: number) {
    this.kind = kind;
    this.params = params;
    this.center = Number.isNaN(center) ? 0 : center;
    this.scale = Number.isNaN(scale) ? 1 : scale;
  }

  apply(column: Column, context: TransformContext): Column {
    const x = numericValues(column, context.name, this.kind);
    const out = new Float64Array(x.length);
    const { center, scale } = this;
    for (let i = 0; i < x.length; i++) out[i] = (x[i] - center) / scale;
    return { kind: "numeric", values: out };
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params, center: numberToJson(this.center), scale: numberToJson(this.scale) };
  }

  static fromJSON(state: Record<string, unknown>): FittedAffine {
    return new FittedAffine(
      String(state.kind),
      recordOf(state.params, `${String(state.kind)} params`),
      numberFromJson(state.center, "center"),
      numberFromJson(state.scale, "scale"),
    );
  }
}
