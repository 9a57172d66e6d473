"""scikit-learn's ColumnTransformer as the reference for bench/features.ts: the equivalent of
Orchard's linear preset (numbers: SimpleImputer(median) + StandardScaler, and a MissingIndicator;
categories: OneHotEncoder(max_categories=20, handle_unknown="infrequent_if_exist"), dense output).

Usage: python3 features_reference.py CSV[,CSV…] NUMERIC_COLS CATEGORICAL_COLS REPEAT
Reads the files with pandas (untimed), then times REPEAT fits and transforms, and prints one JSON
object: wall seconds of each fit and transform, the output shape and the sum of its values.
"""

import json
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def main() -> None:
    paths, numeric, categorical, repeat = sys.argv[1].split(","), sys.argv[2].split(","), sys.argv[3].split(","), int(sys.argv[4])
    frames = [pd.read_csv(p, skipinitialspace=True, na_values=["?"], dtype={c: object for c in categorical}) for p in paths]
    frame = pd.concat(frames, ignore_index=True)
    for c in categorical:
        frame[c] = frame[c].astype(object).where(frame[c].notna(), np.nan)
    transformer = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
        # Orchard's indicator rides beside the scaled column, unscaled: the same here.
        ("missing", MissingIndicator(features="missing-only"), numeric),
        ("cat", OneHotEncoder(max_categories=20, handle_unknown="infrequent_if_exist", sparse_output=False), categorical),
    ], sparse_threshold=0)
    fit_seconds, transform_seconds = [], []
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        fitted = transformer.fit(frame)
        fit_seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        out = fitted.transform(frame)
        transform_seconds.append(time.perf_counter() - start)
    json.dump({
        "sklearn": sklearn.__version__,
        "fit": fit_seconds,
        "transform": transform_seconds,
        "rows": int(out.shape[0]),
        "cols": int(out.shape[1]),
        "sum": float(np.sum(out)),
        "absSum": float(np.sum(np.abs(out))),
    }, sys.stdout)


main()
