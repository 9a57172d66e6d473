"""scikit-learn's linear models, the reference for bench/linear.ts.

Usage:  python3 linear_reference.py SPEC.json
SPEC is a list of runs {name, model, params, x, y, rows, cols}; x and y are raw row-major float64
files (numpy .tofile). For each run it fits once to warm up, then times `repeats` fits and keeps
the fastest, and prints one JSON line: fit seconds, the objective on scikit-learn's definition
(the same formulas Orchard's model.info.objective uses), and the iterations.
"""

import json
import sys
import time
import warnings

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge

warnings.filterwarnings("ignore")


def objective(model, X, y):
    if isinstance(model, LogisticRegression):
        P = model.predict_proba(X)
        idx = np.searchsorted(model.classes_, y)
        loss = -np.sum(np.log(P[np.arange(len(y)), idx]))
        return float(model.C * loss + 0.5 * np.sum(model.coef_ ** 2))
    r = y - model.predict(X)
    rss = float(r @ r)
    w = model.coef_
    if isinstance(model, Ridge):
        return rss + model.alpha * float(w @ w)
    if isinstance(model, (Lasso, ElasticNet)):
        l1 = getattr(model, "l1_ratio", 1.0)
        return rss / (2 * len(y)) + model.alpha * l1 * float(np.abs(w).sum()) + 0.5 * model.alpha * (1 - l1) * float(w @ w)
    return rss


MODELS = {"LinearRegression": LinearRegression, "Ridge": Ridge, "Lasso": Lasso, "ElasticNet": ElasticNet, "LogisticRegression": LogisticRegression}


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    for run in spec:
        X = np.fromfile(run["x"], dtype=np.float64)[: run["rows"] * run["cols"]].reshape(run["rows"], run["cols"])
        y = np.fromfile(run["y"], dtype=np.float64)[: run["rows"]]
        best = float("inf")
        model = None
        for _ in range(run.get("repeats", 2) + 1):
            model = MODELS[run["model"]](**run["params"])
            start = time.perf_counter()
            model.fit(X, y)
            best = min(best, time.perf_counter() - start) if model is not None else best
        n_iter = getattr(model, "n_iter_", None)
        n_iter = int(np.max(n_iter)) if n_iter is not None else 0
        print(json.dumps({"name": run["name"], "seconds": best, "objective": objective(model, X, y), "nIterations": n_iter}), flush=True)


if __name__ == "__main__":
    main()
