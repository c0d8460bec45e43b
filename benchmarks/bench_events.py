"""Event store benchmark: ingest and month x actor-pair queries against same-run baselines.

Run ``python benchmarks/bench_events.py [ROWS] [REPEATS]`` (default 1,000,000 rows, 3 repeats).
A GDELT 2.0-shaped file is generated in a temporary directory (deleted afterwards); every figure
is the median of the repeats with a warm cache, printed with its ratio to the baselines:
pandas ``read_csv`` of six columns + ``groupby``, DuckDB typed ``read_csv`` + GROUP BY, a bare
DuckDB ``count(*)`` scan of the text (the floor) and DuckDB on a Parquet copy.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from blocs.measure.events.formats import FORMATS
from blocs.measure.events.store import ingest
from blocs.measure.events.summary import store_dyad_series

COLS = [n for n, _ in FORMATS["gdelt2"].columns]


def timed(fn, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main(rows: int, repeats: int) -> None:
    from blocs.measure.events.synthetic import write_gdelt2

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

        results["bare DuckDB count(*) scan"], _ = timed(scan, repeats)
        results["DuckDB typed read_csv + GROUP BY"], _ = timed(
            lambda: con.execute(month_pair_sql).fetchall(), repeats
        )

        def pandas_flow() -> None:
            use = [1, 7, 17, 29, 30, 31]
            f = pd.read_csv(path, sep="\t", header=None, usecols=use, dtype={7: str, 17: str})
            f.columns = ["d", "a1", "a2", "q", "g", "m"]
            f["month"] = f["d"] // 100
            f.groupby(["month", "a1", "a2"]).agg(n=("q", "size"), g=("g", "sum"))

        results["pandas read_csv + groupby"], _ = timed(pandas_flow, 1 if rows > 2e6 else repeats)
        parquet = folder / "events.parquet"
        con.execute(f"COPY (SELECT * FROM {read}) TO '{parquet}' (FORMAT parquet)")
        pq_sql = month_pair_sql.replace(read, f"'{parquet}'")
        results["DuckDB on Parquet"], _ = timed(lambda: con.execute(pq_sql).fetchall(), repeats)
        con.close()

        def do_ingest() -> None:
            db = folder / "store.duckdb"
            db.unlink(missing_ok=True)
            ingest([made.path], db)

        results["blocs ingest (plain text)"], _ = timed(do_ingest, repeats)
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
    print(f"\n{'step':38s} {'median s':>9s} {'/scan':>7s} {'pandas/x':>9s} {'parquet/x':>10s}")
    for name, value in results.items():
        print(
            f"{name:38s} {value:9.3f} {value / floor:7.2f} {pandas_t / value:9.1f} "
            f"{parquet_t / value:10.2f}"
        )
    print(f"peak RSS of this process (includes pandas baseline): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    r = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    main(n, r)
