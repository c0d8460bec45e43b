"""Landscape theory, the dynamics: single-actor moves, local minima, basins of attraction,
descents, and the result of a full analysis (:func:`landscape`).

See :mod:`blocs.models.landscape` for the model and its conventions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

from blocs.errors import ModelInputError
from blocs.models.landscape.enumeration import (
    _CHUNK,
    MAX_ANALYSIS_ACTORS,
    REL_TOL,
    RULES,
    Rule,
    _as_configs,
    _energies_numpy,
    all_energies,
    check_inputs,
    configurations,
)


# -- moves, minima and basins ----------------------------------------------------------------
def switch_deltas(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    fields: ArrayLike | None = None,
    configs: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """``ΔE[c, k]``: the change of energy when actor ``k`` switches coalition in configuration
    ``c`` (every configuration by default, or the rows of ``configs``).

    With spins ``σ_i = 1 − 2 x_i``, ``ΔE_k = 2 σ_k (Wσ)_k`` plus the field difference.

    >>> switch_deltas([1, 1], [[0, 1], [1, 0]]).tolist()
    [[2.0, 2.0], [-2.0, -2.0], [-2.0, -2.0], [2.0, 2.0]]
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    x = configurations(s.size) if configs is None else _as_configs(configs, s.size)
    return _deltas(x.reshape(-1, s.size), np.outer(s, s) * p, f)


def _deltas(
    x: NDArray[np.uint8], w: NDArray[np.float64], f: NDArray[np.float64] | None
) -> NDArray[np.float64]:
    sigma = 1.0 - 2.0 * x.astype(np.float64)
    d = 2.0 * sigma * (sigma @ w)
    if f is not None:
        df = f[:, 1] - f[:, 0]  # cost of moving 0 -> 1
        d = d + sigma * df[None, :]
    return d


def _tol(w: NDArray[np.float64]) -> float:
    return REL_TOL * float(np.abs(w).sum())


def _check_analysis_size(n: int) -> None:
    if n > MAX_ANALYSIS_ACTORS:
        raise ModelInputError(
            f"sizes: minima and basins are computed over all 2^{n} configurations, which needs"
            f" at most {MAX_ANALYSIS_ACTORS} actors; merge or drop minor actors"
        )


def _steepest_next(w: NDArray[np.float64], f: NDArray[np.float64] | None) -> NDArray[np.int64]:
    """Next configuration under the steepest rule (itself at a local minimum)."""
    n = w.shape[0]
    total = 1 << n
    nxt = np.empty(total, dtype=np.int64)
    tol = _tol(w)
    for start in range(0, total, _CHUNK):
        x = configurations(n, start=start, stop=start + _CHUNK)
        d = _deltas(x, w, f)
        k = np.argmin(d, axis=1)  # first (lowest index) among equal gains
        best = d[np.arange(d.shape[0]), k]
        codes = np.arange(start, start + x.shape[0], dtype=np.int64)
        nxt[start : start + x.shape[0]] = np.where(best < -tol, codes ^ (1 << k), codes)
    return nxt


def _minima_mask(w: NDArray[np.float64], f: NDArray[np.float64] | None) -> NDArray[np.bool_]:
    n = w.shape[0]
    total = 1 << n
    mask = np.empty(total, dtype=bool)
    tol = _tol(w)
    for start in range(0, total, _CHUNK):
        x = configurations(n, start=start, stop=start + _CHUNK)
        mask[start : start + x.shape[0]] = np.all(_deltas(x, w, f) >= -tol, axis=1)
    return mask


