// Cyclic coordinate descent for the elastic net on the Gram matrix, with scikit-learn's stopping
// rule. On scikit-learn's scale (sample weights summing to n), it minimises
//   ½‖y − Xw‖² + l1‖w‖₁ + ½·l2‖w‖²,   l1 = n·alpha·l1Ratio,  l2 = n·alpha·(1 − l1Ratio),
// i.e. n times 1/(2n)‖y − Xw‖² + alpha·l1Ratio‖w‖₁ + ½alpha(1 − l1Ratio)‖w‖².
//
// Why the Gram form: a coordinate update needs X_jᵀr, which costs O(n) from residuals but O(p)
// from G = XᵀX and H = Gw. After the one-off O(np²) Gram, a pass costs O(p²) instead of O(np).
// The iterates are the same as the residual form's (the same cyclic order and updates), so the
// solution and the iteration count agree with scikit-learn's up to rounding.

export interface DescentProblem {
  /** p × p row-major Gram matrix of the centred design. */
  readonly gram: Float64Array;
  /** Xᵀy of the centred design. */
  readonly xty: Float64Array;
  /** yᵀy of the centred target. */
  readonly yty: number;
  readonly p: number;
  readonly l1: number;
  readonly l2: number;
}

export interface DescentResult {
  readonly coef: Float64Array;
  readonly nIterations: number;
  readonly converged: boolean;
  /** Duality gap on the problem's (n-scaled) objective. */
  readonly gap: number;
}

export function coordinateDescent(problem: DescentProblem, options: { maxIter: number; tol: number }): DescentResult {
  const { gram, xty, yty, p, l1, l2 } = problem;
  const w = new Float64Array(p);
  const H = new Float64Array(p); // G w
  // scikit-learn scales the gap tolerance by ‖y‖² and keeps tol itself for the coefficient change.
  const gapTol = options.tol * yty;
  let gap = gapTol + 1;
  let iteration = 0;
  let converged = false;
  for (; iteration < options.maxIter; iteration++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < p; j++) {
      const gjj = gram[j * p + j];
      if (gjj === 0) continue;
      const old = w[j];
      const tmp = xty[j] - H[j] + gjj * old;
      const next = Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0) / (gjj + l2);
      if (next !== old) {
        const delta = next - old;
        const row = j * p;
        for (let k = 0; k < p; k++) H[k] += delta * gram[row + k];
        w[j] = next;
      }
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    if (wMax === 0 || dwMax / wMax < options.tol || iteration === options.maxIter - 1) {
      gap = dualityGap(problem, w, H);
      if (gap < gapTol) {
        converged = true;
        iteration++;
        break;
      }
    }
  }
  return { coef: w, nIterations: iteration, converged, gap };
}

/** The elastic-net duality gap from G, Xᵀy and yᵀy alone (scikit-learn's dual point). */
function dualityGap(problem: DescentProblem, w: Float64Array, H: Float64Array): number {
  const { xty, yty, p, l1, l2 } = problem;
  let qw = 0;
  let wHw = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  let dualNorm = 0;
  for (let j = 0; j < p; j++) {
    qw += w[j] * xty[j];
    wHw += w[j] * H[j];
    wNorm2 += w[j] * w[j];
    l1Norm += Math.abs(w[j]);
    dualNorm = Math.max(dualNorm, Math.abs(xty[j] - H[j] - l2 * w[j]));
  }
  const rNorm2 = Math.max(yty + wHw - 2 * qw, 0);
  let scale = 1;
  let gap = rNorm2;
  if (dualNorm > l1) {
    scale = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  }
  return gap + l1 * l1Norm - scale * (yty - qw) + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}
