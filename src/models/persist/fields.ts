// Checks for the JSON header of a model document: each turns whatever JSON.parse gave into the
// expected type or throws InvalidInput naming the field. Nothing here trusts the file.

import { InvalidInput } from "../../core/index.js";
import type { Section } from "./payload.js";

export function fieldError(where: string, expected: string, value: unknown): InvalidInput {
  const shown = value === undefined ? "nothing" : JSON.stringify(value)?.slice(0, 80) ?? String(value);
  return new InvalidInput(`Model header field "${where}" must be ${expected}: received ${shown}`, { hint: "the file is damaged or was not written by encodeModel()" });
}

export function objectOf(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw fieldError(where, "an object", value);
  return value as Record<string, unknown>;
}

export function objectAt(obj: Record<string, unknown>, name: string): Record<string, unknown> {
  return objectOf(obj[name], name);
}

export function arrayOf<T>(value: unknown, where: string, item: (v: unknown, where: string) => T, length?: number): T[] {
  if (!Array.isArray(value)) throw fieldError(where, "an array", value);
  if (length !== undefined && value.length !== length) throw new InvalidInput(`Model header field "${where}" has ${value.length} entries, expected ${length}`);
  return value.map((v, i) => item(v, `${where}[${i}]`));
}

export function arrayAt<T>(obj: Record<string, unknown>, name: string, item: (v: unknown, where: string) => T, length?: number): T[] {
  return arrayOf(obj[name], name, item, length);
}

export function stringOf(value: unknown, where: string): string {
  if (typeof value !== "string") throw fieldError(where, "a string", value);
  return value;
}

export function booleanOf(value: unknown, where: string): boolean {
  if (typeof value !== "boolean") throw fieldError(where, "true or false", value);
  return value;
}

export function numberOf(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw fieldError(where, "a finite number", value);
  return value;
}

export function integerAt(obj: Record<string, unknown>, name: string, min: number, max: number, prefix = ""): number {
  const value = obj[name];
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw fieldError(`${prefix}${name}`, `an integer in [${min}, ${max}]`, value);
  }
  return value;
}

export function sectionOf(value: unknown, where: string): Section {
  const section = objectOf(value, where);
  return {
    offset: integerAt(section, "offset", 0, Number.MAX_SAFE_INTEGER, `${where}.`),
    length: integerAt(section, "length", 0, Number.MAX_SAFE_INTEGER, `${where}.`),
  };
}
