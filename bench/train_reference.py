"""The Python side of bench/train.ts: the fixed train/test split, and the contenders Orchard's
train() is judged against -- XGBoost 1.7 with default parameters, scikit-learn 1.2
HistGradientBoosting with defaults, and XGBoost tuned by random search under the same wall-clock
budget -- plus the scorer every contender (Orchard included) is measured by.

  python3 train_reference.py prepare SPEC.json OUT_DIR
  python3 train_reference.py xgb-default|hgb-default|xgb-tuned|score JOB.json [PREDICTIONS.csv]

Each command prints one JSON line on stdout. Metrics: ROC AUC (binary), log-loss (multiclass),
RMSE (regression), all from sklearn.metrics.
"""

import csv
import gzip
import io
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import log_loss, mean_squared_error, roc_auc_score
from sklearn.model_selection import train_test_split

SPLIT_SEED = 42
TEST_SHARE = 0.2
N_JOBS = 2
# XGBoost: categorical columns with at most this many levels are one-hot encoded, wider ones get
# their ordinal code (one-hot of ~900 ICD-9 codes would be a dense matrix of gigabytes).
ONE_HOT_MAX = 32
# HistGradientBoosting takes a categorical column natively only below max_bins (255) levels.
HGB_MAX_CATEGORIES = 255


# ---------------------------------------------------------------- the split


def read_raw(path, spec):
    # airlines' TailNum has a few Latin-1 bytes: a file that is not UTF-8 is read as Latin-1.
    raw = gzip.open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=spec.get("delimiter") or ",")
    rows = [r for r in reader if r and any(c.strip() for c in r)]
    if spec.get("names"):
        header = list(spec["names"])
    else:
        header, rows = rows[0], rows[1:]
    if spec.get("strip"):
        header = [h.strip() for h in header]
        rows = [[c.strip() for c in r] for r in rows]
    return header, rows


def select_columns(header, rows, spec):
    target = spec["target"]
    if spec.get("keep"):
        names = [n for n in header if n in spec["keep"] or n == target]
    else:
        names = [n for n in header if n not in set(spec.get("drop") or [])]
    index = [header.index(n) for n in names]
    t = names.index(target)
    missing = set(spec.get("missing") or []) | {""}
    out = [[r[j] for j in index] for r in rows]
    kept = [r for r in out if r[t] not in missing]
    return names, kept, len(out) - len(kept)


