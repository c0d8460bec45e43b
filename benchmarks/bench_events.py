"""Event store benchmark: ingest and month x actor-pair queries against same-run baselines.

Run ``python benchmarks/bench_events.py [ROWS] [REPEATS]`` (default 1,000,000 rows, 3 repeats).
A GDELT 2.0-shaped file is generated in a temporary directory (deleted afterwards); every figure
is the median of the repeats with a warm cache, printed with its ratio to the baselines:
pandas ``read_csv`` of six columns + ``groupby``, DuckDB typed ``read_csv`` + GROUP BY, a bare
DuckDB ``count(*)`` scan of the text (the floor) and DuckDB on a Parquet copy.

Each ingest runs in a child process, which times the :func:`ingest` call itself (interpreter
start and imports excluded) and whose peak resident memory is reported on its own, apart from the
pandas baseline's. The load average before and after the run is printed, since the figures are
only comparable with a machine equally busy.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from blocs.measure.events.formats import FORMATS
from blocs.measure.events.summary import store_dyad_series

COLS = [n for n, _ in FORMATS["gdelt2"].columns]


CPU: dict[str, float] = {}


def timed(fn, repeats: int, name: str | None = None) -> tuple[float, object]:
    """Median wall time of ``repeats`` calls; the median CPU time (all threads of this process)
    is kept in ``CPU[name]``."""
    times, cpus, out = [], [], None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    if name is not None:
        CPU[name] = statistics.median(cpus)
    return statistics.median(times), out


_CHILD = """
import json, sys, time
from pathlib import Path

def peak_mb():
    # VmHWM: the peak RSS of this process image (ru_maxrss would carry the parent's over from fork)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from blocs.measure.events.store import ingest
db = Path(sys.argv[2])
db.unlink(missing_ok=True)
t = time.perf_counter()
c = time.process_time()
report = ingest([sys.argv[1]], db)
print(json.dumps({"seconds": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "rows": report.rows, "rejects": report.rejects,
                  "peak_mb": peak_mb()}))
