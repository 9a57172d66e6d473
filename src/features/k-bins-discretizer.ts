// KBinsDiscretizer: cuts a numeric column into bins learned at fit — equal-width ("uniform") or
// equal-count ("quantile", numpy percentiles; edges closer than 1e-8 merge, as scikit-learn) — and
// outputs the bin index ("ordinal", one output) or one 0/1 output per bin ("onehot"). Values
// beyond the fit range go to the first or last bin; missing gives NaN (ordinal) or all zeros.

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { NUMBER_KINDS, numericValues } from "./numeric-view.js";
import { percentileOfSorted, sortedPresent } from "./quantile.js";
import { numbersFromJson, numbersToJson, recordOf } from "./state-json.js";
import type { BlockSink, ColumnTransformer, FitContext, FittedBlock, StepState, TransformContext } from "./transformer.js";

export const K_BINS_DISCRETIZER_PARAMS = {
  nBins: { type: "integer", default: 5, min: 2, doc: "Bins to cut the column into (quantile bins may merge)" },
  strategy: { type: "enum", default: "quantile", values: ["quantile", "uniform"], doc: "Equal-count or equal-width bins" },
  encode: { type: "enum", default: "ordinal", values: ["ordinal", "onehot"], doc: "The bin index, or one 0/1 output per bin" },
} as const satisfies ParamSpecs;

export type KBinsDiscretizerParams = ParamValues<typeof K_BINS_DISCRETIZER_PARAMS>;

export class KBinsDiscretizer implements ColumnTransformer {
  readonly kind = "k-bins-discretizer";
  readonly role = "block";
  readonly accepts: readonly ColumnKind[] = NUMBER_KINDS;
  readonly params: KBinsDiscretizerParams;

  constructor(params: Partial<KBinsDiscretizerParams> = {}) {
    this.params = resolveParams(K_BINS_DISCRETIZER_PARAMS, params, "KBinsDiscretizer");
  }

  fit(column: Column, context: FitContext): FittedKBinsDiscretizer {
    const sorted = sortedPresent(numericValues(column, context.name, "KBinsDiscretizer"));
    if (sorted.length === 0) throw new InvalidInput(`Column "${context.name}" has no values at fit: KBinsDiscretizer cannot learn bins`, { hint: "impute it first or exclude it" });
    const min = sorted[0];
    const max = sorted[sorted.length - 1];
    const { nBins, strategy } = this.params;
    if (min === max) return new FittedKBinsDiscretizer(this.params, Float64Array.of(-Infinity, Infinity));
    const grid = linspace(strategy === "uniform" ? min : 0, strategy === "uniform" ? max : 100, nBins + 1);
    let edges = strategy === "uniform" ? grid : grid.map((q) => percentileOfSorted(sorted, q));
    if (strategy === "quantile") edges = edges.filter((e, i) => i === 0 || e - edges[i - 1] > 1e-8);
    return new FittedKBinsDiscretizer(this.params, edges);
  }
}

export class FittedKBinsDiscretizer implements FittedBlock {
  readonly kind = "k-bins-discretizer";
  readonly role = "block";
  readonly params: KBinsDiscretizerParams;
  /** Bin edges, ascending: bin b is [edges[b], edges[b + 1]). */
  readonly edges: Float64Array;
  readonly outputSuffixes: readonly string[];

  constructor(params: KBinsDiscretizerParams, edges: Float64Array) {
    this.params = params;
    this.edges = edges;
    const nBins = edges.length - 1;
    this.outputSuffixes = params.encode === "ordinal" ? [".bin"] : Array.from({ length: nBins }, (_, b) => `.bin${b}`);
  }

  get nBins(): number {
    return this.edges.length - 1;
  }

  write(column: Column, sink: BlockSink, context: TransformContext): void {
    const x = numericValues(column, context.name, "KBinsDiscretizer");
    const { data, stride, offset } = sink;
    const isOrdinal = this.params.encode === "ordinal";
    for (let i = 0; i < x.length; i++) {
      const bin = Number.isNaN(x[i]) ? -1 : this.#binOf(x[i]);
      const base = i * stride + offset;
      if (isOrdinal) data[base] = bin < 0 ? NaN : bin;
      else if (bin >= 0) data[base + bin] = 1;
    }
  }

  /** The number of inner edges ≤ v (numpy.searchsorted(edges[1:-1], v, side="right")). */
  #binOf(v: number): number {
    let lo = 1;
    let hi = this.edges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edges[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params, edges: numbersToJson(this.edges) };
  }

  static fromJSON(state: Record<string, unknown>): FittedKBinsDiscretizer {
    const params = new KBinsDiscretizer(recordOf(state.params, "k-bins-discretizer params")).params;
    const edges = numbersFromJson(state.edges, "k-bins-discretizer edges");
    if (edges.length < 2) throw new InvalidInput("Feature pipeline state: k-bins-discretizer needs at least two edges");
    return new FittedKBinsDiscretizer(params, edges);
  }
}

/** numpy.linspace(start, stop, num): start + i · step, the last one exactly stop. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}
