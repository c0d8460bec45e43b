"""Bargaining models: one BDM round against a plain-Python round of the same model, and (with
``--deu FILE``) every DEU III issue through every model.

Baseline (measured in the same run): ``plain_round`` in ``tests/models/bargaining/bdm_plain.py``,
the same round (Scholz form, default options) written with Python loops and no NumPy. Both are
checked to give the same positions before they are timed.

Run: ``.venv/bin/python benchmarks/bench_bargaining.py [--repeat 5]
[--deu ../shared/data/deu3/deu3.csv]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from blocs.models.bargaining.bdm import bdm_round

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "models" / "bargaining"))
from bdm_plain import plain_round

SCHOLZ = (
    np.array([4, 7, 4, 4, 10, 10, 10, 7, 4, 7], dtype=float),
    np.array([0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08]),
    np.array([0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7]),
    6.0,
)


def _best(fn, repeat: int, inner: int) -> float:
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        best = min(best, (time.perf_counter() - start) / inner)
    return best


def bench_round(repeat: int) -> None:
    rng = np.random.default_rng(0)
    cases = {"Scholz example (n=10)": SCHOLZ}
    for n in (30, 60):
        cases[f"random (n={n})"] = (
            rng.integers(0, 101, n).astype(float),
            rng.random(n),
            rng.random(n),
            100.0,
        )
    print(f"{'BDM round':<24} {'plain Python':>13} {'NumPy':>10} {'ratio':>7}")
    for label, (x, c, s, width) in cases.items():
        want = plain_round(list(x), list(c), list(s), width)
        assert np.allclose(bdm_round(x, c, s, width), want, atol=1e-12)
        plain = _best(lambda: plain_round(list(x), list(c), list(s), width), repeat, 3)  # noqa: B023
        fast = _best(lambda: bdm_round(x, c, s, width), repeat, 50)  # noqa: B023
        print(f"{label:<24} {plain * 1e3:>10.2f} ms {fast * 1e3:>7.3f} ms {plain / fast:>6.0f}x")


def bench_deu(path: Path) -> None:
    from blocs.models.bargaining.files import read_deu
    from blocs.models.bargaining.scoring import MODELS

    data = read_deu(path)
    inputs = [
        i.bargaining_input(equal_capabilities=eq) for eq in (False, True) for i in data.issues
    ]
    total = 0.0
    print(f"every DEU III issue ({len(data.issues)}) x both capability settings:")
    for name, fn in MODELS.items():
        start = time.perf_counter()
        for inp in inputs:
            fn(inp)
        took = time.perf_counter() - start
        total += took
        print(f"  {name:<14} {took:7.2f} s")
    print(f"  {'all models':<14} {total:7.2f} s (goal < 5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--deu", type=Path, default=None)
    args = parser.parse_args()
    bench_round(args.repeat)
    if args.deu:
        bench_deu(args.deu)


if __name__ == "__main__":
    main()
