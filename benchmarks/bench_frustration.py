"""Frustration index benchmark: all 51 Correlates of War windows solved exactly, against the
textbook binary program on OR-Tools CP-SAT measured in the same run; then the largest random
signed graph solved exactly within a time budget.

Run ``.venv/bin/python benchmarks/bench_frustration.py [--data ../shared/data/cow-signed-...]
[--workers 4] [--highs] [--budget 10]``.

* **baseline**: per window, the textbook program (``x_i`` camps, one binary ``f_e`` per edge,
  two constraints per edge, nothing fixed, no hint) built and solved by CP-SAT with ``--workers``
  workers, each window to proven optimality (``--highs`` adds the same program on HiGHS);
* **blocs**: ``frustration_index(g)`` (``method="auto"``: reductions, biconnected blocks,
  variable elimination or the program), model building included; plus ablations: every block to
  CP-SAT (``method="ip"``), CP-SAT without the reductions (blocks only), and every block to HiGHS.

Every run is checked against the reference values (``cow_frustration_computed.csv``) and must be
proven optimal. Times are wall-clock seconds for all 51 windows, ratios against the baseline.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import networkx as nx
import numpy as np

from blocs.models.balance import frustration_index
from blocs.models.signed import from_edges, read_edge_csv_windows, signed_edges

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "cow-signed-doreian-mrvar"


def textbook_cpsat(g: nx.Graph, workers: int, time_limit: float) -> tuple[float, bool]:
    """The baseline: textbook binary program on CP-SAT, built from scratch."""
    from ortools.sat.python import cp_model

    e = signed_edges(g)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(e.n)]
    objective = []
    for k, (i, j, s) in enumerate(zip(e.u.tolist(), e.v.tolist(), e.sign.tolist(), strict=True)):
        f = model.new_bool_var(f"f{k}")
        if s > 0:
            model.add(f >= x[i] - x[j])
            model.add(f >= x[j] - x[i])
        else:
            model.add(f >= x[i] + x[j] - 1)
            model.add(f >= 1 - x[i] - x[j])
        objective.append(f)
    model.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    return solver.objective_value, status == cp_model.OPTIMAL


def textbook_highs(g: nx.Graph, time_limit: float) -> tuple[float, bool]:
    """The same program on HiGHS (through SciPy), nothing fixed."""
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    e = signed_edges(g)
    n, m = e.n, e.m
    rows, cols, vals, low = [], [], [], []
    for k, (i, j, s) in enumerate(zip(e.u.tolist(), e.v.tolist(), e.sign.tolist(), strict=True)):
        r = 2 * k
        rows += [r, r, r, r + 1, r + 1, r + 1]
        cols += [n + k, i, j, n + k, i, j]
        vals += [1, -1, s, 1, 1, -s]
        low += [0, 0] if s > 0 else [-1, 1]
    res = milp(
        np.concatenate([np.zeros(n), np.ones(m)]),
        integrality=np.ones(n + m),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(sp.csr_matrix((vals, (rows, cols))), np.array(low), np.inf),
        options={"time_limit": time_limit},
    )
    return float(res.fun), res.status == 0


def run(label: str, graphs: dict[str, nx.Graph], reference: dict[str, int], solve) -> float:
    start = time.perf_counter()
    worst = ("", 0.0)
    for name, g in graphs.items():
        t = time.perf_counter()
        value, optimal = solve(g)
        dt = time.perf_counter() - t
        if dt > worst[1]:
            worst = (name, dt)
        if not optimal or round(value) != reference[name]:
            raise SystemExit(f"{label}: window {name} gave {value} (optimal={optimal})")
    total = time.perf_counter() - start
    print(f"  {label:<44} {total:8.2f} s   (slowest window {worst[0]}: {worst[1]:.2f} s)")
    return total


def random_signed(n: int, degree: float, negative: float, rng: np.random.Generator) -> nx.Graph:
    """G(n, p) with mean degree ``degree``, each edge negative with probability ``negative``."""
    p = min(1.0, degree / (n - 1))
    edges = []
    for i in range(n):
        js = np.flatnonzero(rng.random(n - i - 1) < p) + i + 1
        edges += [(i, int(j), -1 if rng.random() < negative else 1) for j in js]
    return from_edges(edges)


def largest_random(budget: float, degree: float, negative: float, seed: int) -> None:
    print(
        f"\nrandom signed graphs, mean degree {degree:.1f}, {negative:.0%} negative"
        f" (COW-like), solved exactly by frustration_index within {budget:g} s:"
    )
    rng = np.random.default_rng(seed)
    n, best = 40, None
    while True:
        g = random_signed(n, degree, negative, rng)
        t = time.perf_counter()
        r = frustration_index(g, time_limit=budget, seed=0)
        dt = time.perf_counter() - t
        m = g.number_of_edges()
        density = 2 * m / (n * (n - 1))
        print(
            f"  n={n:5d} m={m:6d} density={density:.3f} L={r.value:g} optimal={r.optimal}"
            f" {dt:6.2f} s  [{r.proof}]"
        )
        if not r.optimal or dt > budget:
            break
        best = (n, m, dt)
        n = int(n * 1.25)
    if best:
        print(f"  largest solved within {budget:g} s: n={best[0]}, m={best[1]} ({best[2]:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--highs", action="store_true", help="also time HiGHS (slow)")
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--skip-random", action="store_true")
    args = parser.parse_args()
    graphs = read_edge_csv_windows(args.data / "cow_signed_edges.csv")
    with open(args.data / "cow_frustration_computed.csv", newline="") as fh:
        reference = {r["window"]: int(r["frustration_index_L"]) for r in csv.DictReader(fh)}
    print(f"{len(graphs)} COW windows, {sum(g.number_of_edges() for g in graphs.values())} edges")

    def ours(**kw):
        def solve(g):
            r = frustration_index(g, seed=0, **kw)
            return r.value, r.optimal

        return solve

    base = run(
        f"baseline: textbook CP-SAT, {args.workers} workers",
        graphs,
        reference,
        lambda g: textbook_cpsat(g, args.workers, args.time_limit),
    )
    rows = [
        ("blocs auto (reduce + blocks + elimination)", ours()),
        ("blocs ip (reduce + blocks + CP-SAT)", ours(method="ip")),
        ("blocs ip, no reductions (blocks + CP-SAT)", ours(method="ip", reductions=False)),
        ("blocs ip on HiGHS (reduce + blocks + HiGHS)", ours(method="ip", solver="highs")),
    ]
    if args.highs:
        rows.append(("textbook HiGHS", lambda g: textbook_highs(g, args.time_limit)))
    for label, solve in rows:
        t = run(label, graphs, reference, solve)
        print(f"  {'':<44} ratio baseline/this = {base / t:6.1f}x")
    if not args.skip_random:
        largest_random(args.budget, degree=16.0, negative=0.12, seed=1)


if __name__ == "__main__":
    main()
