// Every failure leaves the server in one JSON shape, {"error": {"code", "message", "hint"?,
// "issues"?}}, with the HTTP status from one table. Stack traces and internal messages never
// leave: an unexpected error answers 500 with a fixed message, and the caller's hook may log it.

import { isOrchardError, type ErrorCode } from "../core/index.js";
import { InvalidRequest, type InputIssue } from "./input-issues.js";

export type HttpErrorCode = ErrorCode | "unauthorized" | "payload_too_large" | "unsupported_media_type" | "timeout" | "method_not_allowed";

export const HTTP_STATUS: Readonly<Record<HttpErrorCode, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unsupported: 422,
  internal: 500,
};

export interface ErrorBody {
  readonly error: {
    readonly code: HttpErrorCode;
    readonly message: string;
    readonly hint?: string;
    readonly issues?: readonly InputIssue[];
    /** How many issues there were (only the first 100 are listed). */
    readonly nIssues?: number;
  };
}

/** An error the server raises itself, with a code from the table. */
export class HttpError extends Error {
  readonly code: HttpErrorCode;
  readonly hint: string | undefined;

  constructor(code: HttpErrorCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

const TIMEOUT_MESSAGE = "The request took too long to arrive";

/**
 * The raw HTTP answer to a client whose request never became one: it stalled past the request
 * timeout, sent headers too large, or sent something that is not HTTP. Node gives these to the
 * server's clientError handler with a bare socket; the answer still has the one error shape.
 * Null when there is no one left to answer (the connection was reset).
 */
export function clientErrorAnswer(error: NodeJS.ErrnoException, requestTimeoutMs: number): string | null {
  let status: number;
  let body: ErrorBody;
  if (error.code === "ECONNRESET") return null;
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    status = 408;
    body = { error: { code: "timeout", message: `${TIMEOUT_MESSAGE}: this server waits ${requestTimeoutMs / 1000} s for a whole request`, hint: "send the request without pauses, or start the server with a longer --timeout" } };
  } else if (error.code === "HPE_HEADER_OVERFLOW") {
    status = 431;
    body = { error: { code: "payload_too_large", message: "The request's headers are larger than this server accepts" } };
  } else {
    status = 400;
    body = { error: { code: "invalid_input", message: "The request is not valid HTTP/1.1" } };
  }
  const text = JSON.stringify(body);
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`;
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: "Bad Request", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

/** Fastify's own errors (body parsing, limits, timeouts) by their status. */
const FRAMEWORK: Readonly<Record<number, HttpErrorCode>> = { 400: "invalid_input", 404: "not_found", 405: "method_not_allowed", 408: "timeout", 413: "payload_too_large", 415: "unsupported_media_type" };

export function errorResponse(error: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (error instanceof InvalidRequest) {
    return { status: 400, body: { error: { code: "invalid_input", message: error.message, hint: error.hint, issues: error.issues, nIssues: error.nIssues } }, internal: false };
  }
  if (isOrchardError(error) && error.code !== "internal") {
    return { status: HTTP_STATUS[error.code], body: { error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, internal: false };
  }
  if (error instanceof HttpError) {
    return { status: HTTP_STATUS[error.code], body: { error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } }, internal: false };
  }
  const status = typeof (error as { statusCode?: unknown })?.statusCode === "number" ? (error as { statusCode: number }).statusCode : 500;
  const code = FRAMEWORK[status] ?? (status >= 400 && status < 500 ? "invalid_input" : undefined);
  if (code) return { status, body: { error: { code, message: frameworkMessage(code, error) } }, internal: false };
  return { status: 500, body: { error: { code: "internal", message: "Internal error while answering the request", hint: "the server's log has the details; please report it" } }, internal: true };
}

function frameworkMessage(code: HttpErrorCode, error: unknown): string {
  const message = error instanceof Error ? error.message.split("\n")[0] : "";
  switch (code) {
    case "payload_too_large":
      return "The request body is larger than this server accepts: send fewer rows per request, or start the server with a larger --max-body";
    case "unsupported_media_type":
      return "Unsupported Content-Type: send application/json or text/csv";
    case "timeout":
      return TIMEOUT_MESSAGE;
    default:
      // Body parsing errors (malformed JSON): their message names the position, never our code.
      return message.startsWith("Unexpected") || message.includes("JSON") ? `The body is not valid JSON: ${message}` : message || "Bad request";
  }
}
