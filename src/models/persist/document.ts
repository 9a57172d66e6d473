// The byte envelope every model document shares (DESIGN.md §4): a JSON header that describes the
// model and locates its arrays, and a binary payload holding those arrays (payload.ts). This file
// knows nothing of any model family; codec.ts dispatches on the header's kind tag.
//
// Bytes of an encoded model:
//   [0, 8)            magic "ORCHARD\0"
//   [8, 12)           header length H in bytes (uint32, little-endian), a multiple of 8
//   [12, 16)          reserved, 0
//   [16, 16 + H)      header: UTF-8 JSON, padded with spaces
//   [16 + H, end)     payload: header.payloadBytes bytes

import { InvalidInput } from "../../core/index.js";
import { align8 } from "./payload.js";

export const MODEL_FORMAT = "orchard-model";

/** Fields every header carries; a family adds its own beside them. */
export interface DocumentHeader {
  /** "orchard-model" for models; bundles and other documents share the envelope with their own. */
  readonly format: string;
  /** The family's own format version for this kind. */
  readonly version: number;
  readonly kind: string;
  readonly payloadBytes: number;
}

export interface ModelDocument<H extends DocumentHeader = DocumentHeader> {
  readonly header: H;
  readonly payload: Uint8Array;
}

/** The document as one byte array: see the layout at the top of this file. */
export function encodeDocument(doc: ModelDocument<DocumentHeader>): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(doc.header));
  const headerBytes = align8(json.length);
  const out = new Uint8Array(PREAMBLE_BYTES + headerBytes + doc.payload.byteLength);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, headerBytes, true);
  out.set(json, PREAMBLE_BYTES);
  out.fill(0x20, PREAMBLE_BYTES + json.length, PREAMBLE_BYTES + headerBytes);
  out.set(doc.payload, PREAMBLE_BYTES + headerBytes);
  return out;
}

/** Splits bytes into header and payload; the family's codec checks the header's own fields. */
export function decodeDocument(bytes: Uint8Array): ModelDocument<DocumentHeader> {
  if (!(bytes instanceof Uint8Array)) throw new InvalidInput(`A model must be read from a Uint8Array: received ${shown(bytes)}`);
  if (bytes.length < PREAMBLE_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new InvalidInput(`Not an Orchard model: the ${bytes.length} bytes do not start with "ORCHARD\\0"`, { hint: "pass the bytes encodeModel() wrote" });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = view.getUint32(8, true);
  if (PREAMBLE_BYTES + headerBytes > bytes.length) {
    throw new InvalidInput(`Model is truncated: its header needs ${headerBytes} bytes after the first ${PREAMBLE_BYTES} but only ${bytes.length - PREAMBLE_BYTES} follow`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerBytes)));
  } catch (error) {
    throw new InvalidInput(`Model header is not valid UTF-8 JSON: ${(error as Error).message}`, { cause: error });
  }
  const payloadStart = PREAMBLE_BYTES + headerBytes;
  const declared = header !== null && typeof header === "object" ? (header as Record<string, unknown>).payloadBytes : undefined;
  if (typeof declared === "number" && Number.isSafeInteger(declared) && declared >= 0 && declared !== bytes.length - payloadStart) {
    const have = bytes.length - payloadStart;
    throw new InvalidInput(
      declared > have
        ? `Model payload is truncated: the header says ${declared} bytes but only ${have} follow it`
        : `Model has ${have - declared} unexpected bytes after its ${declared}-byte payload`,
    );
  }
  return { header: header as DocumentHeader, payload: bytes.subarray(payloadStart) };
}

/**
 * Checks the shared fields of a parsed header for a kind whose reader knows `version`, and that
 * the payload has the size the header says. Families call it first in their `fromDocument`.
 */
export function checkEnvelope(doc: ModelDocument<DocumentHeader>, kind: string, version: number): Record<string, unknown> {
  if (doc === null || typeof doc !== "object") throw new InvalidInput(`A model document must be an object { header, payload }: received ${shown(doc)}`);
  const header: unknown = doc.header;
  const raw = header !== null && typeof header === "object" ? (header as Record<string, unknown>) : {};
  if (raw.format !== MODEL_FORMAT) throw new InvalidInput(`Not an Orchard model document: format is ${shown(raw.format)}, expected "${MODEL_FORMAT}"`);
  if (raw.kind !== kind) throw new InvalidInput(`Model document of kind ${shown(raw.kind)} given to the reader of ${kind}`);
  if (raw.version !== version) {
    throw new InvalidInput(`Unsupported ${kind} document version ${shown(raw.version)}: this Orchard reads version ${version}`, {
      hint: "load it with the Orchard version that wrote it, or retrain",
    });
  }
  if (!(doc.payload instanceof Uint8Array)) throw new InvalidInput(`The model payload must be a Uint8Array: received ${shown(doc.payload)}`);
  if (raw.payloadBytes !== doc.payload.byteLength) {
    throw new InvalidInput(`Model payload has ${doc.payload.byteLength} bytes but the header says ${shown(raw.payloadBytes)}`, { hint: "the file is truncated or was altered" });
  }
  return raw;
}

export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== "object") return String(value);
  return (value as object).constructor?.name ?? "an object";
}

const MAGIC = Uint8Array.of(0x4f, 0x52, 0x43, 0x48, 0x41, 0x52, 0x44, 0x00); // "ORCHARD\0"
const PREAMBLE_BYTES = 16;