def local_minima(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    fields: ArrayLike | None = None,
    reduced: bool | None = None,
) -> NDArray[np.int64]:
    """Numbers of the configurations from which no single switch lowers the energy.

    ``reduced`` (default: when there are no fields) keeps one of each mirror pair, the one with
    actor 0 in coalition 0, and returns its full configuration number.

    >>> local_minima([1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]]).tolist()
    [4]
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    _check_analysis_size(s.size)
    reduced = f is None if reduced is None else reduced
    if reduced and f is not None:
        raise ModelInputError("reduced: the mirror reduction does not hold with fields")
    idx = np.flatnonzero(_minima_mask(np.outer(s, s) * p, f)).astype(np.int64)
    return idx[idx % 2 == 0] if reduced else idx


def _pointer_jump(nxt: NDArray[np.int64]) -> NDArray[np.int64]:
    end = nxt.copy()
    while True:
        step = end[end]
        if np.array_equal(step, end):
            return end
        end = step


def _random_absorption(
    w: NDArray[np.float64], f: NDArray[np.float64] | None, minima: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Probability that the random-rule descent from each configuration ends in each minimum,
    shape ``(2^n, len(minima))``. Exact: every move lowers the energy, so the moves form an
    acyclic graph and iterating ``P ← T P`` reaches its fixed point after the longest descent."""
    from scipy import sparse

    n = w.shape[0]
    total = 1 << n
    rows: list[NDArray[np.int64]] = []
    cols: list[NDArray[np.int64]] = []
    vals: list[NDArray[np.float64]] = []
    for start in range(0, total, _CHUNK):
        x = configurations(n, start=start, stop=start + _CHUNK)
        improving = _deltas(x, w, f) < -_tol(w)
        count = improving.sum(axis=1)
        r, k = np.nonzero(improving)
        codes = start + r.astype(np.int64)
        rows.append(codes)
        cols.append(codes ^ (np.int64(1) << k.astype(np.int64)))
        vals.append(1.0 / count[r])
    t = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(total, total)
    )
    prob = np.zeros((total, minima.size))
    prob[minima, np.arange(minima.size)] = 1.0
    is_min = np.zeros(total, dtype=bool)
    is_min[minima] = True
    for _ in range(total):
        new = t @ prob
        new[is_min] = prob[is_min]
        if np.array_equal(new, prob):
            break
        prob = new
    return prob


def basins(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    rule: Rule = "steepest",
    fields: ArrayLike | None = None,
) -> dict[int, float]:
    """Basin of attraction of every local minimum: ``{configuration number: share}``.

    The share is the fraction of all ``2^n`` configurations whose descent under ``rule`` ends at
    that minimum (probability-weighted for ``"random"``). Without fields, mirror minima are
    merged into the one with actor 0 in coalition 0; the shares sum to 1.

    >>> basins([1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
    {4: 1.0}
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    _check_analysis_size(s.size)
    if rule not in RULES:
        raise ModelInputError(f"rule: '{rule}' is not one of {', '.join(RULES)}")
    w = np.outer(s, s) * p
    total = 1 << s.size
    minima = np.flatnonzero(_minima_mask(w, f)).astype(np.int64)
    mirror = total - 1
    if rule == "steepest":
        end = _pointer_jump(_steepest_next(w, f))
        counts = np.bincount(end, minlength=total)
        share = {int(m): counts[m] / total for m in minima}
    else:
        prob = _random_absorption(w, f, minima)
        share = {int(m): float(prob[:, j].sum()) / total for j, m in enumerate(minima)}
    if f is None:
        merged: dict[int, float] = {}
        for m, v in share.items():
            key = m if m % 2 == 0 else m ^ mirror
            merged[key] = merged.get(key, 0.0) + v
        share = merged
    return {m: float(v) for m, v in sorted(share.items())}


@dataclass(frozen=True)
class Descent:
    """The path of a myopic descent: configuration numbers and energies, first to last."""

    path: tuple[int, ...]
    energies: tuple[float, ...]
    movers: tuple[int, ...]
    rule: str
    seed: int | None

    @property
    def end(self) -> int:
        return self.path[-1]


def _code(x: NDArray[np.uint8]) -> int:
    return int(sum(int(v) << i for i, v in enumerate(x)))


def descend(
    config: ArrayLike,
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    rule: Rule = "steepest",
    fields: ArrayLike | None = None,
    seed: int | np.random.Generator | None = None,
) -> Descent:
    """Myopic descent from ``config`` until no single switch lowers the energy.

    ``rule="random"`` draws the mover uniformly among improving actors with
    ``numpy.random.default_rng(seed)``; an integer seed is recorded in the result.

    >>> p = [[0, 1, -1], [1, 0, -1], [-1, -1, 0]]
    >>> d = descend([0, 1, 0], [1, 1, 1], p)
    >>> d.path, d.energies, d.movers
    ((2, 3), (0.0, -4.0), (0,))
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    if rule not in RULES:
        raise ModelInputError(f"rule: '{rule}' is not one of {', '.join(RULES)}")
    rng = np.random.default_rng(seed)
    w = np.outer(s, s) * p
    x = _as_configs(config, s.size).copy()
    if x.ndim != 1:
        raise ModelInputError("config: give one configuration (a list of 0/1 labels)")
    path = [_code(x)]
    energies = [float(_energies_numpy(x[None, :], w, f)[0])]
    movers: list[int] = []
    for _ in range(1 << min(s.size, 62)):
        d = _deltas(x[None, :], w, f)[0]
        improving = np.flatnonzero(d < -_tol(w))
        if improving.size == 0:
            break
        k = int(np.argmin(d)) if rule == "steepest" else int(rng.choice(improving))
        x[k] ^= 1
        movers.append(k)
        path.append(_code(x))
        energies.append(energies[-1] + float(d[k]))
    return Descent(
        path=tuple(path),
        energies=tuple(energies),
        movers=tuple(movers),
        rule=rule,
        seed=seed if isinstance(seed, int) else None,
    )


