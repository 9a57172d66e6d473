// The losses a booster can minimise, behind the `Objective` interface of objective.ts. Where
// XGBoost and LightGBM differ we take XGBoost's formula, so that with the same parameters a model
// trained here takes the same Newton steps as the reference we benchmark against; the exception is
// huber, where XGBoost has only pseudo-Huber (see there). Where a hessian is not the loss's true
// second derivative, the objective says which one it is and why.
//
// Rows in error messages are indices into `y`, counting from 0.

import { InvalidInput } from "../../core/index.js";
import { huberLocation, logMean, totalWeight, weightedMean, weightedQuantile } from "./base-score.js";
import type { Objective, ObjectiveName, ObjectiveOptions } from "./objective.js";

export const OBJECTIVE_NAMES: readonly ObjectiveName[] = [
  "squared-error",
  "absolute-error",
  "huber",
  "quantile",
  "poisson",
  "gamma",
  "tweedie",
  "binary-logloss",
  "softmax",
];

/**
 * Poisson adds this to the log of its hessian, as XGBoost's `count:poisson` does with its default
 * `max_delta_step` of 0.7: the true hessian exp(raw) is tiny where the mean is small, and a Newton
 * step −G/H there is huge; inflating H by e^0.7 ≈ 2 damps the first steps without moving the optimum.
 */
export const POISSON_MAX_DELTA_STEP = 0.7;

/** Floor for hessians that vanish as probabilities saturate (XGBoost's 1e-16). */
const MIN_HESSIAN = 1e-16;

/**
 * Binary and softmax base scores clip class frequencies to [ε, 1 − ε]: a class absent from the
 * targets would otherwise start at ±∞. ε = 1e-7 keeps the start within |raw| ≤ 16.
 */
const PRIOR_CLIP = 1e-7;

/** Builds an objective by name, checking the options it uses. */
export function createObjective(name: ObjectiveName, options: ObjectiveOptions = {}): Objective {
  switch (name) {
    case "squared-error":
      return squaredError();
    case "absolute-error":
      return absoluteError();
    case "huber":
      return huber(option("huberDelta", options.huberDelta, 1, 0, Infinity));
    case "quantile":
      return quantile(option("alpha", options.alpha, 0.5, 0, 1));
    case "poisson":
      return poisson();
    case "gamma":
      return gamma();
    case "tweedie":
      return tweedie(option("tweedieVariancePower", options.tweedieVariancePower, 1.5, 1, 2));
    case "binary-logloss":
      return binaryLogloss();
    case "softmax":
      return softmax(classCount(options.nClasses));
    default:
      throw new InvalidInput(`Unknown objective "${String(name)}": objectives are ${OBJECTIVE_NAMES.join(", ")}`);
  }
}

function squaredError(): Objective {
  return {
    ...singleOutput("squared-error", "rmse"),
    checkTarget: (y) => checkTargets("squared-error", y),
    baseScore: (y, weight) => Float64Array.of(weightedMean(y, weight)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("squared-error", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        grad[i] = w * (raw[i] - y[i]);
        hess[i] = w;
      }
    },
  };
}

/**
 * L1. The gradient is sign(raw − y), 0 at raw = y. The true hessian is 0 almost everywhere; like
 * LightGBM and XGBoost we use 1, so a leaf's Newton value is the mean sign of its residuals.
 * Both libraries then renew each leaf with the median residual; that is the booster's job.
 */
function absoluteError(): Objective {
  return {
    ...singleOutput("absolute-error", "mae"),
    checkTarget: (y) => checkTargets("absolute-error", y),
    baseScore: (y, weight) => Float64Array.of(weightedQuantile(y, weight, 0.5)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("absolute-error", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        grad[i] = w * Math.sign(raw[i] - y[i]);
        hess[i] = w;
      }
    },
  };
}

