// MinMaxScaler: maps the fit range [min, max] onto featureRange (default [0, 1]) with scikit-learn's
// arithmetic (x · scale + offset), so outputs agree to the last bits. Values outside the fit range
// land outside featureRange: nothing is clipped.

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { NUMBER_KINDS, numericValues, safeScale } from "./numeric-view.js";
import { numberFromJson, numberToJson, recordOf } from "./state-json.js";
import type { ColumnTransformer, FitContext, FittedStream, StepState, TransformContext } from "./transformer.js";

export const MIN_MAX_SCALER_PARAMS = {
  featureMin: { type: "number", default: 0, doc: "Where the fit minimum goes" },
  featureMax: { type: "number", default: 1, doc: "Where the fit maximum goes" },
} as const satisfies ParamSpecs;

export type MinMaxScalerParams = ParamValues<typeof MIN_MAX_SCALER_PARAMS>;

export class MinMaxScaler implements ColumnTransformer {
  readonly kind = "min-max-scaler";
  readonly role = "stream";
  readonly accepts: readonly ColumnKind[] = NUMBER_KINDS;
  readonly params: MinMaxScalerParams;

  constructor(params: Partial<MinMaxScalerParams> = {}) {
    this.params = resolveParams(MIN_MAX_SCALER_PARAMS, params, "MinMaxScaler");
    if (!(this.params.featureMin < this.params.featureMax)) {
      throw new InvalidInput(`Invalid MinMaxScaler parameters: featureMin ${this.params.featureMin} must be below featureMax ${this.params.featureMax}`);
    }
  }

  fit(column: Column, context: FitContext): FittedMinMaxScaler {
    const x = numericValues(column, context.name, "MinMaxScaler");
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < x.length; i++) {
      if (x[i] < min) min = x[i];
      if (x[i] > max) max = x[i];
    }
    if (min > max) {
      throw new InvalidInput(`Column "${context.name}" has no values at fit: MinMaxScaler cannot learn a range`, { hint: "impute it first or exclude it" });
    }
    const scale = (this.params.featureMax - this.params.featureMin) / safeScale(max - min);
    return new FittedMinMaxScaler(this.params, scale, this.params.featureMin - min * scale);
  }
}

export class FittedMinMaxScaler implements FittedStream {
  readonly kind = "min-max-scaler";
  readonly role = "stream";
  readonly outputKind: ColumnKind = "numeric";
  readonly params: MinMaxScalerParams;
  readonly scale: number;
  readonly offset: number;

  constructor(params: MinMaxScalerParams, scale: number, offset: number) {
    this.params = params;
    this.scale = scale;
    this.offset = offset;
  }

  apply(column: Column, context: TransformContext): Column {
    const x = numericValues(column, context.name, "MinMaxScaler");
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] * this.scale + this.offset;
    return { kind: "numeric", values: out };
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params, scale: numberToJson(this.scale), offset: numberToJson(this.offset) };
  }

  static fromJSON(state: Record<string, unknown>): FittedMinMaxScaler {
    const params = new MinMaxScaler(recordOf(state.params, "min-max-scaler params")).params;
    return new FittedMinMaxScaler(params, numberFromJson(state.scale, "scale"), numberFromJson(state.offset, "offset"));
  }
}
