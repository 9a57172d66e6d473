// Standard errors of an unpenalised binary logistic regression: the square roots of the diagonal
// of the inverse Fisher information (XᵀVX)⁻¹, V = diag(wᵢpᵢ(1 − pᵢ)), intercept included, as
// statsmodels' Logit reports them. A singular information matrix (collinear or constant columns,
// separated classes) gives no standard errors and a note saying so.

import { cholesky, choleskyInverse } from "./cholesky.js";
import type { Design } from "./design.js";
import { sigmoid } from "./logistic-loss.js";
import type { StandardErrors } from "./summary.js";

export function fisherStandardErrors(design: Design, coef: Float64Array, intercept: number, fitIntercept: boolean): StandardErrors {
  const { X, n, p, weight } = design;
  const q = p + (fitIntercept ? 1 : 0); // the intercept is the last term here
  const info = new Float64Array(q * q);
  const z = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    let score = intercept;
    for (let j = 0; j < p; j++) {
      z[j] = X.data[i * p + j];
      score += z[j] * coef[j];
    }
    if (fitIntercept) z[p] = 1;
    const prob = sigmoid(score);
    const v = (weight ? weight[i] : 1) * prob * (1 - prob);
    if (v === 0) continue;
    for (let j = 0; j < q; j++) {
      const vz = v * z[j];
      for (let k = j; k < q; k++) info[j * q + k] += vz * z[k];
    }
  }
  const scale = new Float64Array(q);
  for (let j = 0; j < q; j++) scale[j] = Math.sqrt(info[j * q + j]);
  const unit = new Float64Array(q * q);
  for (let j = 0; j < q; j++) for (let k = j; k < q; k++) unit[j * q + k] = unit[k * q + j] = scale[j] > 0 && scale[k] > 0 ? info[j * q + k] / (scale[j] * scale[k]) : 0;
  const L = cholesky(unit, q, 1e-12);
  if (!L) {
    return {
      coef: null,
      intercept: null,
      note: "Standard errors are not available: the Fisher information is singular (collinear or constant columns, or classes separated perfectly by X)",
    };
  }
  const inverse = choleskyInverse(L, q);
  const se = Float64Array.from({ length: q }, (_, j) => Math.sqrt(inverse[j * q + j]) / scale[j]);
  return { coef: se.slice(0, p), intercept: fitIntercept ? se[p] : null, note: null };
}