/**
 * The Huber loss with LightGBM's derivatives: the gradient is the residual clipped to ±delta and
 * the hessian is 1 everywhere (the true one is 1 inside, 0 outside). A leaf's Newton value is then
 * the mean clipped residual, bounded by delta, so outliers cannot blow a step up. The base score is
 * the exact minimiser (huberLocation); the median is not one. XGBoost's
 * pseudo-Huber has smooth but vanishing hessians (large steps for leaves of outliers) and is a
 * different loss from the `huber` metric that early stopping watches.
 */
function huber(delta: number): Objective {
  return {
    ...singleOutput("huber", "huber"),
    checkTarget: (y) => checkTargets("huber", y),
    baseScore: (y, weight) => Float64Array.of(huberLocation(y, weight, delta)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("huber", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        const r = raw[i] - y[i];
        grad[i] = w * (r > delta ? delta : r < -delta ? -delta : r);
        hess[i] = w;
      }
    },
  };
}

/**
 * Pinball loss: gradient 1 − alpha where raw > y, −alpha below, and their midpoint ½ − alpha at the kink.
 * Hessian 1 for the same reason as absolute-error.
 */
function quantile(alpha: number): Objective {
  return {
    ...singleOutput("quantile", "quantile"),
    alpha,
    checkTarget: (y) => checkTargets("quantile", y),
    baseScore: (y, weight) => Float64Array.of(weightedQuantile(y, weight, alpha)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("quantile", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        // At the kink (raw = y) the midpoint of the subgradients [−α, 1 − α]: for α = ½ this is 0,
        // the same choice as absolute error's sign(0), so quantile ½ and absolute error agree.
        grad[i] = w * (raw[i] > y[i] ? 1 - alpha : raw[i] < y[i] ? -alpha : 0.5 - alpha);
        hess[i] = w;
      }
    },
  };
}

/** Poisson deviance with a log link; hessian inflated by e^POISSON_MAX_DELTA_STEP (see there). */
function poisson(): Objective {
  const inflate = Math.exp(POISSON_MAX_DELTA_STEP);
  return {
    ...singleOutput("poisson", "poisson", exp),
    checkTarget: (y) => {
      checkTargets("poisson", y, (v) => v >= 0, "targets ≥ 0", "Poisson models counts; for signed targets use squared-error or huber");
      checkPositiveMean("poisson", y);
    },
    baseScore: (y, weight) => Float64Array.of(logMean("poisson", y, weight)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("poisson", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        const mu = Math.exp(raw[i]);
        grad[i] = w * (mu - y[i]);
        hess[i] = w * mu * inflate;
      }
    },
  };
}

/** Gamma deviance with a log link; the hessian is exact (XGBoost's `reg:gamma`). */
function gamma(): Objective {
  return {
    ...singleOutput("gamma", "gamma", exp),
    checkTarget: (y) => checkTargets("gamma", y, (v) => v > 0, "targets > 0", "Gamma models positive amounts; for targets with zeros use tweedie or poisson"),
    baseScore: (y, weight) => Float64Array.of(logMean("gamma", y, weight)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("gamma", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        const ratio = y[i] * Math.exp(-raw[i]);
        grad[i] = w * (1 - ratio);
        hess[i] = w * ratio;
      }
    },
  };
}

/** Tweedie negative log-likelihood with a log link; XGBoost's `reg:tweedie` formulas, exact hessian. */
function tweedie(power: number): Objective {
  return {
    ...singleOutput("tweedie", "tweedie", exp),
    checkTarget: (y) => {
      checkTargets("tweedie", y, (v) => v >= 0, "targets ≥ 0", "Tweedie models non-negative amounts with zeros; for signed targets use squared-error or huber");
      checkPositiveMean("tweedie", y);
    },
    baseScore: (y, weight) => Float64Array.of(logMean("tweedie", y, weight)),
    gradients(y, raw, weight, grad, hess) {
      checkShapes("tweedie", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        const a = y[i] * Math.exp((1 - power) * raw[i]);
        const b = Math.exp((2 - power) * raw[i]);
        grad[i] = w * (b - a);
        hess[i] = w * ((2 - power) * b - (1 - power) * a);
      }
    },
  };
}

