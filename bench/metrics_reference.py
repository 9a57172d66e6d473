"""scikit-learn's side of bench/metrics.ts: reads the inputs the TypeScript side wrote (raw
float64 files), times each metric (best of `repeats`) and prints one JSON object of
{name: {"ms": ..., "value": ...}}.

    /usr/bin/python3 bench/metrics_reference.py <folder> <rows> <repeats>
"""

import json
import sys
import time

import numpy as np
from sklearn import metrics

folder, rows, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def load(name):
    return np.fromfile(f"{folder}/{name}.f64", dtype=np.float64)


y = load("y").astype(np.int64)
score = load("score")
tied = load("tied")
weight = load("weight")
y3 = load("y3").astype(np.int64)
proba3 = load("proba3").reshape(rows, 3)

cases = {
    "roc auc": lambda: metrics.roc_auc_score(y, score),
    "roc auc, tied scores": lambda: metrics.roc_auc_score(y, tied),
    "roc auc, weighted": lambda: metrics.roc_auc_score(y, score, sample_weight=weight),
    "average precision": lambda: metrics.average_precision_score(y, score),
    "log-loss": lambda: metrics.log_loss(y, score),
    "log-loss, weighted": lambda: metrics.log_loss(y, score, sample_weight=weight),
    "roc auc, 3 classes ovr": lambda: metrics.roc_auc_score(y3, proba3, multi_class="ovr"),
    "log-loss, 3 classes": lambda: metrics.log_loss(y3, proba3),
}

out = {}
for name, run in cases.items():
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        value = run()
        best = min(best, time.perf_counter() - start)
    out[name] = {"ms": best * 1000, "value": float(value)}
print(json.dumps(out))
