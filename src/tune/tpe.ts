// The Tree-structured Parzen Estimator (Bergstra et al., 2011), on independent dimensions: past
// trials are split into the best γ share ("good") and the rest; for each dimension a mixture of
// Gaussians on the unit interval is fitted to each group, candidates are drawn from the good
// mixture, and the one with the largest ratio good density / bad density is proposed.

import type { Rng } from "../core/index.js";
import { fromUnit, sampleUniform, toUnit, type Config, type SearchSpace } from "./space.js";

export interface Observation {
  readonly config: Config;
  /** Lower is better (callers negate scores where higher is better). */
  readonly loss: number;
}

export interface TpeOptions {
  /** Share of trials counted as good. */
  readonly gamma?: number;
  /** Candidates drawn from the good model per proposal. */
  readonly nCandidates?: number;
  /** Below this many observations, proposals are uniform. */
  readonly nStartup?: number;
}

export function proposeTpe(space: SearchSpace, history: readonly Observation[], rng: Rng, options: TpeOptions = {}): Config {
  const { gamma = 0.25, nCandidates = 24, nStartup = 8 } = options;
  const finite = history.filter((o) => Number.isFinite(o.loss));
  if (finite.length < nStartup) return sampleUniform(space, rng);
  const sorted = [...finite].sort((a, b) => a.loss - b.loss);
  const nGood = Math.max(1, Math.ceil(gamma * sorted.length));
  const good = sorted.slice(0, nGood);
  const bad = sorted.slice(nGood);
  const out: Record<string, Config[string]> = {};
  for (const [name, d] of Object.entries(space)) {
    const goodAt = good.map((o) => toUnit(d, o.config[name]));
    const badAt = bad.map((o) => toUnit(d, o.config[name]));
    const bwGood = bandwidth(goodAt.length);
    const bwBad = bandwidth(badAt.length);
    let best = 0.5;
    let bestRatio = -Infinity;
    for (let c = 0; c < nCandidates; c++) {
      // Draw from the good mixture (with a uniform prior component, as the paper does).
      const k = rng.int(goodAt.length + 1);
      const u = k === goodAt.length ? rng.next() : clamp(goodAt[k] + bwGood * rng.normal());
      const ratio = Math.log(density(u, goodAt, bwGood)) - Math.log(density(u, badAt, bwBad));
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = u;
      }
    }
    out[name] = fromUnit(d, best);
  }
  return out;
}

function bandwidth(n: number): number {
  return Math.max(0.05, Math.min(0.5, 1 / Math.sqrt(Math.max(1, n))));
}

/** Mixture of Gaussians at `centres` plus a uniform prior component, on [0, 1]. */
function density(u: number, centres: readonly number[], bw: number): number {
  let sum = 1; // the uniform component's density on [0, 1]
  for (const c of centres) sum += Math.exp(-0.5 * ((u - c) / bw) ** 2) / (bw * Math.sqrt(2 * Math.PI));
  return sum / (centres.length + 1);
}

function clamp(u: number): number {
  return Math.min(1, Math.max(0, u));
}