function binaryLogloss(): Objective {
  return {
    ...singleOutput("binary-logloss", "logloss", sigmoid),
    checkTarget: (y) => checkTargets("binary-logloss", y, (v) => v === 0 || v === 1, "targets 0 or 1", "encode the two classes as 0 and 1, or use softmax for more classes"),
    baseScore(y, weight) {
      const p = clip(weightedMean(y, weight), PRIOR_CLIP, 1 - PRIOR_CLIP);
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradients(y, raw, weight, grad, hess) {
      checkShapes("binary-logloss", 1, y, raw, weight, grad, hess);
      for (let i = 0; i < y.length; i++) {
        const w = weight === null ? 1 : weight[i];
        const p = sigmoid(raw[i]);
        grad[i] = w * (p - y[i]);
        hess[i] = w * Math.max(p * (1 - p), MIN_HESSIAN);
      }
    },
  };
}

/**
 * Multinomial logloss over K classes, scores class-major. Each class gets its own tree, so only the
 * diagonal of the hessian is used; we take XGBoost's 2·p(1 − p) (LightGBM uses K/(K − 1)·p(1 − p),
 * the same at K = 2), which halves each step against the cross-class coupling the diagonal ignores,
 * and keeps learning rates comparable with XGBoost's.
 */
function softmax(nClasses: number): Objective {
  const name = "softmax";
  return {
    name,
    nOutputs: nClasses,
    defaultMetric: "mlogloss",
    checkTarget: (y) =>
      checkTargets(name, y, (v) => Number.isInteger(v) && v >= 0 && v < nClasses, `class indices 0..${nClasses - 1}`, `encode the ${nClasses} classes as 0..${nClasses - 1}, or set nClasses to cover them`),
    baseScore(y, weight) {
      // Log class priors, centred: softmax of them gives the priors back, which minimises the loss.
      const total = totalWeight(name, y, weight);
      const score = new Float64Array(nClasses);
      for (let i = 0; i < y.length; i++) score[y[i]] += weight === null ? 1 : weight[i];
      let mean = 0;
      for (let k = 0; k < nClasses; k++) {
        score[k] = Math.log(clip(score[k] / total, PRIOR_CLIP, 1 - PRIOR_CLIP));
        mean += score[k] / nClasses;
      }
      for (let k = 0; k < nClasses; k++) score[k] -= mean;
      return score;
    },
    gradients(y, raw, weight, grad, hess) {
      checkShapes(name, nClasses, y, raw, weight, grad, hess);
      const n = y.length;
      const e = new Float64Array(nClasses);
      for (let i = 0; i < n; i++) {
        const w = weight === null ? 1 : weight[i];
        let max = -Infinity;
        for (let k = 0; k < nClasses; k++) max = Math.max(max, raw[k * n + i]);
        let sum = 0;
        for (let k = 0; k < nClasses; k++) sum += e[k] = Math.exp(raw[k * n + i] - max);
        for (let k = 0; k < nClasses; k++) {
          const p = e[k] / sum;
          grad[k * n + i] = w * (p - (y[i] === k ? 1 : 0));
          hess[k * n + i] = w * Math.max(2 * p * (1 - p), MIN_HESSIAN);
        }
      }
    },
    transform(raw, n) {
      checkTransform(name, nClasses, raw, n);
      const out = new Float64Array(raw.length);
      for (let i = 0; i < n; i++) {
        // Subtracting the row's maximum keeps exp in range: raw = ±1000 gives 0 and 1, not NaN.
        let max = -Infinity;
        for (let k = 0; k < nClasses; k++) max = Math.max(max, raw[k * n + i]);
        let sum = 0;
        for (let k = 0; k < nClasses; k++) sum += out[k * n + i] = Math.exp(raw[k * n + i] - max);
        for (let k = 0; k < nClasses; k++) out[k * n + i] /= sum;
      }
      return out;
    },
  };
}

// ---- shared parts --------------------------------------------------------------------------

type Link = (raw: number) => number;

function singleOutput(name: ObjectiveName, defaultMetric: string, link?: Link): Pick<Objective, "name" | "nOutputs" | "defaultMetric" | "transform"> {
  return {
    name,
    nOutputs: 1,
    defaultMetric,
    transform(raw, n) {
      checkTransform(name, 1, raw, n);
      if (link === undefined) return Float64Array.from(raw);
      // A plain loop: typed-array map() calls back into JavaScript per element, uninlined, and
      // this runs on the validation set after every boosting iteration.
      const out = new Float64Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = link(raw[i]);
      return out;
    },
  };
}

function exp(raw: number): number {
  return Math.exp(raw);
}

/** Never exponentiates a positive number, so ±1000 gives 1 and 0 rather than NaN. */
function sigmoid(raw: number): number {
  if (raw >= 0) return 1 / (1 + Math.exp(-raw));
  const e = Math.exp(raw);
  return e / (1 + e);
}

function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Targets must be finite, and pass `isValid` when given (which then names the `requirement`). */
function checkTargets(name: string, y: Float64Array, isValid: (v: number) => boolean = () => true, requirement = "", hint = ""): void {
  if (y.length === 0) throw new InvalidInput(`${name} needs at least one target: y is empty`, { hint: "train on a non-empty table" });
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) {
      throw new InvalidInput(`${name} needs finite targets: row ${i} is ${v}`, { where: `row ${i}`, hint: "drop the rows whose target is missing, or impute them" });
    }
    if (!isValid(v)) throw new InvalidInput(`${name} needs ${requirement}: row ${i} is ${v}`, { where: `row ${i}`, hint });
  }
}

