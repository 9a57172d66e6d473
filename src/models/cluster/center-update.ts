// The M-step shared by Lloyd and Elkan: each centre becomes the weighted mean of its rows, from the
// sums per centre the assignment pass wrote (linalg/kmeans-steps.ts). A centre left with no row of
// positive weight takes the row farthest from its own centre (scikit-learn's rule), so a run always
// ends with k centres.

import type { CenterTotals } from "../linalg/index.js";
import { squaredDistance } from "./distances.js";

interface RunState {
  readonly X: Float64Array;
  readonly p: number;
  readonly weights: Float64Array;
  /** The labels of the assignment the totals come from (read only when a centre is empty). */
  readonly labels: () => Int32Array;
}

/**
 * Writes the new centres into `next` and the Euclidean shift of each centre from `old` into
 * `shift`. Returns the sum of squared shifts.
 */
export function updateCenters(totals: CenterTotals, state: RunState, old: Float64Array, next: Float64Array, shift: Float64Array): number {
  const { p } = state;
  const k = shift.length;
  next.set(totals.sums);
  const mass = Float64Array.from(totals.mass);
  if (totals.members.includes(0)) relocateEmpty(state, old, next, mass, totals.members);
  let total = 0;
  for (let j = 0; j < k; j++) {
    const o = j * p;
    if (mass[j] > 0) {
      const inv = 1 / mass[j];
      for (let f = 0; f < p; f++) next[o + f] *= inv;
    } else {
      // Every row has zero weight here: keep the centre where it was.
      for (let f = 0; f < p; f++) next[o + f] = old[o + f];
    }
    const s2 = squaredDistance(next, j, old, j, p);
    shift[j] = Math.sqrt(s2);
    total += s2;
  }
  return total;
}

/**
 * Moves the rows farthest from their centres (largest first) into the empty clusters, in the
 * copies `sums` and `mass` only: the labels stay, as in scikit-learn, and the next assignment
 * settles them.
 */
function relocateEmpty(state: RunState, old: Float64Array, sums: Float64Array, mass: Float64Array, members: Int32Array): void {
  const { X, p, weights } = state;
  const labels = state.labels();
  const empty: number[] = [];
  for (let j = 0; j < mass.length; j++) if (members[j] === 0) empty.push(j);
  const n = labels.length;
  const far = new Float64Array(n);
  for (let i = 0; i < n; i++) far[i] = squaredDistance(X, i, old, labels[i], p);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => far[b] - far[a] || a - b);
  for (let e = 0; e < empty.length && e < n; e++) {
    const i = order[e];
    const w = weights[i];
    const from = labels[i] * p;
    const to = empty[e] * p;
    for (let f = 0; f < p; f++) {
      sums[from + f] -= w * X[i * p + f];
      sums[to + f] = w * X[i * p + f];
    }
    mass[labels[i]] -= w;
    mass[empty[e]] = w;
  }
}
