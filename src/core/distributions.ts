// The distributions statistical tests need (p-values of model comparisons, coefficient tables):
// normal, Student t, chi-square and binomial. Checked against scipy.stats to 1e-10
// (test/fixtures/evaluate). Tails are computed directly so a
// p-value of 1e-40 keeps its digits.

import { InvalidInput } from "./errors.js";
import { betaIncomplete, gammaIncomplete, logBeta, logGamma } from "./special.js";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  // Φ(x) = erfc(−x/√2)/2 and erfc(z) = Q(½, z²) for z ≥ 0.
  const tail = 0.5 * gammaIncomplete(0.5, (x * x) / 2, true);
  return x < 0 ? tail : 1 - tail;
}

/** 1 − Φ(x), accurate in the upper tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

// Acklam's rational approximation (relative error 1.15e-9), refined by two Halley steps on Φ.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p), the standard normal quantile. */
export function normalQuantile(p: number): number {
  checkProbability(p, "normalQuantile");
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
  for (let step = 0; step < 2; step++) {
    const e = normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, not necessarily an integer). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, "studentTCdf");
  if (Number.isNaN(t)) return NaN;
  if (t === 0) return 0.5;
  const tail = studentTTail(Math.abs(t), df);
  return t < 0 ? tail : 1 - tail;
}

/** P(T > t). */
export function studentTSf(t: number, df: number): number {
  return studentTCdf(-t, df);
}

/** P(T > a) for a ≥ 0: ½ I_{ν/(ν+a²)}(ν/2, ½), from whichever argument keeps its precision. */
function studentTTail(a: number, df: number): number {
  if (a === Infinity) return 0;
  const a2 = a * a;
  if (a2 < df) return 0.5 * betaIncomplete(a2 / (df + a2), 0.5, df / 2, true);
  return 0.5 * betaIncomplete(df / (df + a2), df / 2, 0.5);
}

export function studentTPdf(t: number, df: number): number {
  return Math.exp(-0.5 * Math.log(df) - logBeta(0.5, df / 2) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The p-quantile of Student's t: Newton steps kept inside a shrinking bracket. */
export function studentTQuantile(p: number, df: number): number {
  checkProbability(p, "studentTQuantile");
  checkDf(df, "studentTQuantile");
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  // Cauchy: −cot(πp), which keeps its digits where tan(π(p − ½)) would not.
  if (df === 1) return -1 / Math.tan(Math.PI * p);
  // Solve P(T > a) = p for a > 0, then t = −a.
  let lo = 0;
  let hi = Math.max(1, -normalQuantile(p));
  while (studentTTail(hi, df) > p) {
    lo = hi;
    hi *= 2;
  }
  let a = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const f = studentTTail(a, df) - p;
    if (f > 0) lo = a;
    else hi = a;
    let next = a + f / studentTPdf(a, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - a) <= 1e-15 * Math.abs(next) || hi - lo <= 1e-15 * hi) {
      a = next;
      break;
    }
    a = next;
  }
  return -a;
}

/** P(X ≤ x) for chi-square with `df` degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  checkDf(df, "chiSquareCdf");
  return gammaIncomplete(df / 2, Math.max(0, x) / 2);
}

/** P(X > x) for chi-square with `df` degrees of freedom. */
export function chiSquareSf(x: number, df: number): number {
  checkDf(df, "chiSquareSf");
  return gammaIncomplete(df / 2, Math.max(0, x) / 2, true);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  checkBinomial(n, p);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X ≤ k) for X ~ Binomial(n, p) = I_{1−p}(n − k, k + 1). */
export function binomialCdf(k: number, n: number, p: number): number {
  checkBinomial(n, p);
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  return betaIncomplete(1 - p, n - j, j + 1);
}

function checkProbability(p: number, where: string): void {
  if (!(p >= 0 && p <= 1)) throw new InvalidInput(`${where} needs a probability in [0, 1]: received ${p}`);
}

function checkDf(df: number, where: string): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new InvalidInput(`${where} needs degrees of freedom > 0: received ${df}`);
}

function checkBinomial(n: number, p: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InvalidInput(`A binomial needs a whole number of trials n ≥ 0: received ${n}`);
  checkProbability(p, "binomial");
}

/** Two-sided p-value P(|Z| ≥ |z|) of a standard normal, the tail computed directly. */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, 2 * normalSf(Math.abs(z)));
}

/** Two-sided p-value P(|T| ≥ |t|) of Student's t, the tail computed directly. */
export function studentTTwoSided(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  return Math.min(1, 2 * studentTSf(Math.abs(t), df));
}