function checkPositiveMean(name: string, y: Float64Array): void {
  if (!y.some((v) => v > 0)) {
    throw new InvalidInput(`${name} needs at least one target > 0: all ${y.length} targets are 0`, { hint: "a log link cannot fit a mean of 0" });
  }
}

function checkShapes(name: string, nOutputs: number, y: Float64Array, raw: Float64Array, weight: Float64Array | null, grad: Float32Array, hess: Float32Array): void {
  const size = y.length * nOutputs;
  const bad = raw.length !== size ? ["raw", raw.length] : grad.length !== size ? ["grad", grad.length] : hess.length !== size ? ["hess", hess.length] : null;
  if (bad !== null) {
    throw new InvalidInput(`${name} gradients need ${bad[0]} of length ${size} (${y.length} rows × ${nOutputs} outputs): received ${bad[1]}`);
  }
  if (weight !== null && weight.length !== y.length) {
    throw new InvalidInput(`${name} gradients need one weight per row (${y.length}): received ${weight.length}`);
  }
}

function checkTransform(name: string, nOutputs: number, raw: Float64Array, n: number): void {
  if (raw.length !== n * nOutputs) {
    throw new InvalidInput(`${name} transform needs ${n} rows × ${nOutputs} outputs = ${n * nOutputs} raw scores: received ${raw.length}`);
  }
}

function option(name: string, value: number | undefined, fallback: number, lo: number, hi: number): number {
  if (value === undefined) return fallback;
  if (!(value > lo && value < hi)) {
    throw new InvalidInput(hi === Infinity ? `${name} must be a positive number: received ${value}` : `${name} must be in (${lo}, ${hi}): received ${value}`);
  }
  return value;
}

function classCount(nClasses: number | undefined): number {
  if (nClasses === undefined) throw new InvalidInput("softmax needs nClasses: received none", { hint: "pass the number of classes, 2 or more" });
  if (!Number.isInteger(nClasses) || nClasses < 2) throw new InvalidInput(`softmax needs nClasses to be an integer ≥ 2: received ${nClasses}`);
  return nClasses;
}
