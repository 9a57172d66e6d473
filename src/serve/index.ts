// Serving: the HTTP prediction server with hot swap, and batch scoring of files.

export { startServer, type ModelServer, type ServeEvent, type ServeOptions } from "./model-server.js";
export { ModelSlot, type SwapEvent } from "./model-slot.js";
export { ServedModel, type Prediction } from "./served-model.js";
export { fileResolver, resolveFile, servedName, sha256, type ModelResolver, type ResolvedModel } from "./resolved-model.js";
export { HTTP_STATUS, errorResponse, type ErrorBody, type HttpErrorCode } from "./http-errors.js";
export { InvalidRequest, type InputIssue } from "./input-issues.js";
export { InputEncoder, type EncodedInput } from "./input-encoder.js";
export { openApiDocument } from "./openapi.js";
export { scoreFile, type ScoreOptions, type ScoreProgress, type ScoreResult } from "./score-file.js";
export { openResolver, type OpenResolver } from "./model-resolver.js";
