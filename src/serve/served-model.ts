// A model as the server holds it: the decoded bundle, where it came from, and everything compiled
// once at load so a request pays only for its rows (the signature's encoder, each member's path).

import { decodeBundle, type Bundle } from "../automl/index.js";
import { InvalidInput } from "../core/index.js";
import { Frame, type Column } from "../data/index.js";
import type { ClassLabel } from "../models/index.js";
import { InputEncoder, type EncodedInput } from "./input-encoder.js";
import { memberPath, type MemberPath } from "./member-path.js";
import type { RequestTable } from "./request-table.js";
import { servedName, sha256, type ResolvedModel } from "./resolved-model.js";

export interface Prediction {
  readonly nRows: number;
  /** Labels (classification) or values (regression), one per row. */
  readonly predictions: readonly ClassLabel[] | Float64Array;
  /** Classification: rows × classes, row-major, in `classes` order. */
  readonly probabilities: Float64Array | null;
  readonly classes: readonly ClassLabel[] | null;
  readonly warnings: readonly string[];
}

export class ServedModel {
  readonly resolved: ResolvedModel;
  readonly bundle: Bundle;
  /** sha256 of the bytes actually loaded. */
  readonly digest: string;
  readonly name: string;
  /** The registry's version number, or the digest's first 12 characters for a plain file. */
  readonly version: string;
  readonly encoder: InputEncoder;
  readonly loadedAt: Date;
  readonly #paths: readonly MemberPath[];

  constructor(resolved: ResolvedModel, bundle: Bundle, digest: string) {
    this.resolved = resolved;
    this.bundle = bundle;
    this.digest = digest;
    this.name = servedName(resolved);
    this.version = resolved.version === null ? digest.slice(0, 12) : String(resolved.version);
    this.encoder = new InputEncoder(bundle.signature);
    this.loadedAt = new Date();
    const names = bundle.signature.map((c) => c.name);
    const categories = bundle.signature.map((c) => c.categories);
    const inputs = new Set(bundle.predictor.inputs.map((c) => c.name));
    const lacking = [...inputs].filter((n) => !names.includes(n));
    if (lacking.length > 0) throw new InvalidInput(`The bundle's signature lacks inputs the model reads: ${lacking.join(", ")}`, { hint: "retrain with this Orchard version" });
    this.#paths = bundle.predictor.members.map((m) => memberPath(m, bundle.predictor, names, categories));
  }

  /** Decodes a bundle's bytes and warms it up (a first prediction compiles the forests). */
  static fromBytes(resolved: ResolvedModel, bytes: Uint8Array): ServedModel {
    const model = new ServedModel(resolved, decodeBundle(bytes), sha256(bytes));
    model.warmUp();
    return model;
  }

  get task(): "classification" | "regression" {
    return this.bundle.predictor.task;
  }

  predict(table: RequestTable): Prediction {
    return this.predictEncoded(this.encoder.encode(table));
  }

  predictEncoded(input: EncodedInput): Prediction {
    const { predictor } = this.bundle;
    // The Frame is built only if a member needs it (the boosting row path does not).
    let frame: Frame | undefined;
    const n = input.nRows;
    const length = predictor.task === "regression" ? n : n * predictor.classes.length;
    const blended = predictor.blend((_, m) => this.#paths[m](input, () => (frame ??= this.frameOf(input))), length);
    if (predictor.task === "regression") {
      return { nRows: n, predictions: blended, probabilities: null, classes: null, warnings: input.warnings };
    }
    const proba = blended;
    return { nRows: n, predictions: predictor.labelsOf(proba, n), probabilities: proba, classes: predictor.classes, warnings: input.warnings };
  }

  /** The request as a Frame with the training kinds: what predictor.predict reads. */
  frameOf(input: EncodedInput): Frame {
    const p = this.bundle.signature.length;
    const n = input.nRows;
    const columns = this.bundle.signature.map((c, j): [string, Column] => {
      if (c.kind === "text") return [c.name, { kind: "text", values: input.texts[j]! }];
      if (c.kind === "categorical") {
        const codes = new Int32Array(n);
        for (let i = 0; i < n; i++) {
          const v = input.values[i * p + j];
          codes[i] = v !== v ? -1 : v;
        }
        return [c.name, { kind: "categorical", codes, categories: [...(c.categories ?? []), ...input.unseen[j]] }];
      }
      if (c.kind === "boolean") {
        const values = new Int8Array(n);
        for (let i = 0; i < n; i++) {
          const v = input.values[i * p + j];
          values[i] = v !== v ? -1 : v;
        }
        return [c.name, { kind: "boolean", values }];
      }
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = input.values[i * p + j];
      return [c.name, { kind: c.kind, values }];
    });
    return Frame.fromColumns(columns);
  }

  /** One row of typical values through every path: compiles what compiles lazily, off the request path. */
  warmUp(): void {
    const row: Record<string, unknown> = {};
    for (const c of this.bundle.signature) {
      row[c.name] = c.kind === "categorical" ? (c.categories?.[0] ?? null) : c.range ? c.range[0] : c.kind === "boolean" ? 0 : c.kind === "text" ? "" : null;
    }
    const table: RequestTable = { nRows: 1, columns: new Set(Object.keys(row)), value: (_, name) => row[name] };
    this.predict(table);
  }
}
