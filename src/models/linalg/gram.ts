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

/** Below this many multiply-adds (n·p²/2) one thread does the Gram: starting threads costs more. */
const PARALLEL_MIN = 2e7;

export function gramProducts(ws: LinalgWorkspace, input: GramInput): GramProducts {
  const { n, p } = input;
  const pp = Math.ceil(p / 4) * 4;
  const out = ws.alloc(8 * pp * pp);
  const xty = ws.zeros(Math.max(1, p));
  const yty = ws.zeros(1);
  const parallel = ws.nThreads > 1 && (n * p * p) / 2 >= PARALLEL_MIN && pp >= 8;
  const T = parallel ? Math.min(ws.nThreads, pp / 2) : 1;
  const scratchSize = 8 * (pp * 136 + 136);
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
 * Even row bounds 0 = b₀ < … < b_T = pp splitting the upper triangle's blocks into T shares of
 * about equal work (row pair j costs pp − ⌊j/4⌋·4 products).
 */
function rowRanges(pp: number, T: number): number[] {
  const cost = (j: number): number => pp - (j & ~3);
  let total = 0;
  for (let j = 0; j < pp; j += 2) total += cost(j);
  const bounds = [0];
  let acc = 0;
  for (let j = 0; j < pp && bounds.length < T; j += 2) {
    acc += cost(j);
    if (acc >= (bounds.length * total) / T) bounds.push(j + 2);
  }
  while (bounds.length <= T) bounds.push(pp);
  bounds[T] = pp;
  return bounds;
}
