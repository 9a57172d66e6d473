"""pandas.read_csv on one file, as the reference for bench/read.ts.

Usage: python3 read_pandas.py PATH REPEAT
Does one untimed warm-up read, then REPEAT timed reads, each a fresh read_csv call, and prints one
JSON object on stdout: pandas version, the wall and CPU seconds of each timed read, the shape, and per-column
sums (NaN skipped) so the caller can check both readers saw the same numbers.
"""

import json
import sys
import time

import pandas as pd


def main() -> None:
    path, repeat = sys.argv[1], int(sys.argv[2])
    frame = pd.read_csv(path)  # warm-up: imports, page cache
    seconds, cpu_seconds = [], []
    for _ in range(repeat):
        del frame
        start, cpu_start = time.perf_counter(), time.process_time()
        frame = pd.read_csv(path)
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    json.dump(
        {
            "pandas": pd.__version__,
            "seconds": seconds,
            "cpuSeconds": cpu_seconds,
            "rows": int(frame.shape[0]),
            "cols": int(frame.shape[1]),
            "sums": {name: float(frame[name].sum()) for name in frame.columns},
            "nulls": int(frame.isna().sum().sum()),
            "bytes": int(frame.memory_usage(index=False, deep=True).sum()),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
