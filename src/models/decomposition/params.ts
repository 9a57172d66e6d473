// PCA's parameters, declared once as data (core/params.ts); defaults follow scikit-learn 1.2.

import type { ParamSpecs } from "../../core/index.js";

export const PCA_PARAMS = {
  nComponents: {
    type: "optional-number",
    default: null,
    min: 0,
    doc: "Components kept: an integer count, a fraction in (0, 1) of the variance to explain, or null for min(rows, features).",
  },
  whiten: { type: "boolean", default: false, doc: "Scale the projected components to unit variance." },
} as const satisfies ParamSpecs;
