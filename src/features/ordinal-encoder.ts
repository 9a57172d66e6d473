// OrdinalEncoder: each category seen at fit becomes its index in sorted order (0, 1, …); missing
// stays NaN; a category unseen at fit becomes `unknownValue` (default NaN, so a tree sends it down
// the missing branch) or an InvalidInput naming row, column and value.

import { resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { alignCodes, categoryView, countCategories, nameAt, UNKNOWN } from "./categories.js";
import { unseen } from "./one-hot-encoder.js";
import { recordOf, stringsFromJson } from "./state-json.js";
import type { ColumnTransformer, FitContext, FittedStream, StepState, TransformContext } from "./transformer.js";

export const ORDINAL_ENCODER_PARAMS = {
  handleUnknown: { type: "enum", default: "value", values: ["value", "error"], doc: "A category unseen at fit: unknownValue, or an error" },
  unknownValue: { type: "optional-number", default: null, doc: "The code of an unseen category (null: NaN)" },
} as const satisfies ParamSpecs;

export type OrdinalEncoderParams = ParamValues<typeof ORDINAL_ENCODER_PARAMS>;

export class OrdinalEncoder implements ColumnTransformer {
  readonly kind = "ordinal-encoder";
  readonly role = "stream";
  readonly accepts: readonly ColumnKind[] = ["categorical", "boolean", "text", "integer"];
  readonly params: OrdinalEncoderParams;

  constructor(params: Partial<OrdinalEncoderParams> = {}) {
    this.params = resolveParams(ORDINAL_ENCODER_PARAMS, params, "OrdinalEncoder");
  }

  fit(column: Column, context: FitContext): FittedOrdinalEncoder {
    return new FittedOrdinalEncoder(this.params, countCategories(categoryView(column, context.name)).categories);
  }
}

export class FittedOrdinalEncoder implements FittedStream {
  readonly kind = "ordinal-encoder";
  readonly role = "stream";
  readonly outputKind: ColumnKind = "numeric";
  readonly params: OrdinalEncoderParams;
  readonly categories: readonly string[];

  constructor(params: OrdinalEncoderParams, categories: readonly string[]) {
    this.params = params;
    this.categories = categories;
  }

  apply(column: Column, context: TransformContext): Column {
    const view = categoryView(column, context.name);
    const codes = alignCodes(view, this.categories);
    const unknownValue = this.params.unknownValue ?? NaN;
    const out = new Float64Array(codes.length);
    let nUnknown = 0;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === UNKNOWN) {
        if (this.params.handleUnknown === "error") throw unseen(context, i, nameAt(view, i), this.categories);
        nUnknown++;
        out[i] = unknownValue;
      } else out[i] = c < 0 ? NaN : c;
    }
    context.repairs?.add(context.name, `unseen category → ${unknownValue}`, nUnknown);
    return { kind: "numeric", values: out };
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params, categories: [...this.categories] };
  }

  static fromJSON(state: Record<string, unknown>): FittedOrdinalEncoder {
    const params = new OrdinalEncoder(recordOf(state.params, "ordinal-encoder params")).params;
    return new FittedOrdinalEncoder(params, stringsFromJson(state.categories, "ordinal-encoder categories"));
  }
}