def global_minimum(
    sizes: ArrayLike, propensities: ArrayLike, *, fields: ArrayLike | None = None
) -> tuple[int, float]:
    """``(configuration number, energy)`` of the lowest configuration (the first if several;
    without fields, the one with actor 0 in coalition 0).

    >>> global_minimum([1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
    (4, -4.0)
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    e = all_energies(s, p, fields=f)
    c = int(np.argmin(e[::2]) * 2) if f is None else int(np.argmin(e))
    return c, float(e[c])


def favoured_alignments(sizes: ArrayLike, propensities: ArrayLike) -> dict[int, list[int]]:
    """Each actor's favoured configurations: ``{actor index: [configuration numbers]}``, the
    configurations (actor 0 in coalition 0, ascending) in which that actor's frustration is
    lowest. The global minimum is usually nobody's favourite: this is the tension the paper
    describes between each actor's wish and the system's outcome.

    >>> favoured_alignments([1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
    {0: [4], 1: [4], 2: [4]}
    """
    s, p, _ = check_inputs(sizes, propensities)
    n = s.size
    _check_analysis_size(n)
    sp = p * s[None, :]
    best = np.full(n, np.inf)
    found: list[list[int]] = [[] for _ in range(n)]
    half = 1 << (n - 1)
    for start in range(0, half, _CHUNK):
        x = configurations(n, reduced=True, start=start, stop=start + _CHUNK).astype(np.float64)
        # F_i = sum_j s_j p_ij d_ij with d_ij = x_i + x_j - 2 x_i x_j
        f = x * sp.sum(axis=1) + (1.0 - 2.0 * x) * (x @ sp.T)
        codes = 2 * np.arange(start, start + x.shape[0], dtype=np.int64)
        low = f.min(axis=0)
        for i in range(n):
            if low[i] < best[i]:
                best[i] = low[i]
                found[i] = []
            if low[i] == best[i]:
                found[i].extend(int(c) for c in codes[f[:, i] == low[i]])
    return {i: found[i] for i in range(n)}


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Minimum:
    """A local minimum: its configuration, energy, basin share and the two coalitions."""

    configuration: tuple[int, ...]
    number: int
    energy: float
    basin: float
    coalitions: tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class LandscapeResult:
    """Minima (lowest energy first) with basins, the global minimum, and who is always together.

    ``always_together`` lists the groups (two or more actors) that share a coalition in every
    local minimum. ``left_out`` maps actors of a scenario that could not be placed to the reason.
    """

    actors: tuple[str, ...]
    sizes: tuple[float, ...]
    rule: str
    minima: tuple[Minimum, ...]
    global_minimum: Minimum
    always_together: tuple[tuple[str, ...], ...]
    n_configurations: int
    with_fields: bool
    left_out: dict[str, str] = field(default_factory=dict)
    scenario_id: str | None = None
    channel: str | None = None
    energy_convention: str = "ordered pairs: E = sum over i != j of s_i s_j p_ij d_ij"
    #: The size measure in words (name, unit, period), when the sizes came from a scenario.
    size_label: str | None = None
    #: The pair a scenario asks about (target, partner), read in :meth:`reading`.
    focus: tuple[str, str] | None = None

    @property
    def camps(self) -> tuple[tuple[str, ...], ...]:
        """The two coalitions of the global minimum."""
        return self.global_minimum.coalitions

    def together(self, a: str, b: str) -> int:
        """In how many local minima ``a`` and ``b`` share a coalition."""
        return sum(any(a in c and b in c for c in m.coalitions) for m in self.minima)

    def reading(self) -> str:
        """One sentence: the global minimum, and where the focus pair sits across the minima.

        >>> r = landscape([1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]], names="ABC")
        >>> r.reading()
        'Landscape theory: the global minimum is {A, B} against {C} (1 local minimum).'
        """
        sizes = f" (sizes: {self.size_label})" if self.size_label else ""
        n = len(self.minima)
        count = f"{n} local minim{'um' if n == 1 else 'a'}"
        camps = [c for c in self.global_minimum.coalitions if c]
        split = (
            " against ".join(_braces(c) for c in camps)
            if len(camps) > 1
            else f"one coalition of all, {_braces(camps[0] if camps else ())}"
        )
        text = f"Landscape theory{sizes}: the global minimum is {split}"
        if self.focus is not None and all(x in self.actors for x in self.focus):
            t, p = self.focus
            k = self.together(t, p)
            if k == n:
                where = "in the only local minimum" if n == 1 else f"in all {n} local minima"
                return f"{text}; {t} sits with {p} {where}."
            where = "in no local minimum" if k == 0 else f"in {k} of the {n} local minima"
            return f"{text}; {t} sits with {p} {where}."
        return f"{text} ({count})."


def _braces(names: Sequence[str]) -> str:
    return "{" + ", ".join(names) + "}"


def _coalitions(code: int, names: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    zero = tuple(a for i, a in enumerate(names) if not (code >> i) & 1)
    one = tuple(a for i, a in enumerate(names) if (code >> i) & 1)
    return zero, one


def _always_together(minima: Sequence[int], names: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    groups: dict[tuple[int, ...], list[str]] = {}
    for i, a in enumerate(names):
        # the pattern "same side as actor 0 or not" in each minimum identifies the group
        key = tuple(((m >> i) & 1) ^ (m & 1) for m in minima)
        groups.setdefault(key, []).append(a)
    return tuple(tuple(g) for g in groups.values() if len(g) > 1)


def landscape(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    names: Sequence[str] | None = None,
    rule: Rule = "steepest",
    fields: ArrayLike | None = None,
) -> LandscapeResult:
    """The whole landscape: every local minimum with its energy, basin and coalitions.

    >>> r = landscape([1, 1, 1, 1], -(1 - np.eye(4)), names="ABCD")
    >>> len(r.minima), r.minima[0].energy
    (3, -8.0)
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    n = s.size
    _check_analysis_size(n)
    names = [f"actor{i}" for i in range(n)] if names is None else [str(a) for a in names]
    if len(names) != n:
        raise ModelInputError(f"names: need {n} names (one per actor), got {len(names)}")
    share = basins(s, p, rule=rule, fields=f)
    w = np.outer(s, s) * p
    codes = np.array(sorted(share), dtype=np.int64)
    x = configurations(n)[codes] if codes.size else np.zeros((0, n), np.uint8)
    e = _energies_numpy(x, w, f)
    minima = sorted(
        (
            Minimum(
                configuration=tuple(int(v) for v in x[j]),
                number=int(c),
                energy=float(e[j]),
                basin=share[int(c)],
                coalitions=_coalitions(int(c), names),
            )
            for j, c in enumerate(codes)
        ),
        key=lambda m: (m.energy, m.number),
    )
    return LandscapeResult(
        actors=tuple(names),
        sizes=tuple(float(v) for v in s),
        rule=rule,
        minima=tuple(minima),
        global_minimum=minima[0],
        always_together=_always_together([m.number for m in minima], names),
        n_configurations=1 << n,
        with_fields=f is not None,
    )
