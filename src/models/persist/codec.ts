// One model format for every family. A family describes each fitted model class it has by a codec
// (its kind tag, its class, and how it becomes a document and back); models/codecs.ts lists them
// all, and encodeModel / decodeModel dispatch on the kind. Adding a family is adding its codecs to
// that list: nothing else branches on the kind.

import { InvalidInput } from "../../core/index.js";
import { decodeDocument, encodeDocument, MODEL_FORMAT, shown, type DocumentHeader, type ModelDocument } from "./document.js";

export interface ModelCodec<M extends object = object> {
  /** The kind tag, e.g. "ridge" or "gradient-boosting-classifier": unique across families. */
  readonly kind: string;
  /** The fitted model's class: a model is of this kind when it is an instance of it. */
  readonly type: abstract new (...args: never[]) => M;
  /** A header (format, version, kind, payloadBytes and the family's fields) and its payload. */
  toDocument(model: M): ModelDocument;
  /** The model a document describes, after checking every field (start with checkEnvelope). */
  fromDocument(doc: ModelDocument): M;
}

export interface ModelFormat {
  /** Kind tags in the order the codecs were given. */
  readonly kinds: readonly string[];
  kindOf(model: object): string;
  toDocument(model: object): ModelDocument;
  fromDocument(doc: ModelDocument): object;
  /** The model as bytes: identical predictions after decode. */
  encode(model: object): Uint8Array;
  decode(bytes: Uint8Array): object;
}

/** A format over `codecs`; a model is matched to the first codec whose class it is an instance of. */
export function createModelFormat(codecs: readonly ModelCodec<any>[]): ModelFormat {
  const byKind = new Map<string, ModelCodec<any>>();
  for (const codec of codecs) {
    if (byKind.has(codec.kind)) throw new Error(`Two model codecs claim the kind "${codec.kind}"`);
    byKind.set(codec.kind, codec);
  }
  const kinds = codecs.map((c) => c.kind);
  const codecOf = (model: object): ModelCodec<any> => {
    const found = model !== null && typeof model === "object" ? codecs.find((c) => model instanceof c.type) : undefined;
    if (!found) throw new InvalidInput(`Cannot serialise ${shown(model)}: model kinds are ${kinds.join(", ")}`);
    return found;
  };
  const fromDocument = (doc: ModelDocument): object => {
    const raw = doc !== null && typeof doc === "object" && doc.header !== null && typeof doc.header === "object" ? (doc.header as unknown as Record<string, unknown>) : {};
    if (raw.format !== MODEL_FORMAT) throw new InvalidInput(`Not an Orchard model document: format is ${shown(raw.format)}, expected "${MODEL_FORMAT}"`);
    const codec = typeof raw.kind === "string" ? byKind.get(raw.kind) : undefined;
    if (!codec) throw new InvalidInput(`Unknown model kind ${shown(raw.kind)}: this Orchard reads ${kinds.join(", ")}`);
    return codec.fromDocument(doc);
  };
  return {
    kinds,
    kindOf: (model) => codecOf(model).kind,
    toDocument: (model) => codecOf(model).toDocument(model),
    fromDocument,
    encode: (model) => encodeDocument(codecOf(model).toDocument(model)),
    decode: (bytes) => fromDocument(decodeDocument(bytes)),
  };
}

export type { DocumentHeader, ModelDocument };
