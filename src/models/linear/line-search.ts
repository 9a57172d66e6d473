// A line search satisfying the strong Wolfe conditions (Nocedal & Wright, Numerical Optimization,
// algorithms 3.5 and 3.6), for L-BFGS on smooth objectives. Wolfe steps keep the curvature pairs
// informative (sᵀy > 0 by construction), which is what lets L-BFGS match scipy's L-BFGS-B iteration
// for iteration; backtracking alone accepts steps too short to learn curvature from.

export interface LineProbe {
  /** Evaluates the objective at x + step·d, leaving point and gradient in the caller's buffers; returns f and the slope g·d there. */
  (step: number): { value: number; slope: number };
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_EVALUATIONS = 40;

/**
 * A step meeting the strong Wolfe conditions from f(0) = value0 with slope0 < 0, or the best
 * sufficient-decrease step found; null when no step decreases f. The probe's last call is at the
 * returned step.
 */
export function wolfeStep(probe: LineProbe, value0: number, slope0: number, initial: number): number | null {
  let evaluations = 0;
  let previous = { step: 0, value: value0, slope: slope0 };
  let step = initial;
  for (;;) {
    const at = probe(step);
    evaluations++;
    if (at.value > value0 + C1 * step * slope0 || (previous.step > 0 && at.value >= previous.value)) {
      return zoom(probe, { lo: previous, hi: { step, ...at }, value0, slope0, evaluations });
    }
    if (Math.abs(at.slope) <= -C2 * slope0) return step;
    if (at.slope >= 0) return zoom(probe, { lo: { step, ...at }, hi: previous, value0, slope0, evaluations });
    if (evaluations >= MAX_EVALUATIONS) return step; // still descending: a long step that decreases f
    previous = { step, ...at };
    step *= 2;
  }
}

interface Point {
  readonly step: number;
  readonly value: number;
  readonly slope: number;
}

function zoom(probe: LineProbe, state: { lo: Point; hi: Point; value0: number; slope0: number; evaluations: number }): number | null {
  let { lo, hi, evaluations } = state;
  const { value0, slope0 } = state;
  while (evaluations < MAX_EVALUATIONS) {
    const width = hi.step - lo.step;
    // Minimiser of the quadratic through lo (value, slope) and hi (value), kept inside the interval.
    const denominator = 2 * (hi.value - lo.value - lo.slope * width);
    let step = denominator > 0 ? lo.step - (lo.slope * width * width) / denominator : NaN;
    const low = Math.min(lo.step, hi.step), high = Math.max(lo.step, hi.step);
    const margin = 0.1 * (high - low);
    if (!(step >= low + margin && step <= high - margin)) step = 0.5 * (lo.step + hi.step);
    if (high - low < 1e-16 * Math.max(1, high)) break;
    const at = probe(step);
    evaluations++;
    if (at.value > value0 + C1 * step * slope0 || at.value >= lo.value) {
      hi = { step, ...at };
    } else {
      if (Math.abs(at.slope) <= -C2 * slope0) return step;
      if (at.slope * (hi.step - lo.step) >= 0) hi = lo;
      lo = { step, ...at };
    }
  }
  if (lo.step > 0 && lo.value < value0) {
    probe(lo.step);
    return lo.step;
  }
  return null;
}
