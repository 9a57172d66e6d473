"""The scikit-learn / numpy side of bench/evaluate.ts: reads the same float64 files and prints one
JSON line of best-of-3 seconds per task."""

import json
import sys
import time

import numpy as np
from sklearn.calibration import _sigmoid_calibration, calibration_curve
from sklearn.isotonic import IsotonicRegression
from sklearn.model_selection import StratifiedKFold

score_path, label_path = sys.argv[1], sys.argv[2]
s = np.fromfile(score_path, dtype=np.float64)
y = np.fromfile(label_path, dtype=np.float64).astype(int)
n = len(y) // 2
s1, s2 = s[:n], s[n:]
y = y[:n]
p = 1 / (1 + np.exp(-s1))


def midrank(x):
    order = np.argsort(x, kind="mergesort")
    z = x[order]
    # Vectorised midranks: the mean rank of each run of ties.
    starts = np.r_[0, np.flatnonzero(np.diff(z)) + 1]
    ends = np.r_[starts[1:], len(z)]
    ranks = np.repeat(0.5 * (starts + ends - 1) + 1, ends - starts)
    out = np.empty(len(x))
    out[order] = ranks
    return out


def delong():
    pos, neg = y == 1, y == 0
    m, k = pos.sum(), neg.sum()
    v10, v01 = [], []
    for sc in (s1, s2):
        tx, ty, tz = midrank(sc[pos]), midrank(sc[neg]), midrank(sc)
        v10.append((tz[pos] - tx) / k)
        v01.append(1 - (tz[neg] - ty) / m)
    return np.cov(np.array(v10)) / m + np.cov(np.array(v01)) / k


tasks = {
    "stratifiedKFold": lambda: [f for f in StratifiedKFold(5).split(s1, y)],
    "isotonic fit": lambda: IsotonicRegression(out_of_bounds="clip").fit(s1, y),
    "platt fit": lambda: _sigmoid_calibration(s1, y),
    "calibrationCurve": lambda: calibration_curve(y, p, n_bins=10, strategy="quantile"),
    "delong": delong,
}
out = {}
for name, fn in tasks.items():
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    out[name] = best
print(json.dumps(out))
