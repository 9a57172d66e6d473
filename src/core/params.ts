// Parameters declared once, as data: name, type, default, range and a line of documentation. The
// declaration drives validation (here), and later tuning spaces, CLI flags and docs.

import { InvalidInput } from "./errors.js";

export type ParamSpec =
  | {
      readonly type: "number";
      readonly default: number;
      readonly min?: number;
      readonly max?: number;
      readonly exclusiveMin?: boolean;
      readonly exclusiveMax?: boolean;
      readonly doc: string;
    }
  | { readonly type: "integer"; readonly default: number; readonly min?: number; readonly max?: number; readonly doc: string }
  | { readonly type: "boolean"; readonly default: boolean; readonly doc: string }
  | { readonly type: "enum"; readonly default: string; readonly values: readonly string[]; readonly doc: string }
  | { readonly type: "optional-integer"; readonly default: null; readonly min?: number; readonly max?: number; readonly doc: string }
  | { readonly type: "optional-number"; readonly default: null; readonly min?: number; readonly max?: number; readonly doc: string }
  | { readonly type: "number-array"; readonly default: null; readonly doc: string };

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

type ValueOf<S extends ParamSpec> = S extends { type: "number" | "integer" }
  ? number
  : S extends { type: "boolean" }
    ? boolean
    : S extends { type: "enum"; values: readonly (infer V)[] }
      ? V
      : S extends { type: "optional-integer" | "optional-number" }
        ? number | null
        : S extends { type: "number-array" }
          ? readonly number[] | null
          : never;

export type ParamValues<S extends ParamSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

/**
 * Fills defaults and checks every given value against its declaration. Unknown names and bad
 * values are all reported in one error, each naming the parameter, the value and the allowed range.
 */
export function resolveParams<S extends ParamSpecs>(specs: S, given: Readonly<Record<string, unknown>> = {}, owner = "model"): ParamValues<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!(name in specs) && given[name] !== undefined) {
      const close = Object.keys(specs).find((k) => k.toLowerCase() === name.toLowerCase());
      problems.push(`unknown parameter "${name}"${close ? ` (did you mean "${close}"?)` : ""}`);
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = given[name] === undefined ? spec.default : given[name];
    const problem = check(name, spec, value);
    if (problem) problems.push(problem);
    out[name] = value;
  }
  if (problems.length > 0) {
    throw new InvalidInput(`Invalid ${owner} parameters: ${problems.join("; ")}`);
  }
  return out as ParamValues<S>;
}

function check(name: string, spec: ParamSpec, value: unknown): string | undefined {
  const range = (min?: number, max?: number, exclusiveMin = false, exclusiveMax = false): string =>
    `${min === undefined ? "(-∞" : exclusiveMin ? `(${min}` : `[${min}`}, ${max === undefined ? "∞)" : exclusiveMax ? `${max})` : `${max}]`}`;
  switch (spec.type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : `${name} must be true or false: received ${show(value)}`;
    case "enum":
      return spec.values.includes(value as string) ? undefined : `${name} must be one of ${spec.values.join(", ")}: received ${show(value)}`;
    case "number-array":
      if (value === null) return undefined;
      return Array.isArray(value) && value.every((v) => typeof v === "number" && Number.isFinite(v)) ? undefined : `${name} must be an array of numbers: received ${show(value)}`;
    default: {
      if ((spec.type === "optional-integer" || spec.type === "optional-number") && value === null) return undefined;
      const isInt = spec.type === "integer" || spec.type === "optional-integer";
      const exclusiveMin = spec.type === "number" ? spec.exclusiveMin ?? false : false;
      const exclusiveMax = spec.type === "number" ? spec.exclusiveMax ?? false : false;
      const allowed = range(spec.min, spec.max, exclusiveMin, exclusiveMax);
      if (typeof value !== "number" || !Number.isFinite(value) || (isInt && !Number.isInteger(value))) {
        return `${name} must be ${isInt ? "an integer" : "a number"} in ${allowed}: received ${show(value)}`;
      }
      const low = spec.min !== undefined && (exclusiveMin ? value <= spec.min : value < spec.min);
      const high = spec.max !== undefined && (exclusiveMax ? value >= spec.max : value > spec.max);
      return low || high ? `${name} must be in ${allowed}: received ${value}` : undefined;
    }
  }
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
