// Fitted state written as plain JSON. JSON has no NaN or Infinity, so numbers go through these
// two functions: finite numbers stay numbers (JavaScript prints doubles so they read back
// exactly), the others become the strings "NaN", "Infinity", "-Infinity".

import { InvalidInput } from "../core/index.js";

export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

export function numberToJson(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}

export function numberFromJson(value: unknown, what: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  throw new InvalidInput(`Feature pipeline state: ${what} must be a number: received ${JSON.stringify(value)}`);
}

export function numbersToJson(values: ArrayLike<number>): JsonNumber[] {
  return Array.from(values, numberToJson);
}

export function numbersFromJson(value: unknown, what: string): Float64Array {
  if (!Array.isArray(value)) throw new InvalidInput(`Feature pipeline state: ${what} must be an array of numbers`);
  return Float64Array.from(value, (v, i) => numberFromJson(v, `${what}[${i}]`));
}

export function stringsFromJson(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new InvalidInput(`Feature pipeline state: ${what} must be an array of strings`);
  }
  return value as string[];
}

export function recordOf(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidInput(`Feature pipeline state: ${what} must be an object`);
  }
  return value as Record<string, unknown>;
}
