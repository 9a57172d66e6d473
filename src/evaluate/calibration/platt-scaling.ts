// Platt scaling: P(y = 1 | f) = 1 / (1 + exp(a·f + b)), fitted by maximum likelihood on targets
// smoothed as Platt proposed ((n₊ + 1)/(n₊ + 2) for positives, 1/(n₋ + 2) for negatives), which
// keeps a perfectly separable score from driving a to infinity. This is scikit-learn's
// _sigmoid_calibration objective, minimised here by Newton's method with a backtracking line search
// (Lin, Lin & Weng 2007) instead of BFGS: the same optimum, reached to rounding.

import { InvalidInput } from "../../core/index.js";

export interface PlattDocument {
  readonly kind: "platt-calibrator";
  readonly version: 1;
  readonly a: number;
  readonly b: number;
}

export class PlattScaling {
  /** `positive[i]` is true (or 1) for positive rows; scores are any real-valued model output. */
  fit(scores: ArrayLike<number>, positive: ArrayLike<number | boolean>, options: { sampleWeight?: ArrayLike<number> } = {}): PlattCalibrator {
    const n = scores.length;
    if (positive.length !== n) throw new InvalidInput(`PlattScaling: scores has ${n} values but the target has ${positive.length}`);
    const w = options.sampleWeight;
    if (w && w.length !== n) throw new InvalidInput(`PlattScaling: sampleWeight has ${w.length} values but scores has ${n}`);
    let prior0 = 0;
    let prior1 = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(scores[i])) throw new InvalidInput(`PlattScaling needs finite scores: row ${i} is ${scores[i]}`);
      if (positive[i] === true || positive[i] === 1) prior1 += w ? w[i] : 1;
      else prior0 += w ? w[i] : 1;
    }
    if (prior0 === 0 || prior1 === 0) throw new InvalidInput("PlattScaling needs rows of both classes (with positive weight)");
    const target = new Float64Array(n);
    for (let i = 0; i < n; i++) target[i] = positive[i] === true || positive[i] === 1 ? (prior1 + 1) / (prior1 + 2) : 1 / (prior0 + 2);
    const [a, b] = newton(Float64Array.from(scores), target, w ? Float64Array.from(w) : null, Math.log((prior0 + 1) / (prior1 + 1)));
    return new PlattCalibrator(a, b);
  }
}

export class PlattCalibrator {
  constructor(
    readonly a: number,
    readonly b: number,
  ) {}

  transform(scores: ArrayLike<number>): Float64Array {
    const out = new Float64Array(scores.length);
    for (let i = 0; i < scores.length; i++) out[i] = sigmoid(-(this.a * scores[i] + this.b));
    return out;
  }

  toDocument(): PlattDocument {
    return { kind: "platt-calibrator", version: 1, a: this.a, b: this.b };
  }

  static fromDocument(doc: PlattDocument): PlattCalibrator {
    if (doc?.kind !== "platt-calibrator" || doc.version !== 1 || !Number.isFinite(doc.a) || !Number.isFinite(doc.b)) {
      throw new InvalidInput(`Not a Platt calibrator document (version 1 with finite a and b): kind ${String(doc?.kind)}`);
    }
    return new PlattCalibrator(doc.a, doc.b);
  }
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Σ w·(T·z + log(1 + e^(−z))) with z = a·f + b: the smoothed negative log-likelihood. */
function loss(f: Float64Array, t: Float64Array, w: Float64Array | null, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < f.length; i++) {
    const z = a * f[i] + b;
    const softplus = Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    sum += (w ? w[i] : 1) * (t[i] * z + softplus);
  }
  return sum;
}

function newton(f: Float64Array, t: Float64Array, w: Float64Array | null, b0: number): [number, number] {
  let a = 0;
  let b = b0;
  let current = loss(f, t, w, a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0; // prettier-ignore
    for (let i = 0; i < f.length; i++) {
      const p = sigmoid(-(a * f[i] + b));
      const wi = w ? w[i] : 1;
      const d = wi * (t[i] - p);
      const h = wi * p * (1 - p);
      ga += d * f[i];
      gb += d;
      haa += h * f[i] * f[i];
      hab += h * f[i];
      hbb += h;
    }
    // A tiny ridge keeps the 2 × 2 solve defined when every score is equal.
    haa += 1e-12;
    hbb += 1e-12;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    if (Math.abs(slope) < 1e-15 * Math.max(1, Math.abs(current))) break;
    let step = 1;
    let next = loss(f, t, w, a + da, b + db);
    while (next > current + 1e-4 * step * slope && step > 1e-10) {
      step /= 2;
      next = loss(f, t, w, a + step * da, b + step * db);
    }
    a += step * da;
    b += step * db;
    current = next;
  }
  return [a, b];
}
