// Limited-memory BFGS, and its orthant-wise extension OWL-QN (Andrew & Gao, 2007) for objectives
// f(x) + Σ l1ᵢ|xᵢ| with f smooth. With every l1ᵢ = 0 this is plain L-BFGS with a strong Wolfe
// line search; OWL-QN backtracks along the projected path instead. Stopping follows scipy's
// L-BFGS-B as scikit-learn calls it: the largest (pseudo-)gradient entry at most `gtol`, or a
// relative decrease of the objective below `ftol`, or `maxIter` iterations.

import { wolfeStep } from "./line-search.js";

export interface SmoothObjective {
  /** f(x); writes ∇f(x) into grad. */
  (x: Float64Array, grad: Float64Array): number;
}

export interface MinimizeOptions {
  readonly maxIter: number;
  readonly gtol: number;
  /** Relative decrease below which the search stops (scipy's default factr 1e7 × ε). */
  readonly ftol?: number;
  /** Per-parameter L1 weight; absent or all zero for plain L-BFGS. */
  readonly l1?: Float64Array;
  /** Correction pairs kept. */
  readonly memory?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  /** The full objective f(x) + Σ l1ᵢ|xᵢ|. */
  readonly value: number;
  readonly nIterations: number;
  readonly converged: boolean;
  /** Largest entry of the final (pseudo-)gradient. */
  readonly gradientNorm: number;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 50;

export function minimize(f: SmoothObjective, x0: Float64Array, options: MinimizeOptions): MinimizeResult {
  const d = x0.length;
  const m = options.memory ?? 10;
  const ftol = options.ftol ?? 1e7 * Number.EPSILON;
  const l1 = options.l1 ?? new Float64Array(d);
  const S = Array.from({ length: m }, () => new Float64Array(d));
  const Y = Array.from({ length: m }, () => new Float64Array(d));
  const rho = new Float64Array(m);
  const alphas = new Float64Array(m);
  let stored = 0;
  let head = 0;
  let x = Float64Array.from(x0);
  let g = new Float64Array(d);
  let value = f(x, g) + l1Term(x, l1);
  const pg = new Float64Array(d);
  const dir = new Float64Array(d);
  let xNew = new Float64Array(d);
  let gNew = new Float64Array(d);
  let gradNorm = pseudoGradient(x, g, l1, pg);
  const smooth = l1.every((c) => c === 0);
  let iteration = 0;
  let converged = gradNorm <= options.gtol;
  while (!converged && iteration < options.maxIter) {
    twoLoop(pg, { S, Y, rho, alphas, stored, head, m }, dir);
    // OWL-QN: keep only the components that descend along −pg.
    for (let i = 0; i < d; i++) if (l1[i] > 0 && dir[i] * pg[i] >= 0) dir[i] = 0;
    let slope = 0;
    for (let i = 0; i < d; i++) slope += dir[i] * pg[i];
    if (!(slope < 0)) {
      // Not a descent direction (curvature pairs gone stale): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < d; i++) dir[i] = -pg[i];
      slope = -dotSelf(pg);
    }
    const initial = iteration === 0 && stored === 0 ? Math.min(1, 1 / Math.sqrt(dotSelf(pg))) : 1;
    let valueNew = NaN;
    let accepted = false;
    if (smooth) {
      // Plain L-BFGS: a strong Wolfe step (line-search.ts).
      const probe = (step: number): { value: number; slope: number } => {
        for (let i = 0; i < d; i++) xNew[i] = x[i] + step * dir[i];
        valueNew = f(xNew, gNew);
        return { value: valueNew, slope: dot(gNew, dir) };
      };
      accepted = wolfeStep(probe, value, slope, initial) !== null;
    } else {
      // OWL-QN: backtracking along the projected path, with the Armijo test on the pseudo-gradient.
      let step = initial;
      for (let t = 0; t < MAX_BACKTRACKS && !accepted; t++, step *= 0.5) {
        let decrease = 0;
        for (let i = 0; i < d; i++) {
          let v = x[i] + step * dir[i];
          // Stay in the orthant of x (or of −pg where x is 0): crossing zero stops at zero.
          if (l1[i] > 0) {
            const orthant = x[i] !== 0 ? Math.sign(x[i]) : -Math.sign(pg[i]);
            if (v * orthant <= 0) v = 0;
          }
          xNew[i] = v;
          decrease += pg[i] * (v - x[i]);
        }
        valueNew = f(xNew, gNew) + l1Term(xNew, l1);
        accepted = valueNew <= value + ARMIJO * decrease;
      }
    }
    iteration++;
    if (!accepted) break; // no decrease is possible at machine precision: x is as good as it gets
    // Curvature pair from the smooth part's gradients.
    const s = S[head], yv = Y[head];
    let sy = 0;
    for (let i = 0; i < d; i++) {
      s[i] = xNew[i] - x[i];
      yv[i] = gNew[i] - g[i];
      sy += s[i] * yv[i];
    }
    if (sy > 1e-10 * Math.sqrt(dotSelf(s) * dotSelf(yv))) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    const previous = value;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    value = valueNew;
    gradNorm = pseudoGradient(x, g, l1, pg);
    if (gradNorm <= options.gtol) converged = true;
    else if ((previous - value) / Math.max(Math.abs(previous), Math.abs(value), 1) <= ftol) converged = true;
  }
  return { x, value, nIterations: iteration, converged, gradientNorm: gradNorm };
}

/** The minimum-norm subgradient of f + Σ l1ᵢ|xᵢ| (just ∇f where l1ᵢ = 0); returns its max entry. */
function pseudoGradient(x: Float64Array, g: Float64Array, l1: Float64Array, pg: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const c = l1[i];
    let v = g[i];
    if (c > 0) {
      if (x[i] > 0) v = g[i] + c;
      else if (x[i] < 0) v = g[i] - c;
      else if (g[i] + c < 0) v = g[i] + c;
      else if (g[i] - c > 0) v = g[i] - c;
      else v = 0;
    }
    pg[i] = v;
    max = Math.max(max, Math.abs(v));
  }
  return max;
}

interface History {
  readonly S: Float64Array[];
  readonly Y: Float64Array[];
  readonly rho: Float64Array;
  readonly alphas: Float64Array;
  readonly stored: number;
  readonly head: number;
  readonly m: number;
}

/** dir = −H·g by the two-loop recursion over the stored pairs, newest first. */
function twoLoop(g: Float64Array, h: History, dir: Float64Array): void {
  const d = g.length;
  for (let i = 0; i < d; i++) dir[i] = -g[i];
  const slot = (k: number): number => (h.head - 1 - k + h.m) % h.m;
  for (let k = 0; k < h.stored; k++) {
    const at = slot(k);
    const a = h.rho[at] * dot(h.S[at], dir);
    h.alphas[at] = a;
    const y = h.Y[at];
    for (let i = 0; i < d; i++) dir[i] -= a * y[i];
  }
  if (h.stored > 0) {
    const at = slot(0);
    const gamma = 1 / (h.rho[at] * dotSelf(h.Y[at]));
    for (let i = 0; i < d; i++) dir[i] *= gamma;
  }
  for (let k = h.stored - 1; k >= 0; k--) {
    const at = slot(k);
    const b = h.rho[at] * dot(h.Y[at], dir);
    const s = h.S[at];
    const coefficient = h.alphas[at] - b;
    for (let i = 0; i < d; i++) dir[i] += coefficient * s[i];
  }
}

function l1Term(x: Float64Array, l1: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) if (l1[i] > 0) s += l1[i] * Math.abs(x[i]);
  return s;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function dotSelf(a: Float64Array): number {
  return dot(a, a);
}
