"""The structural lens: how far the divider–target tie must move to pull the target out of the
partner's camp in the landscape model.

Landscape theory (Axelrod & Bennett 1993; :mod:`blocs.models.landscape`) splits the actors into
two coalitions of minimal energy ``E(X) = Σ_{i≠j} s_i s_j p_ij d_ij(X)``. Raise the propensity
``t = p_DT`` of the divider ``D`` and the target ``T`` from its value in the scenario ``t0``
towards +1: every configuration's energy is linear in ``t`` with slope ``2 s_D s_T d_DT(X)`` (0
when D and T are together), so the lowest energy among configurations with ``T`` apart from the
partner ``P`` and among those with ``T`` beside ``P`` are both minima of lines with two slopes,
and the flip point

    t* = min { t ∈ [t0, 1] : min_{X: T apart from P} E(X; t) < min_{X: T with P} E(X; t) }

is found exactly from their breakpoints. The lens reports ``δ = t* − t0`` in tie units, the same
question for *all* local minima (the smallest ``t`` at which ``T`` is apart from ``P`` in every
local minimum, found by bisection on a grid, to ``tol``), and the weighted frustration index of
the sized actors' signed network before and after the change (the minimum total weight of
edges that violate a two-camp split; here the landscape energy with unit sizes, halved, plus the
weight of the negative edges).

Money enters only through the ledger's own scale, stated as such: if the ledger's yearly stake of
the target in the partner (``L``, USD a year) corresponds to their net tie ``w_TP``, one tie unit
is worth ``L / w_TP`` a year, and ``δ`` is worth ``δ · L / w_TP``.

Examples
--------
Three actors of equal size; the target is tied +0.5 to the partner, the partner −1 to the
divider; the target joins the divider once its tie to it exceeds 0.5 (by hand: the target's
two options cost ``2·0.5`` and ``2·t`` in energy).

>>> import numpy as np
>>> p = np.array([[0.0, -1.0, 0.0], [-1.0, 0.0, 0.5], [0.0, 0.5, 0.0]])  # D, P, T
>>> r = flip_point([1, 1, 1], p, divider=0, target=2, partner=1)
>>> round(r.tie_after, 6), round(r.change, 6)
(0.5, 0.5)

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211–233.

Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
frustration index in signed networks. *Networks*, 75(1), 95–110.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from blocs.errors import ModelInputError
from blocs.scenario.model import Scenario


@dataclass(frozen=True)
class FlipPoint:
    """Where the divider–target tie must go for the target to leave the partner's camp.

    ``tie_after`` is ``None`` when no tie up to +1 does it (``change`` is then ``None`` too).
    """

    tie_before: float
    tie_after: float | None
    change: float | None
    all_minima_tie_after: float | None
    all_minima_change: float | None
    apart_already: bool


def _lines(
    sizes: np.ndarray, p: np.ndarray, d: int, t: int, part: int, t0: float
) -> tuple[float, float, float, float, float]:
    """Lowest energies at ``t0`` of the four groups (T with/apart from P × D with/apart from
    T), and the slope of the "D apart from T" configurations."""
    from blocs.models.landscape import all_energies, configurations

    n = sizes.size
    e = all_energies(sizes, p, reduced=True)
    x = configurations(n, reduced=True)
    apart_tp = x[:, t] != x[:, part]
    apart_dt = x[:, d] != x[:, t]
    inf = float("inf")

    def low(mask: np.ndarray) -> float:
        return float(e[mask].min()) if mask.any() else inf

    slope = 2.0 * sizes[d] * sizes[t]
    return (
        low(apart_tp & ~apart_dt),
        low(apart_tp & apart_dt),
        low(~apart_tp & ~apart_dt),
        low(~apart_tp & apart_dt),
        slope,
    )


def _global_flip(sizes: np.ndarray, p: np.ndarray, d: int, t: int, part: int) -> float | None:
    t0 = float(p[d, t])
    a0s, a1s, a0w, a1w, c = _lines(sizes, p, d, t, part, t0)

    def f(x: float) -> float:
        apart = min(a0s, a1s + c * (x - t0))
        with_ = min(a0w, a1w + c * (x - t0))
        return apart - with_

    points = {t0, 1.0}
    for a0, a1 in ((a0s, a1s), (a0w, a1w), (a0s, a1w), (a0w, a1s)):
        if np.isfinite(a0) and np.isfinite(a1):
            points.add(t0 + (a0 - a1) / c)
    grid = sorted(x for x in points if t0 <= x <= 1.0)
    if f(grid[0]) < 0:
        return grid[0]
    for lo, hi in itertools.pairwise(grid):
        flo, fhi = f(lo), f(hi)
        if fhi < 0:
            # f is linear on [lo, hi]: the flip is where it crosses zero
            return lo + (hi - lo) * flo / (flo - fhi) if flo != fhi else hi
    return None


def _apart_in_all_minima(sizes: np.ndarray, p: np.ndarray, t: int, part: int) -> bool:
    from blocs.models.landscape import local_minima

    minima = local_minima(sizes, p)
    return bool(minima.size) and all(((m >> t) & 1) != ((m >> part) & 1) for m in minima)


def _all_minima_flip(
    sizes: np.ndarray, p: np.ndarray, d: int, t: int, part: int, *, grid: int, tol: float
) -> float | None:
    t0 = float(p[d, t])

    def ok(x: float) -> bool:
        q = p.copy()
        q[d, t] = q[t, d] = x
        return _apart_in_all_minima(sizes, q, t, part)

    xs = np.linspace(t0, 1.0, grid)
    prev = None
    for x in xs:
        if ok(float(x)):
            if prev is None:
                return float(x)
            lo, hi = prev, float(x)
            while hi - lo > tol:
                mid = (lo + hi) / 2
                lo, hi = (lo, mid) if ok(mid) else (mid, hi)
            return hi
        prev = float(x)
    return None


def flip_point(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    divider: int,
    target: int,
    partner: int,
    grid: int = 41,
    tol: float = 1e-4,
) -> FlipPoint:
    """The smallest divider–target propensity that puts the target apart from the partner in
    the global minimum (exact) and in every local minimum (grid of ``grid`` points, then
    bisection to ``tol``). Indices are positions in ``sizes``."""
    s = np.asarray(sizes, dtype=float)
    p = np.array(propensities, dtype=float)
    if len({divider, target, partner}) != 3:
        raise ModelInputError("divider, target and partner must be three different actors")
    t0 = float(p[divider, target])
    tstar = _global_flip(s, p, divider, target, partner)
    already = tstar is not None and tstar == t0 and _global_apart(s, p, target, partner)
    all_t = _all_minima_flip(s, p, divider, target, partner, grid=grid, tol=tol)
    return FlipPoint(
        tie_before=t0,
        tie_after=None if tstar is None else float(tstar),
        change=None if tstar is None else float(tstar - t0),
        all_minima_tie_after=all_t,
        all_minima_change=None if all_t is None else all_t - t0,
        apart_already=bool(already),
    )


def _global_apart(s: np.ndarray, p: np.ndarray, t: int, part: int) -> bool:
    from blocs.models.landscape import global_minimum

    code, _ = global_minimum(s, p)
    return ((code >> t) & 1) != ((code >> part) & 1)


def frustration_index(propensities: ArrayLike) -> float:
    """The weighted frustration index of a signed network given as a symmetric matrix, solved
    exactly by :func:`blocs.models.balance.frustration_index`.

    >>> frustration_index([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
    1.0
    """
    from blocs.models.balance import frustration_index as exact_frustration
    from blocs.models.signed import from_edges

    p = np.asarray(propensities, dtype=float)
    rows, cols = np.nonzero(np.triu(p, 1))
    graph = from_edges([(int(i), int(j), float(p[i, j])) for i, j in zip(rows, cols, strict=True)])
    graph.add_nodes_from(range(p.shape[0]))
    result = exact_frustration(graph, weighted=True)
    if not result.optimal:  # pragma: no cover - the exact methods always prove optimality
        raise RuntimeError(f"frustration index not proven optimal: {result.proof}")
    return float(result.value)


@dataclass(frozen=True)
class StructuralLens:
    """The structural lens on one wedge question (see the module docstring)."""

    divider: str
    target: str
    partner: str
    actors: tuple[str, ...]
    flip: FlipPoint
    partner_tie: float
    frustration_before: float
    frustration_after: float | None
    usd_per_tie_unit: float | None
    price_equivalent: float | None
    all_minima_price_equivalent: float | None
    scale_note: str
    left_out: dict[str, str]


def structural_lens(
    scenario: Scenario,
    *,
    divider: str,
    target: str,
    partner: str,
    stake_yearly: float | None = None,
    channel: str | None = None,
    grid: int = 41,
    tol: float = 1e-4,
) -> StructuralLens:
    """The flip point of the divider–target tie in the scenario's landscape (sizes from its
    ``size_attribute``, propensities its net ties in ``channel`` or overall), with the money
    equivalent on the ledger's scale when ``stake_yearly`` (USD a year) is given."""
    from blocs.models.landscape import landscape_inputs

    li = landscape_inputs(scenario, channel)
    index = {a: i for i, a in enumerate(li.actors)}
    for role, actor in (("divider", divider), ("target", target), ("partner", partner)):
        if actor not in index:
            why = li.left_out.get(actor, "not in the scenario")
            raise ModelInputError(f"{role}: actor '{actor}' is not in the landscape ({why})")
    d, t, part = index[divider], index[target], index[partner]
    flip = flip_point(
        li.sizes, li.propensities, divider=d, target=t, partner=part, grid=grid, tol=tol
    )
    before = frustration_index(li.propensities)
    after = None
    if flip.tie_after is not None:
        q = li.propensities.copy()
        q[d, t] = q[t, d] = flip.tie_after
        after = frustration_index(q)
    w_tp = float(li.propensities[t, part])
    per_unit = equiv = all_equiv = None
    if stake_yearly is not None and w_tp > 0:
        per_unit = stake_yearly / w_tp
        if flip.change is not None:
            equiv = float(flip.change * per_unit)
        if flip.all_minima_change is not None:
            all_equiv = flip.all_minima_change * per_unit
        note = (
            f"money on the ledger's scale: the target's yearly stake in the partner (median"
            f" {stake_yearly:.3g} USD/yr) is taken to correspond to their net tie ({w_tp:+.2f}),"
            f" so one tie unit ≈ {per_unit:.3g} USD/yr; this is a translation, not a"
            " second estimate"
        )
    elif w_tp <= 0:
        note = f"no money equivalent: the target–partner net tie is {w_tp:+.2f} (not positive)"
    else:
        note = "no money equivalent: no ledger stake given"
    return StructuralLens(
        divider=divider,
        target=target,
        partner=partner,
        actors=li.actors,
        flip=flip,
        partner_tie=w_tp,
        frustration_before=before,
        frustration_after=after,
        usd_per_tie_unit=per_unit,
        price_equivalent=equiv,
        all_minima_price_equivalent=all_equiv,
        scale_note=note,
        left_out=dict(li.left_out),
    )