"""


def ingest_in_child(source: Path, db: Path) -> dict[str, float]:
    """Ingest ``source`` into a fresh store at ``db`` in a child process; its own figures."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(source), str(db)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(rows: int, repeats: int) -> None:
    from blocs.measure.events.synthetic import write_gdelt2

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="blocs-bench-") as work:
        folder = Path(work)
        t = time.perf_counter()
        made = write_gdelt2(
            folder / "20150101000000.export.CSV", rows, seed=1, days=92, keep_frame=False
        )
        size = made.path.stat().st_size
        print(f"generated {rows:,} rows, {size / 1e9:.2f} GB in {time.perf_counter() - t:.1f} s")
        path = str(made.path)
        con = duckdb.connect()
        con.execute("SET enable_progress_bar_print = false")
        kinds = {"SQLDATE": "DATE", "QuadClass": "TINYINT", "GoldsteinScale": "DOUBLE"}
        typed = "{" + ", ".join(f"'{n}': '{kinds.get(n, 'VARCHAR')}'" for n in COLS) + "}"
        read = (
            f"read_csv('{path}', delim='\\t', header=false, quote='', escape='', "
            f"auto_detect=false, columns={typed}, dateformat='%Y%m%d')"
        )
        month_pair_sql = (
            "SELECT date_trunc('month', SQLDATE) m, Actor1CountryCode, Actor2CountryCode, "
            "count(*), sum((QuadClass = 1)::INT), sum((QuadClass = 4)::INT), sum(GoldsteinScale) "
            f"FROM {read} GROUP BY ALL"
        )
        results: dict[str, float] = {}

        def scan() -> None:
            con.execute(
                f"SELECT count(*) FROM read_csv('{path}', delim='\\t', header=false, quote='', "
                "escape='', auto_detect=false, columns={'line': 'VARCHAR'}, strict_mode=false, "
                "null_padding=true)"
            ).fetchall()

        results["bare DuckDB count(*) scan"], _ = timed(scan, repeats, "bare DuckDB count(*) scan")
        results["DuckDB typed read_csv + GROUP BY"], _ = timed(
            lambda: con.execute(month_pair_sql).fetchall(),
            repeats,
            "DuckDB typed read_csv + GROUP BY",
        )

        def pandas_flow() -> None:
            use = [1, 7, 17, 29, 30, 31]
            f = pd.read_csv(path, sep="\t", header=None, usecols=use, dtype={7: str, 17: str})
            f.columns = ["d", "a1", "a2", "q", "g", "m"]
            f["month"] = f["d"] // 100
            f.groupby(["month", "a1", "a2"]).agg(n=("q", "size"), g=("g", "sum"))

        results["pandas read_csv + groupby"], _ = timed(
            pandas_flow, 1 if rows > 2e6 else repeats, "pandas read_csv + groupby"
        )
        parquet = folder / "events.parquet"
        con.execute(f"COPY (SELECT * FROM {read}) TO '{parquet}' (FORMAT parquet)")
        pq_sql = month_pair_sql.replace(read, f"'{parquet}'")
        results["DuckDB on Parquet"], _ = timed(
            lambda: con.execute(pq_sql).fetchall(), repeats, "DuckDB on Parquet"
        )
        con.close()

        runs = [ingest_in_child(made.path, folder / "store.duckdb") for _ in range(repeats)]
        results["blocs ingest (plain text)"] = statistics.median(r["seconds"] for r in runs)
        CPU["blocs ingest (plain text)"] = statistics.median(r["cpu"] for r in runs)
        ingest_peak_mb = max(r["peak_mb"] for r in runs)
        print(
            "ingest runs (s): "
            + ", ".join(f"{r['seconds']:.2f} (cpu {r['cpu']:.1f})" for r in runs)
            + f"; rows {runs[-1]['rows']:,}, rejects {runs[-1]['rejects']:,}"
        )
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        store = duckdb.connect(str(folder / "store.duckdb"), read_only=True)
        store_sql = (
            "SELECT date_trunc('month', date) m, actor1, actor2, sum(events), "
            "sum(CASE WHEN quad_class = 1 THEN events ELSE 0 END), "
            "sum(CASE WHEN quad_class = 4 THEN events ELSE 0 END), sum(goldstein_sum) "
            "FROM dyad_daily WHERE actor1 IS NOT NULL AND actor2 IS NOT NULL GROUP BY ALL"
        )
        results["blocs store month x pair"], _ = timed(
            lambda: store.execute(store_sql).fetchall(), repeats
        )
        store.close()
        store_dyad_series(folder / "store.duckdb", "RUS", "IRN")  # compile once
        results["blocs RUS-IRN monthly series"], _ = timed(
            lambda: store_dyad_series(folder / "store.duckdb", "RUS", "IRN"), repeats
        )
    floor = results["bare DuckDB count(*) scan"]
    pandas_t = results["pandas read_csv + groupby"]
    parquet_t = results["DuckDB on Parquet"]
    floor_cpu = CPU["bare DuckDB count(*) scan"]
    print(
        f"\n{'step':38s} {'median s':>9s} {'/scan':>7s} {'pandas/x':>9s} {'parquet/x':>10s} "
        f"{'cpu s':>7s} {'cpu/scan':>9s}"
    )
    for name, value in results.items():
        cpu = f"{CPU[name]:7.1f} {CPU[name] / floor_cpu:9.2f}" if name in CPU else ""
        print(
            f"{name:38s} {value:9.3f} {value / floor:7.2f} {pandas_t / value:9.1f} "
            f"{parquet_t / value:10.2f} {cpu}"
        )
    print(f"peak RSS of ingest (child process, max over runs): {ingest_peak_mb:,.0f} MB")
    print(f"peak RSS of the baselines and queries (pandas included): {peak_mb:,.0f} MB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    r = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    main(n, r)
