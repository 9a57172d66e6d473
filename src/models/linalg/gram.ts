// XᵀWX, XᵀWy and yᵀWy of centred data in the linear-algebra workspace (assembly/linalg/gram.ts),
// shared by the linear models' normal equations and PCA's covariance.

import type { LinalgWorkspace } from "./workspace.js";

export interface GramProducts {
  /** p × p, row-major, both triangles filled: Σ wᵢ (xᵢ − m)(xᵢ − m)ᵀ. */
  readonly gram: Float64Array;
  /** Σ wᵢ (xᵢ − m)(yᵢ − ȳ) (zeros without y). */
  readonly xty: Float64Array;
  /** Σ wᵢ (yᵢ − ȳ)² (0 without y). */
  readonly yty: number;
}

export interface GramInput {
  /** Offset of X (n × p float64, row-major) in the workspace. */
  readonly x: number;
  readonly n: number;
  readonly p: number;
  /** Column means to centre on (offset), 0 for none. */
  readonly mean: number;
  /** √weights (offset), 0 for unit weights. */
  readonly sw: number;
  /** y (offset), 0 for none. */
  readonly y: number;
  readonly yMean: number;
}

/**
 * Below this many multiply-adds (n·p²/2) one thread does the Gram: with the team already running
 * (a kept workspace), the lower bound; otherwise starting the threads (20–40 ms) must pay too.
 */
const PARALLEL_MIN = 2e7;
const PARALLEL_MIN_COLD = 2e8;

export function gramProducts(ws: LinalgWorkspace, input: GramInput): GramProducts {
  const { n, p } = input;
  const pp = Math.ceil(p / 4) * 4;
  const out = ws.alloc(8 * pp * pp);
  const xty = ws.zeros(Math.max(1, p));
  const yty = ws.zeros(1);
  const parallel = ws.nThreads > 1 && (n * p * p) / 2 >= (ws.teamStarted ? PARALLEL_MIN : PARALLEL_MIN_COLD) && pp >= 8;
  const T = parallel ? Math.min(ws.nThreads, pp / 4) : 1;
  const scratchSize = 8 * 128 * (pp + 1);
  const scratch = ws.alloc(scratchSize * T);
  const bounds = rowRanges(pp, T);
  const args = (t: number): number[] => {
    const [j0, j1] = t < T ? [bounds[t], bounds[t + 1]] : [0, 0];
    return [input.x, n, p, input.mean, input.sw, input.y, input.yMean, j0, j1, out, xty, yty, scratch + t * scratchSize];
  };
  if (T === 1) ws.kernels.gram(...(args(0) as Parameters<typeof ws.kernels.gram>));
  else ws.team.run("gram", args);
  const upper = ws.f64(out, pp * pp);
  const gram = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = j; k < p; k++) {
      const v = upper[j * pp + k];
      gram[j * p + k] = v;
      gram[k * p + j] = v;
    }
  }
  return { gram, xty: ws.f64(xty, p).slice(), yty: ws.f64(yty, 1)[0] };
}

/**
 * Row bounds 0 = b₀ ≤ … ≤ b_T = pp, multiples of 4, splitting the upper triangle's 4 × 4 blocks
 * into T shares of about equal work (rows j..j+3 cost pp − j products each).
 */
function rowRanges(pp: number, T: number): number[] {
  const cost = (j: number): number => pp - j;
  let total = 0;
  for (let j = 0; j < pp; j += 4) total += cost(j);
  const bounds = [0];
  let acc = 0;
  for (let j = 0; j < pp && bounds.length < T; j += 4) {
    acc += cost(j);
    if (acc >= (bounds.length * total) / T) bounds.push(j + 4);
  }
  while (bounds.length <= T) bounds.push(pp);
  bounds[T] = pp;
  return bounds;
}
