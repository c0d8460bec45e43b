"""``blocs build`` for every state of the COW system in one year: time and peak memory.

1. **The command**, as a user runs it: ``blocs build --states all --from YEAR --to YEAR
   --data ROOT -o FILE.yaml`` in a child process (wall time, CPU time and peak resident memory
   of that process, read from ``getrusage``). Goals: under 10 s and under 2 GB.
2. **Stages**, in this process: resolving the states, each data set's reader, validating the
   scenario, writing its YAML.
3. **Baseline** measured in the same run: the per-pair way the project measured ties before
   (:func:`~blocs.measure.alliances.alliance_ties` and
   :func:`~blocs.measure.votes.vote_agreement` pair by pair from one vote table), timed on a
   sample of pairs and scaled to every pair; the ratio says what vectorising bought.
4. **Floor**: only reading the files the build reads (pandas for the CSV files, one DuckDB scan
   of the votes), the cost no build can avoid.

Run: ``.venv/bin/python benchmarks/bench_build.py [--data ../shared/data] [--year 2010]``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from blocs.measure.alliances import alliance_ties
from blocs.measure.builder import READERS, build_scenario, resolve_states
from blocs.measure.votes import read_votes, vote_agreement
from blocs.scenario.io import save_scenario

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data"
SAMPLE = 200


def command(data: Path, year: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "all.yaml"
        code = (
            "import resource, sys, time\n"
            "t = time.perf_counter()\n"
            "from blocs.cli import app\n"
            "try:\n"
            f"    app(['build', '--states', 'all', '--from', '{year}', '--to', '{year}',"
            f" '--data', {str(data)!r}, '-o', {str(out)!r}])\n"
            "except SystemExit as exc:\n"
            "    assert not exc.code, exc.code\n"
            "u = resource.getrusage(resource.RUSAGE_SELF)\n"
            "print('BENCH', time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss,"
            " file=sys.stderr)\n"
        )
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - start
        line = next(ln for ln in run.stderr.splitlines() if ln.startswith("BENCH"))
        _, inner, cpu, rss_kb = line.split()
        return {
            "wall_s": round(wall, 2),
            "in_process_s": round(float(inner), 2),
            "cpu_s": round(float(cpu), 2),
            "peak_mb": round(int(rss_kb) / 1024),
            "file_mb": round(out.stat().st_size / 1e6, 1),
        }


def stages(data: Path, year: int) -> dict:
    out: dict[str, float] = {}
    t = time.perf_counter()
    states = resolve_states(["all"], year, year)
    out["states"] = time.perf_counter() - t
    for reader in READERS:
        t = time.perf_counter()
        reader(data, states, year, year)
        out[reader.__name__] = time.perf_counter() - t
    t = time.perf_counter()
    result = build_scenario(data, ["all"], year, year)
    out["build_scenario (all of the above + validation)"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        save_scenario(result.scenario, Path(tmp) / "all.yaml")
        out["write YAML"] = time.perf_counter() - t
    out["states_n"] = len(states)
    out["pairs_n"] = len(states) * (len(states) - 1) // 2
    out["ties_n"] = len(result.scenario.ties)
    return out


def per_pair_baseline(data: Path, year: int) -> tuple[float, int]:
    states = [s.iso3 for s in resolve_states(["all"], year, year) if s.iso3]
    pairs = list(itertools.combinations(states, 2))
    sample = pairs[:: max(1, len(pairs) // SAMPLE)][:SAMPLE]
    t = time.perf_counter()
    table = read_votes(data / "un-votes", states, year, year)
    read = time.perf_counter() - t
    t = time.perf_counter()
    for a, b in sample:
        alliance_ties(data / "peacesciencer-cow-atop", a, b, year, year)
        vote_agreement(table, a, b, year, year)
    per_pair = (time.perf_counter() - t) / len(sample)
    return read + per_pair * len(pairs), len(pairs)


def floor(data: Path) -> float:
    t = time.perf_counter()
    pd.read_csv(data / "peacesciencer-cow-atop" / "atop_alliance.csv.gz")
    pd.read_csv(data / "peacesciencer-cow-atop" / "cow_mid_ddydisps.csv")
    pd.read_csv(data / "peacesciencer-cow-atop" / "cow_nmc.csv")
    pd.read_csv(data / "sipri-arms-transfers" / "sipri-exports-processed.csv")
    read_votes(data / "un-votes", None)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--year", type=int, default=2010)
    args = parser.parse_args()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    cmd = command(args.data, args.year)
    st = stages(args.data, args.year)
    base, pairs = per_pair_baseline(args.data, args.year)
    fl = floor(args.data)
    build = st["build_scenario (all of the above + validation)"]
    report = {
        "year": args.year,
        "load_average_at_start": load,
        "command": cmd,
        "goals_met": {"under_10_s": cmd["wall_s"] < 10, "under_2_gb": cmd["peak_mb"] < 2048},
        "stages_s": {k: round(v, 3) if isinstance(v, float) else v for k, v in st.items()},
        "per_pair_baseline_s": round(base, 1),
        "per_pair_baseline_pairs": pairs,
        "speedup_over_per_pair": round(base / build, 1),
        "floor_read_files_s": round(fl, 2),
        "build_over_floor": round(build / fl, 2),
        "peak_rss_this_process_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
