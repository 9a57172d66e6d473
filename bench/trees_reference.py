# scikit-learn side of bench/trees.ts: CART and a 100-tree random forest (n_jobs=2) on the
# matrices bench/trees.ts wrote, the same train/test rows and seeds. Prints one JSON line per fit
# (wall clock and process CPU time, every thread).
import json
import sys
import time
import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.metrics import accuracy_score, mean_squared_error, roc_auc_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

spec = json.loads(sys.argv[1])
for d in spec["datasets"]:
    X = np.fromfile(d["xPath"], dtype=np.float64).reshape(-1, d["cols"])
    y = np.fromfile(d["yPath"], dtype=np.float64)
    train = np.fromfile(d["trainPath"], dtype=np.int32)
    test = np.fromfile(d["testPath"], dtype=np.int32)
    is_class = d["task"] == "classification"
    Xtr, ytr, Xte, yte = X[train], y[train], X[test], y[test]
    for model in ("cart", "forest"):
        for seed in spec["seeds"]:
            if model == "cart":
                est = (DecisionTreeClassifier if is_class else DecisionTreeRegressor)(random_state=seed)
            else:
                est = (RandomForestClassifier if is_class else RandomForestRegressor)(n_estimators=100, n_jobs=2, random_state=seed)
            t0, c0 = time.perf_counter(), time.process_time()
            est.fit(Xtr, ytr)
            fit, fit_cpu = time.perf_counter() - t0, time.process_time() - c0
            t0 = time.perf_counter()
            if is_class:
                proba = est.predict_proba(Xte)[:, 1]
                pred = est.classes_[np.argmax(est.predict_proba(Xte), axis=1)]
                score = {"accuracy": accuracy_score(yte, pred), "auc": roc_auc_score(yte, proba)}
            else:
                score = {"rmse": mean_squared_error(yte, est.predict(Xte)) ** 0.5}
            predict = time.perf_counter() - t0
            print(json.dumps({"dataset": d["name"], "model": model, "seed": seed, "fit": fit, "fitCpu": fit_cpu, "predict": predict, **score}), flush=True)
