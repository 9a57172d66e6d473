// The candidates' distances of greedy k-means++ seeding in the workspace
// (assembly/linalg/seeding.ts): one pass of SIMD dot products over the data per centre chosen.

import type { LinalgWorkspace } from "./workspace.js";

export class SeedingTrials {
  readonly #ws: LinalgWorkspace;
  readonly #x: number;
  readonly #n: number;
  readonly #p: number;
  readonly #nTrials: number;
  readonly #at: { rowNorms: number; weights: number; cand: number; candNorms: number; closest: number; trial: number; pots: number; scratch: number };

  /** x: offset of the n × p data in ws; rowNorms its rows' squared norms. */
  constructor(ws: LinalgWorkspace, x: number, data: { rowNorms: Float64Array; weights: Float64Array; p: number; nTrials: number }) {
    const { rowNorms, weights, p, nTrials } = data;
    const n = weights.length;
    this.#ws = ws;
    this.#x = x;
    this.#n = n;
    this.#p = p;
    this.#nTrials = nTrials;
    this.#at = {
      rowNorms: ws.put(rowNorms),
      weights: ws.put(weights),
      cand: ws.alloc(8 * nTrials * p),
      candNorms: ws.alloc(8 * nTrials),
      closest: ws.alloc(8 * n),
      trial: ws.alloc(8 * nTrials * n),
      pots: ws.alloc(8 * nTrials),
      scratch: ws.alloc(8 * 256 * nTrials),
    };
  }

  /** Each candidate's capped distances (kept for take) and its potential, into pots. */
  evaluate(candidateRows: Float64Array, candidateNorms: Float64Array, closest: Float64Array, pots: Float64Array): void {
    const ws = this.#ws;
    const at = this.#at;
    ws.f64(at.cand, this.#nTrials * this.#p).set(candidateRows);
    ws.f64(at.candNorms, this.#nTrials).set(candidateNorms);
    ws.f64(at.closest, this.#n).set(closest);
    ws.kernels.seedingTrials(this.#x, this.#p, this.#n, at.cand, this.#nTrials, at.rowNorms, at.candNorms, at.closest, at.weights, at.trial, at.pots, at.scratch);
    pots.set(ws.f64(at.pots, this.#nTrials));
  }

  /** Candidate t's capped distances (from the last evaluate) into `closest`. */
  take(t: number, closest: Float64Array): void {
    closest.set(this.#ws.f64(this.#at.trial + 8 * t * this.#n, this.#n));
  }
}
