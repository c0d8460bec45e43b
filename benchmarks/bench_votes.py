"""UN votes: reading two states' votes, and scoring every pair of states.

1. **Read.** Baseline (measured in the same run): pandas reads the whole votes file and the
   roll calls, joins them and keeps two states and three years, the plain way. Compared with it:
   :func:`blocs.measure.votes.read_votes`, where DuckDB scans the compressed file and keeps
   only the two states' rows.
2. **All pairs.** Baseline: :func:`~blocs.measure.votes.vote_agreement` pair by pair from one
   table (timed on a sample of pairs and scaled; its cost is the same for every pair).
   Compared with it: :func:`~blocs.measure.votes.vote_agreement_matrix`, all pairs at once by
   matrix products. Both give the same numbers (checked on the sample).

Run: ``.venv/bin/python benchmarks/bench_votes.py [--data ../shared/data/un-votes]``.
"""

from __future__ import annotations

import argparse
import itertools
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd

from blocs.measure.votes import read_votes, vote_agreement, vote_agreement_matrix

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "un-votes"
SAMPLE = 300


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def pandas_read(folder: Path) -> pd.DataFrame:
    votes = pd.read_csv(folder / "un_votes.csv.gz", keep_default_na=False)
    calls = pd.read_csv(folder / "un_roll_calls.csv", parse_dates=["date"])
    both = votes.merge(calls[["rcid", "date"]], on="rcid")
    both = both[both["country_code"].isin(["RU", "IR"]) & both["date"].dt.year.between(2015, 2017)]
    return both


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    base, frame = best(lambda: pandas_read(args.data), args.repeat)
    duck, table = best(lambda: read_votes(args.data, ["RUS", "IRN"], 2015, 2017), args.repeat)
    assert len(frame) == len(table.votes)  # type: ignore[arg-type]
    print("1. read two states' votes, 2015-2017")
    print(f"   baseline pandas read + join + filter : {base:6.2f} s")
    print(f"   read_votes (DuckDB scan)              : {duck:6.2f} s  ({base / duck:4.1f}x)")

    t_all, everything = best(lambda: read_votes(args.data, None, 2015, 2017), 1)
    print(f"   read_votes, every state               : {t_all:6.2f} s")

    matrix_time, m = best(lambda: vote_agreement_matrix(everything, 2015, 2017), args.repeat)
    pairs = list(itertools.combinations(m.actors, 2))  # type: ignore[attr-defined]
    rng = np.random.default_rng(0)
    sample = [pairs[k] for k in rng.choice(len(pairs), size=min(SAMPLE, len(pairs)), replace=False)]
    t = time.perf_counter()
    for a, b in sample:
        one = vote_agreement(everything, a, b, 2015, 2017).overall
        many = m.pair(a, b)  # type: ignore[attr-defined]
        assert one.votes == many.votes and (
            math.isnan(one.s_score) or abs(one.s_score - many.s_score) < 1e-12
        )
    per_pair = (time.perf_counter() - t) / len(sample)
    loop = per_pair * len(pairs)
    print(f"2. all {len(pairs):,} pairs of {len(m.actors)} states, 2015-2017")  # type: ignore[attr-defined]
    print(
        f"   baseline vote_agreement per pair      : {loop:6.2f} s  ({per_pair * 1e3:.2f} ms/pair)"
    )
    ratio = loop / matrix_time
    print(f"   vote_agreement_matrix                 : {matrix_time:6.2f} s  ({ratio:,.0f}x)")

    t_hist, history = best(lambda: read_votes(args.data, None), 1)
    hist_time, hm = best(
        lambda: vote_agreement_matrix(history, 1946, 2020),
        1,  # type: ignore[arg-type]
    )
    print(f"3. every state, every roll call 1946-2020 ({len(history.votes):,} votes)")  # type: ignore[attr-defined]
    print(f"   read_votes {t_hist:.2f} s, matrix of {len(hm.actors)} states {hist_time:.2f} s")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
