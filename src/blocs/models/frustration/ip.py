"""The frustration index as a binary program, on OR-Tools CP-SAT or HiGHS.

Variables: ``x_i ∈ {0, 1}`` (the camp of node ``i``) and ``f_e ∈ {0, 1}`` (edge ``e`` is
frustrated). Minimise ``Σ_e w_e f_e`` subject to, for a positive edge ``uv``,
``f_e ≥ x_u − x_v`` and ``f_e ≥ x_v − x_u``, and for a negative edge ``f_e ≥ x_u + x_v − 1`` and
``f_e ≥ 1 − x_u − x_v`` (the formulation of Aref, Mason & Wilson 2018). The mirror symmetry is
broken by fixing the camp of the node of highest degree, and a labelling (for example the local
search's) can be given as a solution hint.

Triangle cuts (``triangle_cuts=True``): every unbalanced triangle has at least one frustrated
edge, ``f_1 + f_2 + f_3 ≥ 1``, added as a clause. Valid for every partition, they tighten the
linear relaxation. (The other parity patterns of a triangle, such as "a balanced triangle never
has exactly one frustrated edge", are valid too but measured slower on the COW windows, whose
dense alliance blocks hold thousands of balanced triangles.)

CP-SAT runs a portfolio of subsolvers, one per worker. Measured on random signed graphs of the
COW windows' mean degree, the LP-heavy ones prove optimality fastest, so the portfolio is chosen
in this order: ``max_lp``, ``reduced_costs``, ``core``, ``quick_restart``, ``default_lp``,
``no_lp`` (``workers`` of them; the default 2 matches a 2-core machine).

CP-SAT needs integer costs: costs are scaled by the least power of ten (up to ``10^6``) that makes
them integral, and otherwise the program goes to HiGHS (through :func:`scipy.optimize.milp`).

References
----------
Aref, S., Mason, A. J., & Wilson, M. C. (2018). Computing the line index of balance using integer
programming optimisation. In B. Goldengorin (Ed.), *Optimization Problems in Graph Theory*
(pp. 65–84). Springer. https://doi.org/10.1007/978-3-319-94830-0_3

Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
frustration index in signed networks. *Networks*, 75(1), 95–110.
https://doi.org/10.1002/net.21907

Examples
--------
>>> import numpy as np
>>> r = solve_ip(3, np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1.0, 1.0, -1.0]))
>>> r.value, r.optimal, r.status
(1.0, True, 'OPTIMAL')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from blocs.errors import ModelInputError
from blocs.models.frustration.bounds import unbalanced_triangles

Solver = Literal["cpsat", "highs"]


@dataclass(frozen=True)
class IPResult:
    """A solved binary program: labels (±1), value, proven bound, solver and its status."""

    labels: np.ndarray
    value: float
    bound: float
    optimal: bool
    solver: str
    status: str


def integer_scale(costs: np.ndarray, max_digits: int = 6) -> int | None:
    """The least power of ten turning ``costs`` into integers, or ``None``."""
    for digits in range(max_digits + 1):
        scaled = costs * 10**digits
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return 10**digits
    return None


def _root(n: int, u: np.ndarray, v: np.ndarray) -> int:
    degree = np.bincount(np.concatenate([u, v]), minlength=n)
    return int(np.argmax(degree))


def solve_ip(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    a: np.ndarray,
    *,
    solver: Solver = "cpsat",
    time_limit: float | None = None,
    hint: np.ndarray | None = None,
    workers: int = 2,
    triangle_cuts: bool = True,
    max_cuts: int = 400_000,
) -> IPResult:
    """Solve the binary program for signed costs ``a``; ``hint`` is a ±1 labelling.

    ``triangle_cuts`` adds a clause per unbalanced triangle (CP-SAT) unless there are more than
    ``max_cuts`` of them.
    """
    costs = np.abs(np.asarray(a, dtype=np.float64))
    scale = integer_scale(costs) if solver == "cpsat" else None
    if solver == "cpsat" and scale is not None:
        cuts = unbalanced_triangles(n, u, v, a) if triangle_cuts else []
        if len(cuts) > max_cuts:
            cuts = []
        return _cpsat(n, u, v, a, scale, time_limit, hint, workers, cuts)
    return _highs(n, u, v, a, time_limit, hint)


def _labels_value(x: np.ndarray, u: np.ndarray, v: np.ndarray, a: np.ndarray) -> float:
    return float(np.abs(a)[(x[u] * x[v] * np.sign(a)) < 0].sum())


PORTFOLIO = ("max_lp", "reduced_costs", "core", "quick_restart", "default_lp", "no_lp")


def _cpsat(n, u, v, a, scale, time_limit, hint, workers, cuts) -> IPResult:  # type: ignore[no-untyped-def]
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(n)]
    weights = np.round(np.abs(a) * scale).astype(np.int64).tolist()
    terms = []
    f_vars = []
    for e, (i, j) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        f = model.new_bool_var(f"f{e}")
        if a[e] > 0:
            model.add(f >= x[i] - x[j])
            model.add(f >= x[j] - x[i])
        else:
            model.add(f >= x[i] + x[j] - 1)
            model.add(f >= 1 - x[i] - x[j])
        f_vars.append(f)
        terms.append(weights[e] * f)
    for t in cuts:
        model.add_bool_or([f_vars[k] for k in t])
    model.add(x[_root(n, u, v)] == 0)
    model.minimize(sum(terms))
    if hint is not None:
        h = np.where(np.asarray(hint) >= 0, 1, -1)
        if h[_root(n, u, v)] > 0:
            h = -h  # the root sits in camp 0 (label −1)
        for i in range(n):
            model.add_hint(x[i], bool(h[i] > 0))
        frustrated = (h[u] * h[v] * np.sign(a)) < 0
        for e, f in enumerate(f_vars):
            model.add_hint(f, bool(frustrated[e]))
    solver = cp_model.CpSolver()
    workers = max(1, int(workers))
    solver.parameters.num_workers = workers
    if workers <= len(PORTFOLIO):
        solver.parameters.subsolvers.extend(PORTFOLIO[:workers])
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = float(time_limit)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if hint is None or status == cp_model.INFEASIBLE:  # pragma: no cover - never without hint
            raise ModelInputError(f"CP-SAT found no solution (status {name}); raise the time limit")
        # the time limit bound before CP-SAT kept a solution: the hint is the best found
        labels = np.where(np.asarray(hint) >= 0, 1, -1).astype(np.int64)
        value = _labels_value(labels, u, v, a)
        bound = max(0.0, min(value, float(solver.best_objective_bound) / scale))
        return IPResult(labels, value, bound, False, "cpsat", name)
    labels = np.array([1 if solver.boolean_value(xi) else -1 for xi in x], dtype=np.int64)
    value = _labels_value(labels, u, v, a)
    optimal = status == cp_model.OPTIMAL
    if not optimal and hint is not None:  # stopped early: keep the better of solution and hint
        start = np.where(np.asarray(hint) >= 0, 1, -1).astype(np.int64)
        if _labels_value(start, u, v, a) < value:
            labels, value = start, _labels_value(start, u, v, a)
    bound = value if optimal else min(value, float(solver.best_objective_bound) / scale)
    return IPResult(labels, value, bound, optimal, "cpsat", name)


def _highs(n, u, v, a, time_limit, hint=None) -> IPResult:  # type: ignore[no-untyped-def]
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    m = len(u)
    c = np.concatenate([np.zeros(n), np.abs(a)])
    rows, cols, vals, lower = [], [], [], []
    r = 0
    for e, (i, j) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        fe = n + e
        if a[e] > 0:  # f - x_i + x_j >= 0 ; f + x_i - x_j >= 0
            rows += [r, r, r, r + 1, r + 1, r + 1]
            cols += [fe, i, j, fe, i, j]
            vals += [1, -1, 1, 1, 1, -1]
            lower += [0, 0]
        else:  # f - x_i - x_j >= -1 ; f + x_i + x_j >= 1
            rows += [r, r, r, r + 1, r + 1, r + 1]
            cols += [fe, i, j, fe, i, j]
            vals += [1, -1, -1, 1, 1, 1]
            lower += [-1, 1]
        r += 2
    matrix = sp.csr_matrix((vals, (rows, cols)), shape=(r, n + m))
    lb = np.zeros(n + m)
    ub = np.ones(n + m)
    ub[_root(n, u, v)] = 0.0
    options: dict[str, float | bool] = {"disp": False}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = milp(
        c,
        integrality=np.ones(n + m),
        bounds=Bounds(lb, ub),
        constraints=LinearConstraint(matrix, np.array(lower, float), np.inf),
        options=options,
    )
    if res.x is None:
        if hint is None:
            raise ModelInputError(f"HiGHS found no solution ({res.message}); raise the time limit")
        # the time limit bound before HiGHS found a solution: the hint is the best found
        labels = np.where(np.asarray(hint) >= 0, 1, -1).astype(np.int64)
        value = _labels_value(labels, u, v, a)
        bound = min(value, float(getattr(res, "mip_dual_bound", 0.0) or 0.0))
        return IPResult(labels, value, max(0.0, bound), False, "highs", str(res.message))
    labels = np.where(res.x[:n] > 0.5, 1, -1).astype(np.int64)
    value = _labels_value(labels, u, v, a)
    optimal = res.status == 0
    bound = value if optimal else float(getattr(res, "mip_dual_bound", 0.0) or 0.0)
    return IPResult(labels, value, bound, optimal, "highs", "OPTIMAL" if optimal else res.message)
