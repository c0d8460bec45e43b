"""Dense-scenario benchmark: ``blocs assess`` on 40 states tied pairwise in every channel
(``dense_scenario.py``: 780 pairs, 3,120 ties) must return within 60 s.

Run ``.venv/bin/python benchmarks/bench_assess_dense.py [--states 40] [--time-limit 30]
[--baseline-timeout 0]``.

* **blocs**: the command line, ``blocs assess FILE --json`` on the scenario written to a
  temporary YAML file, with the default ``--time-limit`` (all the frustration solves of the
  balance lens share that many seconds; where the limit binds, the result says "best found, not
  proven"). The wall time includes start-up, loading and validating the file, and every lens.
* **baseline** (``--baseline-timeout S``, off by default because it is long): the same command
  with ``--time-limit 0`` (every solve to proven optimality, as before the time limit existed),
  stopped after ``S`` seconds.

The table lists, per network of the balance lens, the frustration found, its lower bound and
whether it is proven.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blocs.scenario import dumps_scenario
from dense_scenario import dense_scenario

GOAL = 60.0


def run_assess(file: Path, time_limit: float, timeout: float | None) -> tuple[float, dict | None]:
    script = Path(sys.executable).with_name("blocs")
    argv = [str(script), "assess", str(file), "--json", "--time-limit", str(time_limit)]
    t0 = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - t0, None
    return time.perf_counter() - t0, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--states", type=int, default=40)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--baseline-timeout", type=float, default=0.0)
    args = parser.parse_args()
    scenario = dense_scenario(args.states)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / f"dense-{args.states}.yaml"
        file.write_text(dumps_scenario(scenario), encoding="utf-8")
        load = os.getloadavg()[0]
        seconds, out = run_assess(file, args.time_limit, timeout=None)
        load_after = os.getloadavg()[0]
        base = None
        if args.baseline_timeout > 0:
            base = run_assess(file, 0, timeout=args.baseline_timeout)
    assert out is not None
    print(
        f"{args.states} states, {len(scenario.ties):,} ties; load average (1 min) {load:.1f}"
        f" before, {load_after:.1f} after"
    )
    verdict = "met" if seconds <= GOAL else "NOT met"
    print(
        f"blocs assess --time-limit {args.time_limit:g}: {seconds:.1f} s"
        f" (goal {GOAL:g} s: {verdict})"
    )
    if base is not None:
        b_seconds, b_out = base
        if b_out is None:
            print(f"baseline --time-limit 0: did not return within {b_seconds:.0f} s (stopped)")
        else:
            print(f"baseline --time-limit 0: {b_seconds:.1f} s")
    balance = out["sections"]["balance"]["channels"]
    print("| network | L (edges) | lower bound | proven | weighted L | lower bound | proven |")
    print("|---|---|---|---|---|---|---|")
    for name, c in balance.items():
        f, w = c["frustration"], c["weighted_frustration"]
        print(
            f"| {name} | {f['value']:g} | {f['lower_bound']:g} | {f['optimal']} |"
            f" {w['value']:.2f} | {w['lower_bound']:.2f} | {w['optimal']} |"
        )
    for name, section in out["sections"].items():
        if isinstance(section, dict) and "not_computed" in section:
            print(f"{name}: not computed: {section['not_computed']}")


if __name__ == "__main__":
    main()
