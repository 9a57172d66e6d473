// Forest parameters, declared once: the CART growth limits plus the ensemble's own (scikit-learn's
// names and defaults: classifiers try sqrt(features) per split, regressors all of them).

import type { ParamSpecs } from "../../core/index.js";
import { CART_PARAMS, TREE_CLASSIFIER_PARAMS, TREE_REGRESSOR_PARAMS } from "../tree/index.js";

const ENSEMBLE_PARAMS = {
  nEstimators: { type: "integer", default: 100, min: 1, max: 100_000, doc: "Trees in the forest." },
  maxSamples: { type: "optional-number", default: null, min: 0, doc: "Rows drawn per tree with bootstrap: a fraction in (0, 1] or a count > 1. Null: as many as the training rows." },
  oobScore: { type: "boolean", default: false, doc: "Score each row with the trees that did not see it (needs bootstrap): model.oobScore and the out-of-bag predictions." },
  nThreads: { type: "optional-integer", default: null, min: 1, max: 256, doc: "Worker threads growing trees (default: all cores, for fits large enough to pay for starting them). Results do not depend on it." },
} as const satisfies ParamSpecs;

const maxFeatures = (fallback: "sqrt" | "all") => ({ ...TREE_CLASSIFIER_PARAMS.maxFeatures, default: fallback });

export const RANDOM_FOREST_CLASSIFIER_PARAMS = {
  ...CART_PARAMS,
  ...ENSEMBLE_PARAMS,
  criterion: TREE_CLASSIFIER_PARAMS.criterion,
  maxFeatures: maxFeatures("sqrt"),
  bootstrap: { type: "boolean", default: true, doc: "Grow each tree on a bootstrap sample (rows drawn with replacement)." },
} as const satisfies ParamSpecs;

export const RANDOM_FOREST_REGRESSOR_PARAMS = {
  ...CART_PARAMS,
  ...ENSEMBLE_PARAMS,
  criterion: TREE_REGRESSOR_PARAMS.criterion,
  maxFeatures: maxFeatures("all"),
  bootstrap: RANDOM_FOREST_CLASSIFIER_PARAMS.bootstrap,
} as const satisfies ParamSpecs;

const noBootstrap = { ...RANDOM_FOREST_CLASSIFIER_PARAMS.bootstrap, default: false } as const;

export const EXTRA_TREES_CLASSIFIER_PARAMS = { ...RANDOM_FOREST_CLASSIFIER_PARAMS, bootstrap: noBootstrap } as const satisfies ParamSpecs;
export const EXTRA_TREES_REGRESSOR_PARAMS = { ...RANDOM_FOREST_REGRESSOR_PARAMS, bootstrap: noBootstrap } as const satisfies ParamSpecs;
