// One mini-batch step of MiniBatchKMeans on the data in the linear-algebra workspace: the batch's
// rows gathered into a region of their own, assigned by Lloyd's kernel (which also sums them per
// centre, chunk by chunk in order: linalg/kmeans-steps.ts), then each centre moved to the
// weighted mean of what it held before and its new rows. Rarely used centres are re-seeded from
// batch rows.

import type { Rng } from "../../core/index.js";
import { KMeansSteps, type CenterTotals, type LinalgWorkspace } from "../linalg/index.js";

/** Gathers chosen rows of the n × p data at x into a region of `size` rows, in the workspace. */
export class RowGather {
  readonly at: number;
  readonly #rowsAt: number;

  constructor(
    readonly ws: LinalgWorkspace,
    readonly x: number,
    readonly p: number,
    readonly size: number,
  ) {
    this.#rowsAt = ws.alloc(4 * size);
    this.at = ws.alloc(8 * size * p);
  }

  gather(rows: Int32Array): void {
    this.ws.i32(this.#rowsAt, rows.length).set(rows);
    this.ws.kernels.gatherRows(this.x, this.p, this.#rowsAt, rows.length, this.at);
  }

  /** The gathered rows (a copy). */
  rows(): Float64Array {
    return this.ws.f64(this.at, this.size * this.p).slice();
  }
}

export class BatchStepper {
  readonly #gather: RowGather;
  readonly #steps: KMeansSteps;
  readonly #rows: Int32Array;
  readonly #batchWeights: Float64Array;
  /** The weight each centre has taken in so far. */
  readonly #weightSums: Float64Array;
  #sinceReassign = 0;

  constructor(
    ws: LinalgWorkspace,
    readonly data: { x: number; p: number; weights: Float64Array },
    readonly centers: Float64Array,
    readonly options: { batch: number; reassignmentRatio: number; nSteps: number },
  ) {
    const { p } = data;
    const k = centers.length / p;
    const b = options.batch;
    this.#gather = new RowGather(ws, data.x, p, b);
    this.#rows = new Int32Array(b);
    this.#batchWeights = new Float64Array(b);
    this.#weightSums = new Float64Array(k);
    this.#steps = new KMeansSteps(ws, this.#gather.at, { weights: this.#batchWeights, rowNorms: new Float64Array(0), p, k, elkan: false, passes: options.nSteps, serial: true });
  }

  /** Moves the centres by one random batch; returns the batch's weighted inertia before the move. */
  step(rng: Rng): number {
    const { p, weights } = this.data;
    const n = weights.length;
    const b = this.options.batch;
    for (let r = 0; r < b; r++) {
      const i = rng.int(n);
      this.#rows[r] = i;
      this.#batchWeights[r] = weights[i];
    }
    this.#gather.gather(this.#rows);
    const steps = this.#steps;
    steps.setWeights(this.#batchWeights);
    steps.resetLabels();
    const totals = steps.lloyd(this.centers, true) as CenterTotals;
    const inertia = steps.inertia(this.centers);
    this.#moveCenters(totals, p);
    this.#maybeReassign(rng);
    return inertia;
  }

  /** centre ← (centre · weight so far + Σ wᵢxᵢ of its batch rows) / (weight so far + Σ wᵢ). */
  #moveCenters(totals: CenterTotals, p: number): void {
    const { centers } = this;
    const sums = this.#weightSums;
    for (let j = 0; j < sums.length; j++) {
      const mass = totals.mass[j];
      if (!(mass > 0)) continue;
      const before = sums[j];
      const total = before + mass;
      const o = j * p;
      for (let f = 0; f < p; f++) centers[o + f] = (centers[o + f] * before + totals.sums[o + f]) / total;
      sums[j] = total;
    }
  }

  #maybeReassign(rng: Rng): void {
    const sums = this.#weightSums;
    const k = sums.length;
    const { batch, reassignmentRatio } = this.options;
    this.#sinceReassign += batch;
    if (reassignmentRatio <= 0 || !(sums.includes(0) || this.#sinceReassign >= 10 * k)) return;
    this.#sinceReassign = 0;
    let max = 0;
    for (let j = 0; j < k; j++) max = Math.max(max, sums[j]);
    const limit = reassignmentRatio * max;
    let minKept = Infinity;
    const moved: number[] = [];
    for (let j = 0; j < k; j++) {
      if (sums[j] < limit) moved.push(j);
      else minKept = Math.min(minKept, sums[j]);
    }
    // Never re-seed more centres than half a batch can supply.
    const nMoved = Math.min(moved.length, Math.floor(batch / 2));
    if (nMoved === 0) return;
    const picks = rng.sample(batch, nMoved);
    const { p } = this.data;
    const rows = this.#gather.rows();
    for (let m = 0; m < nMoved; m++) {
      const r = picks[m];
      this.centers.set(rows.subarray(r * p, r * p + p), moved[m] * p);
      sums[moved[m]] = Number.isFinite(minKept) ? minKept : 0;
    }
  }
}
