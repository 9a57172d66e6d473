// Search spaces: for each hyperparameter, the range a search may draw from, declared as data. A
// space says nothing of how it is searched; samplers (random, TPE) read it.

import { InvalidInput, type Rng } from "../core/index.js";

export type Dimension =
  | { readonly type: "float"; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly type: "int"; readonly low: number; readonly high: number; readonly log?: boolean }
  | { readonly type: "choice"; readonly values: readonly (string | number | boolean | null)[] };

export type SearchSpace = Readonly<Record<string, Dimension>>;

export type Config = Readonly<Record<string, string | number | boolean | null>>;

/** Checks a space once, so samplers can trust it. */
export function checkSpace(space: SearchSpace): SearchSpace {
  for (const [name, d] of Object.entries(space)) {
    if (d.type === "choice") {
      if (d.values.length === 0) throw new InvalidInput(`Search dimension "${name}" has no values to choose from`);
      continue;
    }
    if (!(Number.isFinite(d.low) && Number.isFinite(d.high) && d.low <= d.high)) {
      throw new InvalidInput(`Search dimension "${name}" needs finite low ≤ high: received [${d.low}, ${d.high}]`);
    }
    if (d.log && d.low <= 0) throw new InvalidInput(`Search dimension "${name}" is on a log scale, so low must be > 0: received ${d.low}`);
    if (d.type === "int" && !(Number.isInteger(d.low) && Number.isInteger(d.high))) {
      throw new InvalidInput(`Search dimension "${name}" is an integer range, so low and high must be integers: received [${d.low}, ${d.high}]`);
    }
  }
  return space;
}

/** A value of `d` on the unit interval (choices: the index, spread evenly), for density models. */
export function toUnit(d: Dimension, value: Config[string]): number {
  if (d.type === "choice") return (Math.max(0, d.values.indexOf(value)) + 0.5) / d.values.length;
  const v = value as number;
  if (d.high === d.low) return 0.5;
  return d.log ? (Math.log(v) - Math.log(d.low)) / (Math.log(d.high) - Math.log(d.low)) : (v - d.low) / (d.high - d.low);
}

/** The value of `d` at unit position u in [0, 1]. */
export function fromUnit(d: Dimension, u: number): Config[string] {
  const x = Math.min(1, Math.max(0, u));
  if (d.type === "choice") return d.values[Math.min(d.values.length - 1, Math.floor(x * d.values.length))];
  const raw = d.log ? Math.exp(Math.log(d.low) + x * (Math.log(d.high) - Math.log(d.low))) : d.low + x * (d.high - d.low);
  if (d.type === "int") return Math.min(d.high, Math.max(d.low, Math.round(raw)));
  return Math.min(d.high, Math.max(d.low, raw));
}

/** One configuration drawn uniformly (on the log scale where asked). */
export function sampleUniform(space: SearchSpace, rng: Rng): Config {
  const out: Record<string, Config[string]> = {};
  for (const [name, d] of Object.entries(space)) out[name] = fromUnit(d, rng.next());
  return out;
}
