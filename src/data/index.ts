export * from "./column.js";
export { Frame, type FrameOrigin, type NamedMatrix, type SplitOptions } from "./frame.js";
export { read, type ReadOptions, type ReadProgress } from "./read.js";
export { DEFAULT_MISSING, UNKNOWN_TOKENS } from "./infer.js";
export type { Encoding, SourceFormat } from "./source.js";
export * from "./profile/index.js";
export { parseNumber, parseTimestamp } from "./strings.js";
