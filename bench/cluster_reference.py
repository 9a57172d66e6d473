"""scikit-learn's KMeans, PCA and DBSCAN, the references for bench/cluster.ts.

Usage: python3 cluster_reference.py SPEC.json
The spec names raw row-major float64 files (numpy .tofile) written by bench/cluster.ts, already
standardised, and the runs to make. Prints one JSON object per line as each run finishes; labels
go to files in the spec's `out` directory (int32) so the caller can compare them with its own.
"""

import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, KMeans, MiniBatchKMeans
from sklearn.decomposition import PCA
from threadpoolctl import threadpool_limits


def load(entry):
    return np.fromfile(entry["path"], dtype=np.float64).reshape(entry["rows"], entry["cols"])


def one_thread_cpu(fit, repeats):
    """CPU seconds of one fit on one thread, the mean over `repeats` fits (short fits are repeated to be measurable)."""
    with threadpool_limits(limits=1):
        cpu = time.process_time()
        for _ in range(repeats):
            fit()
        return (time.process_time() - cpu) / repeats


def main(spec_path):
    spec = json.load(open(spec_path))
    print(json.dumps({"kind": "versions", "sklearn": sklearn.__version__, "numpy": np.__version__}), flush=True)
    for entry in spec["kmeans"]:
        X = load(entry)
        start = time.perf_counter()
        m = KMeans(n_clusters=entry["k"], n_init=entry["nInit"], algorithm=entry["algorithm"], random_state=0).fit(X)
        seconds = time.perf_counter() - start
        m.labels_.astype(np.int32).tofile(entry["labelsOut"])
        # Also on one thread, with its CPU time: on a loaded machine CPU seconds compare better than wall-clock ones.
        with threadpool_limits(limits=1):
            start = time.perf_counter()
            cpu = time.process_time()
            KMeans(n_clusters=entry["k"], n_init=entry["nInit"], algorithm=entry["algorithm"], random_state=0).fit(X)
            cpu1 = time.process_time() - cpu
            seconds1 = time.perf_counter() - start
        print(json.dumps({"kind": "kmeans", "id": entry["id"], "seconds": seconds, "seconds1": seconds1, "cpu1": cpu1, "inertia": float(m.inertia_), "nIter": int(m.n_iter_)}), flush=True)
    for entry in spec["miniBatch"]:
        X = load(entry)
        start = time.perf_counter()
        m = MiniBatchKMeans(n_clusters=entry["k"], batch_size=1024, n_init=3, random_state=0).fit(X)
        seconds = time.perf_counter() - start
        cpu1 = one_thread_cpu(lambda: MiniBatchKMeans(n_clusters=entry["k"], batch_size=1024, n_init=3, random_state=0).fit(X), entry["repeats"])
        print(json.dumps({"kind": "minibatch", "id": entry["id"], "seconds": seconds, "cpu1": cpu1, "inertia": float(m.inertia_), "nSteps": int(m.n_steps_)}), flush=True)
    for entry in spec["pca"]:
        X = load(entry)
        start = time.perf_counter()
        m = PCA(n_components=entry["nComponents"]).fit(X)
        seconds = time.perf_counter() - start
        cpu1 = one_thread_cpu(lambda: PCA(n_components=entry["nComponents"]).fit(X), entry["repeats"])
        print(json.dumps({"kind": "pca", "id": entry["id"], "seconds": seconds, "cpu1": cpu1, "evr": float(m.explained_variance_ratio_.sum()), "solver": m._fit_svd_solver}), flush=True)
    for entry in spec["dbscan"]:
        X = load(entry)
        start = time.perf_counter()
        m = DBSCAN(eps=entry["eps"], min_samples=entry["minSamples"]).fit(X)
        seconds = time.perf_counter() - start
        m.labels_.astype(np.int32).tofile(entry["labelsOut"])
        print(json.dumps({"kind": "dbscan", "id": entry["id"], "seconds": seconds, "nClusters": int(m.labels_.max() + 1), "noise": int((m.labels_ == -1).sum())}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
