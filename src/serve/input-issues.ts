// Problems found in a request's input, collected rather than thrown one at a time: a client fixes
// every row and column in one round trip. Each issue says where (row, column) and what was expected.

import { InvalidInput } from "../core/index.js";

export interface InputIssue {
  /** 0-based row of the request, when the problem is in one row. */
  readonly row?: number;
  readonly column?: string;
  readonly expected: string;
  /** What the request held there, shortened. */
  readonly received?: string;
}

/** Issues beyond this many are counted, not listed: the answer stays small. */
export const MAX_LISTED_ISSUES = 100;

export class InvalidRequest extends InvalidInput {
  readonly issues: readonly InputIssue[];
  readonly nIssues: number;

  constructor(issues: readonly InputIssue[], nIssues = issues.length) {
    const first = issues[0];
    const where = first ? [first.row === undefined ? "" : `row ${first.row}`, first.column === undefined ? "" : `column "${first.column}"`].filter(Boolean).join(", ") : "";
    super(`The input has ${nIssues} problem${nIssues === 1 ? "" : "s"}${first ? `; first: ${where ? `${where}: ` : ""}expected ${first.expected}${first.received === undefined ? "" : `, received ${first.received}`}` : ""}`, {
      hint: "see issues for every row and column",
    });
    this.issues = issues.slice(0, MAX_LISTED_ISSUES);
    this.nIssues = nIssues;
  }
}

/** A value as shown in an issue: JSON, cut to 40 characters. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "nothing" : typeof value === "number" && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
