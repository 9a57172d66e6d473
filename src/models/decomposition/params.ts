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
  svdSolver: {
    type: "enum",
    default: "auto",
    values: ["auto", "full", "randomized"],
    doc: "full: exact decomposition; randomized: Halko et al.'s sketch, for a few components of large data; auto: randomized when min(rows, features) > 500 and an integer nComponents below 80% of it is asked for (scikit-learn looks at max(rows, features); the full route here is cheap while min(rows, features) is small).",
  },
  iteratedPower: {
    type: "optional-integer",
    default: null,
    min: 0,
    doc: "Power iterations of the randomized solver (null: 7 when nComponents < 10% of min(rows, features), else 4).",
  },
  seed: { type: "integer", default: 0, doc: "Seed of the randomized solver's sketch." },
  nThreads: { type: "optional-integer", default: null, min: 1, max: 256, doc: "Threads for XᵀX on large data (default: all cores). Results do not depend on it." },
} as const satisfies ParamSpecs;
