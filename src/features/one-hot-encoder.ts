// OneHotEncoder: one 0/1 output per category seen at fit, in sorted order, with missing as a
// category of its own ("=(missing)", last, as scikit-learn sorts NaN). Rare categories (fewer than
// minFrequency rows, or beyond the maxCategories − 1 most frequent) fold into one "=(other)" output,
// scikit-learn's infrequent category. A category unseen at fit is ignored (all zeros), refused
// (InvalidInput naming row, column and value) or sent to "(other)" when it exists
// (scikit-learn's handle_unknown="infrequent_if_exist").

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { alignCodes, categoryView, countCategories, nameAt, UNKNOWN } from "./categories.js";
import { recordOf, stringsFromJson } from "./state-json.js";
import type { BlockSink, ColumnTransformer, FitContext, FittedBlock, StepState, TransformContext } from "./transformer.js";

export const ONE_HOT_ENCODER_PARAMS = {
  maxCategories: { type: "optional-integer", default: null, min: 2, doc: "At most this many outputs, the (other) output included" },
  minFrequency: { type: "optional-number", default: null, min: 0, doc: "Categories seen in fewer rows fold into (other): a count if ≥ 1, else a share of the rows" },
  handleUnknown: { type: "enum", default: "other", values: ["ignore", "error", "other"], doc: "A category unseen at fit: all zeros, an error, or the (other) output when there is one (else zeros)" },
} as const satisfies ParamSpecs;

export type OneHotEncoderParams = ParamValues<typeof ONE_HOT_ENCODER_PARAMS>;

export const OTHER = "(other)";
export const MISSING_NAME = "(missing)";

export class OneHotEncoder implements ColumnTransformer {
  readonly kind = "one-hot-encoder";
  readonly role = "block";
  readonly accepts: readonly ColumnKind[] = ["categorical", "boolean", "text", "integer"];
  readonly params: OneHotEncoderParams;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    this.params = resolveParams(ONE_HOT_ENCODER_PARAMS, params, "OneHotEncoder");
  }

  fit(column: Column, context: FitContext): FittedOneHotEncoder {
    const view = categoryView(column, context.name);
    const { categories, counts, nMissing } = countCategories(view);
    const allCounts = nMissing > 0 ? Float64Array.of(...counts, nMissing) : counts;
    const infrequent = this.#infrequent(allCounts, view.codes.length);
    return new FittedOneHotEncoder(this.params, categories, nMissing > 0, infrequent);
  }

  /** scikit-learn's _identify_infrequent, over the categories in sorted order (missing last). */
  #infrequent(counts: Float64Array, nRows: number): Uint8Array {
    const { minFrequency, maxCategories } = this.params;
    const k = counts.length;
    const mask = new Uint8Array(k);
    if (minFrequency !== null) {
      const threshold = minFrequency >= 1 ? minFrequency : minFrequency * nRows;
      for (let c = 0; c < k; c++) if (counts[c] < threshold) mask[c] = 1;
    }
    let nInfrequent = 0;
    for (let c = 0; c < k; c++) nInfrequent += mask[c];
    if (maxCategories !== null && maxCategories < k - nInfrequent + 1) {
      const nFrequent = maxCategories - 1;
      // A stable ascending sort by count: all but the nFrequent largest are infrequent.
      const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => counts[a] - counts[b] || a - b);
      for (let i = 0; i < k - nFrequent; i++) mask[order[i]] = 1;
    }
    return mask;
  }
}

export class FittedOneHotEncoder implements FittedBlock {
  readonly kind = "one-hot-encoder";
  readonly role = "block";
  readonly params: OneHotEncoderParams;
  /** Category names seen at fit, sorted; missing, when seen, is category `categories.length`. */
  readonly categories: readonly string[];
  readonly hasMissing: boolean;
  /** 1 for the categories folded into (other), in the same order (missing last). */
  readonly infrequent: Uint8Array;
  readonly outputSuffixes: readonly string[];
  /** Output index of each category (missing last); -1 for none. */
  readonly #slot: Int32Array;
  readonly #otherSlot: number;

