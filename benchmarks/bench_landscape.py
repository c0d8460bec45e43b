"""Landscape enumeration speed: configurations per second for n = 16, 20, 24 actors.

Baseline (measured in the same run): the plain NumPy matrix form, all configurations as a 0/1
matrix in chunks, energy by matrix products (``method="numpy"``). Compared with it:

* ``split``: NumPy, meet in the middle (one matrix product gives every cross term);
* ``gray``: compiled (numba) Gray-code walk, O(n) update per configuration, parallel blocks;
* ``split-gray``: compiled, meet in the middle with a Gray-code walk over the low half, O(1)
  update per configuration.

Run: ``.venv/bin/python benchmarks/bench_landscape.py [--repeat 3]``. The baseline at n = 24 is
timed on its first 2^21 configurations (its cost per configuration does not depend on how many
are enumerated), the others on all of them.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from blocs.models import landscape as L
from blocs.models._landscape_kernel import HAVE_NUMBA
from blocs.models.landscape import enumeration as E

BASELINE_LIMIT = 1 << 21


def problem(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 100, n).astype(float)
    p = np.triu(rng.integers(-2, 3, (n, n)), 1).astype(float)
    return sizes, p + p.T


def baseline_rate(w: np.ndarray, repeat: int) -> float:
    n = w.shape[0]
    total = min(1 << n, BASELINE_LIMIT)
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        for lo in range(0, total, E._CHUNK):
            E._energies_numpy(L.configurations(n, start=lo, stop=lo + E._CHUNK), w, None)
        best = min(best, time.perf_counter() - start)
    return total / best


def rate(sizes: np.ndarray, p: np.ndarray, method: str, repeat: int) -> float:
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        L.all_energies(sizes, p, method=method)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return (1 << sizes.size) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 20, 24])
    args = parser.parse_args()
    methods = ["split"] + (["gray", "split-gray"] if HAVE_NUMBA else [])
    if HAVE_NUMBA:  # compile once before timing
        warm_s, warm_p = problem(10)
        for m in ("gray", "split-gray"):
            L.all_energies(warm_s, warm_p, method=m)  # type: ignore[arg-type]
    print(f"{'n':>3} {'method':>11} {'Mconf/s':>9} {'x baseline':>11}")
    for n in args.sizes:
        sizes, p = problem(n)
        base = baseline_rate(np.outer(sizes, sizes) * p, args.repeat)
        print(f"{n:>3} {'numpy':>11} {base / 1e6:>9.1f} {1.0:>11.1f}")
        reference = L.all_energies(sizes[:14], p[:14, :14], method="numpy")
        for m in methods:
            got = L.all_energies(sizes[:14], p[:14, :14], method=m)  # type: ignore[arg-type]
            assert np.array_equal(got, reference), m
            r = rate(sizes, p, m, args.repeat)
            print(f"{n:>3} {m:>11} {r / 1e6:>9.1f} {r / base:>11.1f}")


if __name__ == "__main__":
    main()
