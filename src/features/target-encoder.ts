// TargetEncoder: each category becomes the mean target of its rows, shrunk towards the global mean
// (scikit-learn 1.3's TargetEncoder). Shrinkage: with `smooth` = m, (sum + m · mean) / (count + m),
// the m-estimate; with smooth = null ("auto"), the empirical-Bayes weight
// λ = count · var(y) / (count · var(y) + var(y | category)), encoding λ · mean_c + (1 − λ) · mean.
// Fit encodes the training rows out of fold: k folds (seeded; stratified for class targets), each
// fold encoded from the other folds only, so a row's own target never reaches its features.
// Transform on new rows uses the encoding learned from all training rows. Binary targets give one
// output (share of the second class), multiclass one per class (one-vs-rest), continuous one.

import { InvalidInput, Rng, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { alignCodes, categoryView, countCategories, UNKNOWN } from "./categories.js";
import { numbersFromJson, numbersToJson, recordOf, stringsFromJson } from "./state-json.js";
import type { BlockSink, ColumnTransformer, EncodedTarget, FitContext, FittedBlock, StepState, TransformContext } from "./transformer.js";

export const TARGET_ENCODER_PARAMS = {
  smooth: { type: "optional-number", default: null, min: 0, doc: "Weight m of the global mean (m-estimate); null: empirical-Bayes 'auto'" },
  cv: { type: "integer", default: 5, min: 2, doc: "Folds for the out-of-fold training encoding" },
  seed: { type: "integer", default: 0, doc: "Seed of the fold assignment" },
} as const satisfies ParamSpecs;

export type TargetEncoderParams = ParamValues<typeof TARGET_ENCODER_PARAMS>;

export class TargetEncoder implements ColumnTransformer {
  readonly kind = "target-encoder";
  readonly role = "block";
  readonly isSupervised = true;
  readonly accepts: readonly ColumnKind[] = ["categorical", "boolean", "text", "integer"];
  readonly params: TargetEncoderParams;

  constructor(params: Partial<TargetEncoderParams> = {}) {
    this.params = resolveParams(TARGET_ENCODER_PARAMS, params, "TargetEncoder");
  }

  fit(column: Column, context: FitContext): FittedTargetEncoder {
    return this.fitTransform(column, context).fitted;
  }

  /** Fits on all rows, and encodes the training rows out of fold: `training` is rows × outputs. */
  fitTransform(column: Column, context: FitContext): { fitted: FittedTargetEncoder; training: Float64Array; folds: Int32Array } {
    const target = context.target;
    if (!target) throw new InvalidInput(`TargetEncoder on "${context.name}" needs a target: pass fit(frame, { target })`);
    const view = categoryView(column, context.name);
    const n = view.codes.length;
    if (target.type === "continuous" ? target.values.length !== n : target.codes.length !== n) {
      throw new InvalidInput(`The target has ${target.type === "continuous" ? target.values.length : target.codes.length} values but column "${context.name}" has ${n} rows`);
    }
    if (n < this.params.cv) throw new InvalidInput(`TargetEncoder needs at least cv = ${this.params.cv} rows to encode out of fold: received ${n}`);
    const { categories, nMissing } = countCategories(view);
    const nCats = categories.length + (nMissing > 0 ? 1 : 0);
    const codes = alignCodes(view, categories);
    for (let i = 0; i < n; i++) if (codes[i] < 0) codes[i] = categories.length; // missing is a category
    const folds = assignFolds(target, n, this.params.cv, this.params.seed);
    const outputs = target.type === "multiclass" ? target.classes.length : 1;
    const training = new Float64Array(n * outputs);
    const encodings: Float64Array[] = [];
    const means = new Float64Array(outputs);
    for (let k = 0; k < outputs; k++) {
      const y = targetColumn(target, k);
      const stats = foldStats(codes, y, folds, nCats, this.params.cv);
      const full = encode(stats.total, nCats, this.params.smooth);
      encodings.push(full.encoding);
      means[k] = full.mean;
      for (let f = 0; f < this.params.cv; f++) {
        const part = encode(complement(stats, f, nCats), nCats, this.params.smooth).encoding;
        for (let i = 0; i < n; i++) if (folds[i] === f) training[i * outputs + k] = part[codes[i]];
      }
    }
    const classes = target.type === "continuous" ? [] : target.classes;
    const suffixes = target.type === "multiclass" ? classes.map((c) => `.target=${c}`) : [".target"];
    return { fitted: new FittedTargetEncoder(this.params, categories, nMissing > 0, suffixes, encodings, means), training, folds };
  }
}

export class FittedTargetEncoder implements FittedBlock {
  readonly kind = "target-encoder";
  readonly role = "block";
  readonly params: TargetEncoderParams;
  readonly categories: readonly string[];
  readonly hasMissing: boolean;
  readonly outputSuffixes: readonly string[];
  /** Per output: the encoding of each category (missing last, when seen). */
  readonly encodings: readonly Float64Array[];
  /** Per output: the global target mean, the encoding of unseen categories. */
  readonly means: Float64Array;

  constructor(params: TargetEncoderParams, categories: readonly string[], hasMissing: boolean, suffixes: readonly string[], encodings: readonly Float64Array[], means: Float64Array) {
    this.params = params;
    this.categories = categories;
    this.hasMissing = hasMissing;
    this.outputSuffixes = suffixes;
    this.encodings = encodings;
    this.means = means;
  }

  write(column: Column, sink: BlockSink, context: TransformContext): void {
    const codes = alignCodes(categoryView(column, context.name), this.categories);
    const missingCode = this.hasMissing ? this.categories.length : UNKNOWN;
    const { data, stride, offset } = sink;
    const outputs = this.encodings.length;
    let nUnknown = 0;
    for (let i = 0; i < codes.length; i++) {
      let c = codes[i];
      if (c === -1) c = missingCode;
      if (c === UNKNOWN) nUnknown++;
      for (let k = 0; k < outputs; k++) data[i * stride + offset + k] = c >= 0 ? this.encodings[k][c] : this.means[k];
    }
    context.repairs?.add(context.name, "unseen category → target mean", nUnknown);
  }

  toJSON(): StepState {
    return {
      kind: this.kind,
      params: this.params,
      categories: [...this.categories],
      hasMissing: this.hasMissing,
      outputSuffixes: [...this.outputSuffixes],
      encodings: this.encodings.map((e) => numbersToJson(e)),
      means: numbersToJson(this.means),
    };
  }

  static fromJSON(state: Record<string, unknown>): FittedTargetEncoder {
    const params = new TargetEncoder(recordOf(state.params, "target-encoder params")).params;
    const encodings = Array.isArray(state.encodings) ? state.encodings.map((e, k) => numbersFromJson(e, `target-encoder encodings[${k}]`)) : [];
    const means = numbersFromJson(state.means, "target-encoder means");
    if (encodings.length !== means.length) throw new InvalidInput("Feature pipeline state: target-encoder encodings and means differ in length");
    return new FittedTargetEncoder(params, stringsFromJson(state.categories, "target-encoder categories"), state.hasMissing === true, stringsFromJson(state.outputSuffixes, "target-encoder outputSuffixes"), encodings, means);
  }
}

/** Per fold and category: count, sum and sum of squares of y (flat, fold-major). */
interface FoldStats {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly squares: Float64Array;
  readonly total: { count: Float64Array; sum: Float64Array; squares: Float64Array };
}

function foldStats(codes: Int32Array, y: Float64Array, folds: Int32Array, nCats: number, nFolds: number): FoldStats {
  const count = new Float64Array(nFolds * nCats);
  const sum = new Float64Array(nFolds * nCats);
  const squares = new Float64Array(nFolds * nCats);
  for (let i = 0; i < codes.length; i++) {
    const at = folds[i] * nCats + codes[i];
    count[at]++;
    sum[at] += y[i];
    squares[at] += y[i] * y[i];
  }
  const total = { count: new Float64Array(nCats), sum: new Float64Array(nCats), squares: new Float64Array(nCats) };
  for (let f = 0; f < nFolds; f++) {
    for (let c = 0; c < nCats; c++) {
      total.count[c] += count[f * nCats + c];
      total.sum[c] += sum[f * nCats + c];
      total.squares[c] += squares[f * nCats + c];
    }
  }
  return { count, sum, squares, total };
}

/** The statistics of every fold but `f`. */
function complement(stats: FoldStats, f: number, nCats: number): FoldStats["total"] {
  const out = { count: new Float64Array(nCats), sum: new Float64Array(nCats), squares: new Float64Array(nCats) };
  for (let c = 0; c < nCats; c++) {
    out.count[c] = stats.total.count[c] - stats.count[f * nCats + c];
    out.sum[c] = stats.total.sum[c] - stats.sum[f * nCats + c];
    out.squares[c] = stats.total.squares[c] - stats.squares[f * nCats + c];
  }
  return out;
}

/** Category encodings from their statistics; a category with no rows gets the global mean. */
export function encode(stats: FoldStats["total"], nCats: number, smooth: number | null): { encoding: Float64Array; mean: number } {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let c = 0; c < nCats; c++) {
    n += stats.count[c];
    sum += stats.sum[c];
    squares += stats.squares[c];
  }
  const mean = sum / n;
  const variance = Math.max(squares / n - mean * mean, 0);
  const encoding = new Float64Array(nCats);
  for (let c = 0; c < nCats; c++) {
    const count = stats.count[c];
    if (count === 0) encoding[c] = mean;
    else if (smooth !== null) encoding[c] = (stats.sum[c] + smooth * mean) / (count + smooth);
    else {
      const categoryMean = stats.sum[c] / count;
      const withinVariance = Math.max(stats.squares[c] / count - categoryMean * categoryMean, 0);
      const lambda = (variance * count) / (variance * count + withinVariance);
      encoding[c] = Number.isNaN(lambda) ? mean : lambda * categoryMean + (1 - lambda) * mean;
    }
  }
  return { encoding, mean };
}

function targetColumn(target: EncodedTarget, k: number): Float64Array {
  if (target.type === "continuous") return target.values;
  const positive = target.type === "binary" ? 1 : k;
  return Float64Array.from(target.codes, (c) => (c === positive ? 1 : 0));
}

/** Fold of each row: a seeded shuffle dealt round-robin, per class for class targets (stratified). */
export function assignFolds(target: EncodedTarget, n: number, nFolds: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const folds = new Int32Array(n);
  const groups: Int32Array[] = [];
  if (target.type === "continuous") groups.push(rng.permutation(n));
  else {
    for (let k = 0; k < target.classes.length; k++) {
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (target.codes[i] === k) rows.push(i);
      groups.push(rng.shuffle(Int32Array.from(rows)));
    }
  }
  let next = 0;
  for (const rows of groups) for (let i = 0; i < rows.length; i++) folds[rows[i]] = next++ % nFolds;
  return folds;
}