  constructor(params: OneHotEncoderParams, categories: readonly string[], hasMissing: boolean, infrequent: Uint8Array) {
    this.params = params;
    this.categories = categories;
    this.hasMissing = hasMissing;
    this.infrequent = infrequent;
    const names = hasMissing ? [...categories, MISSING_NAME] : [...categories];
    this.#slot = new Int32Array(names.length);
    const suffixes: string[] = [];
    names.forEach((name, c) => {
      if (infrequent[c]) return;
      this.#slot[c] = suffixes.length;
      suffixes.push(`=${name}`);
    });
    const hasOther = infrequent.some((f) => f === 1);
    this.#otherSlot = hasOther ? suffixes.length : -1;
    if (hasOther) {
      suffixes.push(`=${OTHER}`);
      infrequent.forEach((f, c) => {
        if (f) this.#slot[c] = this.#otherSlot;
      });
    }
    this.outputSuffixes = suffixes;
  }

  write(column: Column, sink: BlockSink, context: TransformContext): void {
    const view = categoryView(column, context.name);
    const codes = alignCodes(view, this.categories);
    const { data, stride, offset } = sink;
    const missingSlot = this.hasMissing ? this.#slot[this.categories.length] : -2;
    const unknownSlot = this.params.handleUnknown === "other" ? this.#otherSlot : -1;
    let nUnknown = 0;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      let slot = c >= 0 ? this.#slot[c] : c === UNKNOWN ? -2 : missingSlot;
      if (slot === -2) {
        if (this.params.handleUnknown === "error") throw unseen(context, i, nameAt(view, i), this.categories);
        nUnknown++;
        slot = unknownSlot;
      }
      if (slot >= 0) data[i * stride + offset + slot] = 1;
    }
    const where = unknownSlot >= 0 ? `unseen category → ${OTHER}` : "unseen category → zeros";
    context.repairs?.add(context.name, where, nUnknown);
  }

  /** The encoding as a rows × outputs matrix, for use outside a pipeline. */
  transform(column: Column, name = "x"): { data: Float64Array; rows: number; cols: number; names: string[] } {
    const rows = column.kind === "categorical" ? column.codes.length : column.values.length;
    const cols = this.outputSuffixes.length;
    const data = new Float64Array(rows * cols);
    this.write(column, { data, stride: cols, offset: 0 }, { name });
    return { data, rows, cols, names: this.outputSuffixes.map((s) => name + s) };
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params, categories: [...this.categories], hasMissing: this.hasMissing, infrequent: Array.from(this.infrequent) };
  }

  static fromJSON(state: Record<string, unknown>): FittedOneHotEncoder {
    const params = new OneHotEncoder(recordOf(state.params, "one-hot-encoder params")).params;
    const categories = stringsFromJson(state.categories, "one-hot-encoder categories");
    const hasMissing = state.hasMissing === true;
    const infrequent = Uint8Array.from(Array.isArray(state.infrequent) ? state.infrequent : [], (v) => (v ? 1 : 0));
    if (infrequent.length !== categories.length + (hasMissing ? 1 : 0)) throw new InvalidInput("Feature pipeline state: one-hot-encoder infrequent mask does not match its categories");
    return new FittedOneHotEncoder(params, categories, hasMissing, infrequent);
  }
}

export function unseen(context: TransformContext, row: number, value: string, known: readonly string[]): InvalidInput {
  const shown = known.length > 8 ? `${known.slice(0, 8).join(", ")}, … (${known.length} in all)` : known.join(", ");
  return new InvalidInput(`Column "${context.name}" has category "${value}" at row ${row + (context.rowOffset ?? 0)}, unseen at fit`, {
    hint: `categories seen at fit are ${shown}; refit, or configure handleUnknown "ignore" or "other"`,
  });
}
