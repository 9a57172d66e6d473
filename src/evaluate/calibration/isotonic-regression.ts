// Isotonic regression: the monotone step function closest to y in weighted least squares, found by
// pool-adjacent-violators. As scikit-learn's IsotonicRegression: rows of equal x are first merged
// (weighted mean), zero-weight rows dropped, the fit clipped to [yMin, yMax], thresholds whose
// value equals both neighbours dropped, and predictions linear between thresholds.

import { InvalidInput } from "../../core/index.js";
import { argsort } from "../stats/argsort.js";

export interface IsotonicOptions {
  readonly increasing?: boolean;
  readonly yMin?: number;
  readonly yMax?: number;
  /** Outside the fitted x range: "clip" to the end values (default) or "nan". */
  readonly outOfBounds?: "clip" | "nan";
}

export interface IsotonicDocument {
  readonly kind: "isotonic-calibrator";
  readonly version: 1;
  readonly thresholdsX: number[];
  readonly thresholdsY: number[];
  readonly outOfBounds: "clip" | "nan";
}

export class IsotonicRegression {
  readonly options: Required<Pick<IsotonicOptions, "increasing" | "outOfBounds">> & Pick<IsotonicOptions, "yMin" | "yMax">;

  constructor(options: IsotonicOptions = {}) {
    const { increasing = true, outOfBounds = "clip", yMin, yMax } = options;
    if (outOfBounds !== "clip" && outOfBounds !== "nan") throw new InvalidInput(`IsotonicRegression outOfBounds must be "clip" or "nan": received ${String(outOfBounds)}`);
    if (yMin !== undefined && yMax !== undefined && !(yMin <= yMax)) throw new InvalidInput(`IsotonicRegression needs yMin ≤ yMax: received ${yMin} and ${yMax}`);
    this.options = { increasing, outOfBounds, yMin, yMax };
  }

  fit(x: ArrayLike<number>, y: ArrayLike<number>, options: { sampleWeight?: ArrayLike<number> } = {}): IsotonicCalibrator {
    const n = x.length;
    if (y.length !== n) throw new InvalidInput(`IsotonicRegression: x has ${n} values but y has ${y.length}`);
    const w = options.sampleWeight;
    if (w && w.length !== n) throw new InvalidInput(`IsotonicRegression: sampleWeight has ${w.length} values but x has ${n}`);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new InvalidInput(`IsotonicRegression needs finite x and y: row ${i} is (${x[i]}, ${y[i]})`);
      if (w && !(w[i] >= 0)) throw new InvalidInput(`sampleWeight must be ≥ 0: row ${i} is ${w[i]}`);
      if (!w || w[i] > 0) kept++;
    }
    if (kept === 0) throw new InvalidInput("IsotonicRegression has no rows of positive weight to fit");
    const rows = sortedRows(x, y, w);
    const unique = mergeTies(rows, x, y, w);
    const fitted = poolAdjacentViolators(unique.y, unique.w, this.options.increasing);
    const lo = this.options.yMin ?? -Infinity;
    const hi = this.options.yMax ?? Infinity;
    for (let i = 0; i < fitted.length; i++) fitted[i] = Math.min(hi, Math.max(lo, fitted[i]));
    const { tx, ty } = trimmed(unique.x, fitted);
    return new IsotonicCalibrator(tx, ty, this.options.outOfBounds);
  }
}

export class IsotonicCalibrator {
  constructor(
    readonly thresholdsX: Float64Array,
    readonly thresholdsY: Float64Array,
    readonly outOfBounds: "clip" | "nan",
  ) {}