def prepare(spec_path, out_dir):
    spec = json.load(open(spec_path))
    root = spec["datasetsDir"]
    header, rows = read_raw(os.path.join(root, spec["file"]), spec)
    names, rows, dropped = select_columns(header, rows, spec)
    if spec.get("testFile"):
        test_header, test_rows = read_raw(os.path.join(root, spec["testFile"]), spec)
        if test_header != header:
            raise ValueError("the test file's header differs from the train file's")
        _, test_rows, test_dropped = select_columns(test_header, test_rows, spec)
        train_rows, dropped = rows, dropped + test_dropped
    else:
        t = names.index(spec["target"])
        stratify = [r[t] for r in rows] if spec["task"] != "regression" else None
        train_idx, test_idx = train_test_split(np.arange(len(rows)), test_size=TEST_SHARE, random_state=SPLIT_SEED, stratify=stratify)
        train_rows = [rows[i] for i in sorted(train_idx)]
        test_rows = [rows[i] for i in sorted(test_idx)]
    os.makedirs(out_dir, exist_ok=True)
    for name, part in (("train.csv", train_rows), ("test.csv", test_rows)):
        with open(os.path.join(out_dir, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(names)
            w.writerows(part)
    return {"trainRows": len(train_rows), "testRows": len(test_rows), "cols": len(names) - 1, "droppedRows": dropped}


# ---------------------------------------------------------------- loading and encoding


def load(job):
    target = job["target"]
    na = list(job.get("missing") or []) + [""]
    read = lambda name: pd.read_csv(os.path.join(job["dir"], name), na_values=na, keep_default_na=False, dtype={target: str}, low_memory=False)
    train, test = read("train.csv"), read("test.csv")
    y_train, y_test = train.pop(target), test.pop(target)
    if job["task"] == "regression":
        return train, test, y_train.astype(float).to_numpy(), y_test.astype(float).to_numpy(), None
    classes = sorted(y_train.unique())
    index = {c: k for k, c in enumerate(classes)}
    return train, test, y_train.map(index).to_numpy(), y_test.map(index).to_numpy(), classes


def categorical_columns(frame):
    return [c for c in frame.columns if frame[c].dtype == object]


def codes(train_col, test_col):
    """Ordinal codes of the training categories (sorted); unseen and missing values become NaN."""
    categories = sorted(train_col.dropna().unique())
    encode = lambda col: pd.Categorical(col, categories=categories).codes.astype(np.float64)
    a, b = encode(train_col), encode(test_col)
    a[a < 0] = np.nan
    b[b < 0] = np.nan
    return a, b, len(categories)


def encode_xgb(train, test):
    parts_train, parts_test = [], []
    for c in train.columns:
        if train[c].dtype != object:
            parts_train.append(train[[c]].astype(np.float32))
            parts_test.append(test[[c]].astype(np.float32))
            continue
        a, b, k = codes(train[c], test[c])
        if k <= ONE_HOT_MAX:
            cats = sorted(train[c].dropna().unique())
            onehot = lambda col: pd.get_dummies(pd.Categorical(col, categories=cats), prefix=c, dtype=np.float32)
            parts_train.append(onehot(train[c]).set_axis(train.index))
            parts_test.append(onehot(test[c]).set_axis(test.index))
        else:
            parts_train.append(pd.DataFrame({c: a.astype(np.float32)}, index=train.index))
            parts_test.append(pd.DataFrame({c: b.astype(np.float32)}, index=test.index))
    return pd.concat(parts_train, axis=1).to_numpy(np.float32), pd.concat(parts_test, axis=1).to_numpy(np.float32)


def encode_hgb(train, test):
    Xa, Xb, mask = [], [], []
    for c in train.columns:
        if train[c].dtype != object:
            Xa.append(train[c].to_numpy(np.float64))
            Xb.append(test[c].to_numpy(np.float64))
            mask.append(False)
            continue
        a, b, k = codes(train[c], test[c])
        Xa.append(a)
        Xb.append(b)
        mask.append(k <= HGB_MAX_CATEGORIES)
    return np.column_stack(Xa), np.column_stack(Xb), np.array(mask, dtype=bool)


# ---------------------------------------------------------------- scoring


def score(task, y, pred):
    if task == "binary":
        return float(roc_auc_score(y, pred[:, 1] if pred.ndim == 2 else pred))
    if task == "multiclass":
        return float(log_loss(y, pred, labels=list(range(pred.shape[1]))))
    return float(math.sqrt(mean_squared_error(y, pred)))


def predict(model, task, X):
    return model.predict_proba(X) if task != "regression" else model.predict(X)


def score_orchard(job, predictions_path):
    _, _, _, y_test, classes = load(job)
    pred = pd.read_csv(predictions_path)
    if job["task"] == "regression":
        return {"score": score("regression", y_test, pred.iloc[:, 0].to_numpy(float))}
    # Orchard's class columns in this script's class order. Orchard may spell a label differently
    # (yes/no read as true/false): its own class index of each test row's truth, in "__truth",
    # pairs the two spellings.
    truth = pred.pop("__truth").to_numpy(int)
    pairs = set(zip(y_test.tolist(), truth.tolist()))
    mapping = dict(pairs)
    if len(mapping) != len(pairs) or len(set(mapping.values())) != len(mapping):
        raise ValueError(f"Orchard's classes do not pair one to one with the test labels: {sorted(pairs)}")
    P = np.zeros((len(y_test), len(classes)))
    for k in range(len(classes)):
        if k in mapping:
            P[:, k] = pred.iloc[:, mapping[k]].to_numpy(float)
    return {"score": score(job["task"], y_test, P)}


# ---------------------------------------------------------------- the contenders


def xgb_model(task, **params):
    import xgboost as xgb
    cls = xgb.XGBRegressor if task == "regression" else xgb.XGBClassifier
    return cls(tree_method="hist", n_jobs=N_JOBS, **params)


def xgb_default(job):
    train, test, y_train, y_test, _ = load(job)
    Xa, Xb = encode_xgb(train, test)
    start = time.perf_counter()
    model = xgb_model(job["task"]).fit(Xa, y_train)
    pred = predict(model, job["task"], Xb)
    return {"score": score(job["task"], y_test, pred), "seconds": time.perf_counter() - start, "features": Xa.shape[1]}


def hgb_default(job):
    train, test, y_train, y_test, _ = load(job)
    Xa, Xb, mask = encode_hgb(train, test)
    start = time.perf_counter()
    cls = HistGradientBoostingRegressor if job["task"] == "regression" else HistGradientBoostingClassifier
    model = cls(categorical_features=mask if mask.any() else None).fit(Xa, y_train)
    pred = predict(model, job["task"], Xb)
    return {"score": score(job["task"], y_test, pred), "seconds": time.perf_counter() - start, "categorical": int(mask.sum())}


def stop_at(deadline):
    """An XGBoost callback that ends training once the wall clock passes `deadline`."""
    import xgboost as xgb

    class StopAt(xgb.callback.TrainingCallback):
        def after_iteration(self, model, epoch, evals_log):
            return time.perf_counter() > deadline

    return StopAt()


def sample_config(rng):
    return {
        "learning_rate": float(math.exp(rng.uniform(math.log(0.01), math.log(0.3)))),
        "max_depth": int(rng.integers(3, 11)),
        "min_child_weight": float(math.exp(rng.uniform(math.log(0.5), math.log(20)))),
        "subsample": float(rng.uniform(0.5, 1.0)),
        "colsample_bytree": float(rng.uniform(0.5, 1.0)),
    }


MAX_ROUNDS = 2000
PATIENCE = 50


def xgb_tuned(job):
    """Random search with a stratified 20% validation split and early stopping, then a refit on all
    training rows with the best configuration and its rounds (scaled for the larger data). The
    clock covers search, refit and test prediction, as Orchard's budget does."""
    task, budget = job["task"], float(job["budget"])
    train, test, y_train, y_test, _ = load(job)
    Xa, Xb = encode_xgb(train, test)
    start = time.perf_counter()
    elapsed = lambda: time.perf_counter() - start
    strat = y_train if task != "regression" else None
    Xt, Xv, yt, yv = train_test_split(Xa, y_train, test_size=0.2, random_state=job.get("seed", 1), stratify=strat)
    eval_metric = {"binary": "auc", "multiclass": "mlogloss", "regression": "rmse"}[task]
    rng = np.random.default_rng(job.get("seed", 1))
    # The first trial is XGBoost's defaults, so the search starts from the default baseline.
    defaults = {"learning_rate": 0.3, "max_depth": 6, "min_child_weight": 1.0, "subsample": 1.0, "colsample_bytree": 1.0}
    best, trials, trial_seconds = None, 0, []
    while True:
        refit_estimate = 1.5 * best["seconds"] if best else 0.0
        typical = float(np.median(trial_seconds)) if trial_seconds else 0.0
        if trials > 0 and elapsed() + typical + refit_estimate > budget * 0.97:
            break
        config = defaults if trials == 0 else sample_config(rng)
        t0 = time.perf_counter()
        deadline = start + budget * 0.97 - refit_estimate
        model = xgb_model(task, n_estimators=MAX_ROUNDS, early_stopping_rounds=PATIENCE, eval_metric=eval_metric, callbacks=[stop_at(deadline)], random_state=trials, **config)
        model.fit(Xt, yt, eval_set=[(Xv, yv)], verbose=False)
        val = score(task, yv, predict(model, task, Xv))
        seconds = time.perf_counter() - t0
        trials += 1
        trial_seconds.append(seconds)
        better = best is None or (val > best["val"] if task == "binary" else val < best["val"])
        if better:
            best = {"val": val, "config": config, "rounds": int(model.best_iteration) + 1, "seconds": seconds, "seed": trials - 1}
        if time.perf_counter() > deadline:
            break
    rounds = max(1, int(round(best["rounds"] * 1.2)))
    model = xgb_model(task, n_estimators=rounds, callbacks=[stop_at(start + budget)], random_state=best["seed"], **best["config"])
    model.fit(Xa, y_train, verbose=False)
    pred = predict(model, task, Xb)
    total = elapsed()
    return {"score": score(task, y_test, pred), "seconds": total, "trials": trials, "validation": best["val"], "rounds": rounds, "config": best["config"]}


def main():
    command = sys.argv[1]
    if command == "prepare":
        result = prepare(sys.argv[2], sys.argv[3])
    else:
        job = json.load(open(sys.argv[2]))
        runs = {"xgb-default": xgb_default, "hgb-default": hgb_default, "xgb-tuned": xgb_tuned}
        result = score_orchard(job, sys.argv[3]) if command == "score" else runs[command](job)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
