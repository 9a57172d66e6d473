// RobustScaler: (x − median) / (q75 − q25), quantiles over the non-missing values with numpy's
// linear interpolation; outliers move neither the center nor the scale much.

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { NUMBER_KINDS, numericValues, safeScale } from "./numeric-view.js";
import { medianOfSorted, percentileOfSorted, sortedPresent } from "./quantile.js";
import { FittedAffine } from "./standard-scaler.js";
import type { ColumnTransformer, FitContext } from "./transformer.js";

export const ROBUST_SCALER_PARAMS = {
  withCentering: { type: "boolean", default: true, doc: "Subtract the median" },
  withScaling: { type: "boolean", default: true, doc: "Divide by the interquantile range" },
  quantileLow: { type: "number", default: 25, min: 0, max: 100, doc: "Lower percentile of the range" },
  quantileHigh: { type: "number", default: 75, min: 0, max: 100, doc: "Upper percentile of the range" },
} as const satisfies ParamSpecs;

export type RobustScalerParams = ParamValues<typeof ROBUST_SCALER_PARAMS>;

export class RobustScaler implements ColumnTransformer {
  readonly kind = "robust-scaler";
  readonly role = "stream";
  readonly accepts: readonly ColumnKind[] = NUMBER_KINDS;
  readonly params: RobustScalerParams;

  constructor(params: Partial<RobustScalerParams> = {}) {
    this.params = resolveParams(ROBUST_SCALER_PARAMS, params, "RobustScaler");
    if (this.params.quantileLow > this.params.quantileHigh) {
      throw new InvalidInput(`Invalid RobustScaler parameters: quantileLow ${this.params.quantileLow} is above quantileHigh ${this.params.quantileHigh}`);
    }
  }

  fit(column: Column, context: FitContext): FittedAffine {
    const sorted = sortedPresent(numericValues(column, context.name, "RobustScaler"));
    const center = this.params.withCentering ? medianOfSorted(sorted) : 0;
    const range = percentileOfSorted(sorted, this.params.quantileHigh) - percentileOfSorted(sorted, this.params.quantileLow);
    const scale = this.params.withScaling ? safeScale(range) : 1;
    return new FittedAffine(this.kind, this.params, center, scale);
  }
}