  transform(scores: ArrayLike<number>): Float64Array {
    const tx = this.thresholdsX;
    const ty = this.thresholdsY;
    const last = tx.length - 1;
    const out = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) {
      let s = scores[i];
      if (s < tx[0] || s > tx[last]) {
        if (this.outOfBounds === "nan") {
          out[i] = NaN;
          continue;
        }
        s = s < tx[0] ? tx[0] : tx[last];
      }
      if (last === 0) {
        out[i] = ty[0];
        continue;
      }
      // The last threshold ≤ s (binary search), then linear to the next.
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (tx[mid] <= s) lo = mid;
        else hi = mid;
      }
      out[i] = s === tx[lo] ? ty[lo] : ty[lo] + ((ty[hi] - ty[lo]) / (tx[hi] - tx[lo])) * (s - tx[lo]);
    }
    return out;
  }

  toDocument(): IsotonicDocument {
    return { kind: "isotonic-calibrator", version: 1, thresholdsX: [...this.thresholdsX], thresholdsY: [...this.thresholdsY], outOfBounds: this.outOfBounds };
  }

  static fromDocument(doc: IsotonicDocument): IsotonicCalibrator {
    if (doc?.kind !== "isotonic-calibrator" || doc.version !== 1) throw new InvalidInput(`Not an isotonic calibrator document (version 1): kind ${String(doc?.kind)}, version ${String(doc?.version)}`);
    if (doc.thresholdsX.length !== doc.thresholdsY.length || doc.thresholdsX.length === 0) throw new InvalidInput("An isotonic calibrator document needs as many thresholdsY as thresholdsX, at least one");
    return new IsotonicCalibrator(Float64Array.from(doc.thresholdsX), Float64Array.from(doc.thresholdsY), doc.outOfBounds === "nan" ? "nan" : "clip");
  }
}

/** Rows of positive weight by x, then y (scikit-learn's lexsort order, which fixes the summation order of ties). */
function sortedRows(x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number> | undefined): Int32Array {
  const order = argsort(x);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && x[order[end]] === x[order[start]]) end++;
    if (end - start > 1) order.subarray(start, end).sort((i, j) => y[i] - y[j] || i - j);
    start = end;
  }
  return w ? order.filter((i) => w[i] > 0) : order;
}

/** Rows sorted by x, with equal x merged into one point: weighted mean y, summed weight. */
function mergeTies(rows: Int32Array, x: ArrayLike<number>, y: ArrayLike<number>, w: ArrayLike<number> | undefined): { x: Float64Array; y: Float64Array; w: Float64Array } {
  const ux = new Float64Array(rows.length);
  const uy = new Float64Array(rows.length);
  const uw = new Float64Array(rows.length);
  let k = -1;
  for (const i of rows) {
    const wi = w ? w[i] : 1;
    if (k < 0 || x[i] !== ux[k]) {
      k++;
      ux[k] = x[i];
    }
    uy[k] += wi * y[i];
    uw[k] += wi;
  }
  for (let j = 0; j <= k; j++) uy[j] /= uw[j];
  return { x: ux.slice(0, k + 1), y: uy.slice(0, k + 1), w: uw.slice(0, k + 1) };
}

/** Weighted pool-adjacent-violators: blocks on a stack, merged while they break the order. */
export function poolAdjacentViolators(y: Float64Array, w: Float64Array, increasing = true): Float64Array {
  const n = y.length;
  const sign = increasing ? 1 : -1;
  const value = new Float64Array(n);
  const weight = new Float64Array(n);
  const size = new Int32Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    top++;
    value[top] = sign * y[i];
    weight[top] = w[i];
    size[top] = 1;
    while (top > 0 && value[top - 1] >= value[top]) {
      const total = weight[top - 1] + weight[top];
      value[top - 1] = (weight[top - 1] * value[top - 1] + weight[top] * value[top]) / total;
      weight[top - 1] = total;
      size[top - 1] += size[top];
      top--;
    }
  }
  const out = new Float64Array(n);
  for (let b = 0, i = 0; b <= top; b++) for (let j = 0; j < size[b]; j++) out[i++] = sign * value[b];
  return out;
}

/** Drops interior points whose value equals both neighbours': they change no interpolation. */
function trimmed(x: Float64Array, y: Float64Array): { tx: Float64Array; ty: Float64Array } {
  const keep: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (i === 0 || i === y.length - 1 || y[i] !== y[i - 1] || y[i] !== y[i + 1]) keep.push(i);
  }
  return { tx: Float64Array.from(keep, (i) => x[i]), ty: Float64Array.from(keep, (i) => y[i]) };
}
