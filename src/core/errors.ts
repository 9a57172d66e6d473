// One error class for the whole project. A `code` says what kind of failure it is, so the CLI can
// map it to an exit code and the server to an HTTP status in one table each; the message says
// what went wrong, where, and what to do about it.

export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "unsupported"
  | "internal";

export interface ErrorDetails {
  /** Where the problem is: a file, a column, a line, a parameter. */
  readonly where?: string;
  /** What the user can do about it. */
  readonly hint?: string;
  /** The underlying error, when this one wraps another. */
  readonly cause?: unknown;
}

export class OrchardError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.where = details.where;
    this.hint = details.hint;
  }

  /** The message with its hint, as one line for a terminal. */
  get line(): string {
    return this.hint ? `${this.message}: ${this.hint}` : this.message;
  }
}

export class InvalidInput extends OrchardError {
  constructor(message: string, details?: ErrorDetails) {
    super("invalid_input", message, details);
  }
}

export class NotFound extends OrchardError {
  constructor(message: string, details?: ErrorDetails) {
    super("not_found", message, details);
  }
}

export class Conflict extends OrchardError {
  constructor(message: string, details?: ErrorDetails) {
    super("conflict", message, details);
  }
}

export class Unsupported extends OrchardError {
  constructor(message: string, details?: ErrorDetails) {
    super("unsupported", message, details);
  }
}

export function isOrchardError(error: unknown): error is OrchardError {
  return error instanceof OrchardError;
}
