// The model document format shared by every family: envelope, payload of typed arrays, header
// field checks, and codecs that dispatch on the kind tag.

export { MODEL_FORMAT, checkEnvelope, decodeDocument, encodeDocument, shown, type DocumentHeader, type ModelDocument } from "./document.js";
export { createModelFormat, type ModelCodec, type ModelFormat } from "./codec.js";
export { BYTES_PER_ELEMENT, PayloadReader, PayloadWriter, align8, type ArrayOfDType, type DType, type Section } from "./payload.js";
export * from "./fields.js";
