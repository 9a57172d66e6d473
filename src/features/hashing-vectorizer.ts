// HashingVectorizer: a bag of words for short text without a vocabulary. Tokens are the lowercase
// runs of two or more word characters (scikit-learn's default token_pattern); each goes to bucket
// |h| mod nFeatures with sign of h (MurmurHash3 of its UTF-8 bytes, seed 0), so colliding tokens
// tend to cancel rather than pile up; then each row is normalised (l2, l1 or none). Nothing is
// learned at fit, so nothing is unseen at transform. Missing text gives an all-zero row.

import { resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { categoryView } from "./categories.js";
import { murmur3 } from "./murmur3.js";
import { recordOf } from "./state-json.js";
import type { BlockSink, ColumnTransformer, FitContext, FittedBlock, StepState, TransformContext } from "./transformer.js";

export const HASHING_VECTORIZER_PARAMS = {
  nFeatures: { type: "integer", default: 64, min: 1, max: 1 << 20, doc: "Buckets (outputs)" },
  alternateSign: { type: "boolean", default: true, doc: "Add +1 or −1 by the hash's sign, so collisions cancel on average" },
  norm: { type: "enum", default: "l2", values: ["l2", "l1", "none"], doc: "Row normalisation of the counts" },
} as const satisfies ParamSpecs;

export type HashingVectorizerParams = ParamValues<typeof HASHING_VECTORIZER_PARAMS>;

const TOKEN = /[\p{L}\p{N}\p{M}_]{2,}/gu;

export class HashingVectorizer implements ColumnTransformer {
  readonly kind = "hashing-vectorizer";
  readonly role = "block";
  readonly accepts: readonly ColumnKind[] = ["text", "categorical"];
  readonly params: HashingVectorizerParams;

  constructor(params: Partial<HashingVectorizerParams> = {}) {
    this.params = resolveParams(HASHING_VECTORIZER_PARAMS, params, "HashingVectorizer");
  }

  fit(_column: Column, _context: FitContext): FittedHashingVectorizer {
    return new FittedHashingVectorizer(this.params);
  }
}

export class FittedHashingVectorizer implements FittedBlock {
  readonly kind = "hashing-vectorizer";
  readonly role = "block";
  readonly params: HashingVectorizerParams;
  readonly outputSuffixes: readonly string[];

  constructor(params: HashingVectorizerParams) {
    this.params = params;
    this.outputSuffixes = Array.from({ length: params.nFeatures }, (_, j) => `.hash${j}`);
  }

  write(column: Column, sink: BlockSink, context: TransformContext): void {
    const { data, stride, offset } = sink;
    const n = this.params.nFeatures;
    const encoder = new TextEncoder();
    let bytes = new Uint8Array(256);
    // A category column hashes each dictionary entry once, not each row.
    const texts = column.kind === "text" ? column.values : null;
    const view = texts ? null : categoryView(column, context.name);
    const rows = texts ? texts.length : view!.codes.length;
    for (let i = 0; i < rows; i++) {
      const base = i * stride + offset;
      const text = texts ? texts[i] : view!.codes[i] < 0 ? null : view!.categories[view!.codes[i]];
      if (text === null) continue;
      for (const match of text.toLowerCase().matchAll(TOKEN)) {
        const token = match[0];
        if (bytes.length < token.length * 3) bytes = new Uint8Array(token.length * 3);
        const { written } = encoder.encodeInto(token, bytes);
        const h = murmur3(bytes, written);
        // |−2^31| does not fit in 32 bits: scikit-learn maps it to this bucket.
        const bucket = h === -2147483648 ? (2147483647 - (n - 1)) % n : Math.abs(h) % n;
        data[base + bucket] += this.params.alternateSign && h < 0 ? -1 : 1;
      }
      this.#normalise(data, base);
    }
  }

  #normalise(data: Float64Array, base: number): void {
    const { norm, nFeatures } = this.params;
    if (norm === "none") return;
    let total = 0;
    for (let j = 0; j < nFeatures; j++) total += norm === "l2" ? data[base + j] * data[base + j] : Math.abs(data[base + j]);
    if (total === 0) return;
    const scale = norm === "l2" ? Math.sqrt(total) : total;
    for (let j = 0; j < nFeatures; j++) data[base + j] /= scale;
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params };
  }

  static fromJSON(state: Record<string, unknown>): FittedHashingVectorizer {
    return new FittedHashingVectorizer(new HashingVectorizer(recordOf(state.params, "hashing-vectorizer params")).params);
  }
}
