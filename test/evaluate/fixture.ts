// The scikit-learn / scipy oracle for src/evaluate, made by test/fixtures/evaluate/make_evaluate_fixture.py.

import { readFileSync } from "node:fs";

const path = new URL("../fixtures/evaluate/evaluate.json", import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const FIXTURE: any = JSON.parse(readFileSync(path, "utf8"));

/** |a − b| ≤ tol · max(1, |b|), with a message naming what was compared. */
export function assertClose(actual: number, expected: number, tol: number, what: string): void {
  const scale = Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    throw new Error(`${what}: expected ${expected}, received ${actual} (|diff| ${Math.abs(actual - expected)}, tolerance ${tol * scale})`);
  }
}
