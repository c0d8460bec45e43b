"""Landscape theory of aggregation (Axelrod & Bennett 1993): two coalitions of minimal energy.

Actors ``i = 0 … n-1`` have sizes ``s_i > 0`` and symmetric pairwise propensities ``p_ij``
(positive: they want to be together; zero diagonal). A *configuration* ``X`` puts every actor in
coalition 0 or 1; ``d_ij(X) = 1`` when ``i`` and ``j`` are apart, else 0. Then

* frustration of actor ``i``: ``F_i(X) = Σ_j s_j p_ij d_ij(X)``;
* energy: ``E(X) = Σ_i s_i F_i(X) = Σ_{i≠j} s_i s_j p_ij d_ij(X)``, summed over **ordered** pairs
  (every split pair counts twice). This is the convention of the paper and of the Furnas–Axelrod
  Syria calculations, whose ``Energy`` column this module reproduces exactly; their per-actor
  "frustration" columns are ``s_i F_i``.

Actors move myopically: one actor at a time switches coalition when that lowers the energy
(equivalently its own frustration, since ``ΔE = 2 s_k ΔF_k``). A *local minimum* is a
configuration from which no single switch lowers the energy (a switch that leaves it unchanged is
allowed, so plateaus count as minima). Which actor moves when several could is left open by the
paper and is the ``rule`` parameter: ``"steepest"`` (the switch that lowers the energy most; ties
go to the lowest actor index) or ``"random"`` (a uniformly random improving actor). The *basin*
of a minimum is the share of all ``2^n`` configurations whose descent ends there; under the
random rule a configuration counts with the probability that its descent ends there (computed
exactly, not sampled).

Galam (1996) criticised the model for ignoring actors' given attachment to existing blocs and
added external fields. ``fields`` (shape ``(n, 2)``) adds ``fields[i, c]`` to the energy when
actor ``i`` sits in coalition ``c``; Galam's field ``h_i`` favouring coalition 0 is
``fields[i] = (-h_i, +h_i)``. The default (``None``) is the plain model.

Configurations are numbered by bits: in configuration ``c`` actor ``i`` is in coalition
``(c >> i) & 1``. Without fields a configuration and its mirror image (every actor switched) are
the same split with the same energy; the *reduced* enumeration keeps the ``2^(n-1)``
configurations that put actor 0 in coalition 0, in the order ``c = 0, 2, 4, …`` (so
``all_energies(..., reduced=True) == all_energies(...)[::2]``).

Examples
--------
Two friends and a common enemy: the enemy ends up alone.

>>> import numpy as np
>>> p = np.array([[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
>>> result = landscape([1, 1, 1], p, names=["A", "B", "C"])
>>> [sorted(c) for c in result.global_minimum.coalitions]
[['A', 'B'], ['C']]
>>> result.global_minimum.energy
-4.0
>>> all_energies([1, 1, 1], p, reduced=True).tolist()
[0.0, 0.0, -4.0, 0.0]

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211–233. https://doi.org/10.1017/S000712340000973X

Galam, S. (1996). Fragmentation versus stability in bimodal coalitions. *Physica A*, 230(1–2),
174–188. https://doi.org/10.1016/0378-4371(96)00036-1
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from blocs.errors import ModelInputError

if TYPE_CHECKING:
    from blocs.scenario.model import Scenario

Rule = Literal["steepest", "random"]
Method = Literal["auto", "numpy", "split", "gray", "split-gray"]
RULES: tuple[str, ...] = ("steepest", "random")
METHODS: tuple[str, ...] = ("auto", "numpy", "split", "gray", "split-gray")

#: Largest number of actors for which minima and basins are computed over all configurations.
MAX_ANALYSIS_ACTORS = 20
#: Largest number of actors :func:`all_energies` enumerates (2^30 energies take 8 GiB).
MAX_ENUMERATION_ACTORS = 30
_CHUNK = 1 << 16
#: A switch counts as lowering the energy only if it does so by more than ``REL_TOL · Σ|w_ij|``
#: (a numerical choice, not the paper's: it keeps float noise from splitting a plateau).
REL_TOL = 1e-12


# -- inputs ----------------------------------------------------------------------------------
def check_inputs(
    sizes: ArrayLike, propensities: ArrayLike, fields: ArrayLike | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64] | None]:
    """Validate and convert the inputs; raise :class:`ModelInputError` naming what is wrong.

    Sizes must be finite and non-negative; propensities a square, finite, symmetric matrix with
    a zero diagonal matching the sizes; fields (if given) finite with shape ``(n, 2)``.

    >>> s, p, f = check_inputs([1, 2], [[0, 1], [1, 0]])
    >>> p.tolist(), f is None
    ([[0.0, 1.0], [1.0, 0.0]], True)
    """
    s = np.asarray(sizes, dtype=float)
    p = np.asarray(propensities, dtype=float)
    if s.ndim != 1 or s.size < 2:
        raise ModelInputError(f"sizes: need a list of at least two numbers, got shape {s.shape}")
    n = s.size
    if not np.all(np.isfinite(s)) or np.any(s < 0):
        raise ModelInputError("sizes: every size must be a finite number >= 0")
    if p.shape != (n, n):
        raise ModelInputError(
            f"propensities: need an {n}x{n} matrix (one row and column per actor), got {p.shape}"
        )
    if not np.all(np.isfinite(p)):
        raise ModelInputError("propensities: every entry must be a finite number")
    if np.any(np.diag(p) != 0):
        i = int(np.flatnonzero(np.diag(p) != 0)[0])
        raise ModelInputError(
            f"propensities: the diagonal must be zero (row {i} has {p[i, i]:g}); an actor has"
            " no propensity towards itself"
        )
    asym = np.argwhere(p != p.T)
    if asym.size:
        i, j = (int(v) for v in asym[0])
        raise ModelInputError(
            f"propensities: must be symmetric, but p[{i},{j}] = {p[i, j]:g} and"
            f" p[{j},{i}] = {p[j, i]:g}; average the two or fix the input"
        )
    f = None
    if fields is not None:
        f = np.asarray(fields, dtype=float)
        if f.shape != (n, 2):
            raise ModelInputError(
                f"fields: need shape ({n}, 2) (one cost per actor per coalition), got {f.shape}"
            )
        if not np.all(np.isfinite(f)):
            raise ModelInputError("fields: every entry must be a finite number")
    return s, p, f


def weights(sizes: ArrayLike, propensities: ArrayLike) -> NDArray[np.float64]:
    """The coupling matrix ``w_ij = s_i s_j p_ij`` (validated).

    >>> weights([1, 2], [[0, -1], [-1, 0]]).tolist()
    [[0.0, -2.0], [-2.0, 0.0]]
    """
    s, p, _ = check_inputs(sizes, propensities)
    return np.outer(s, s) * p


def configurations(n: int, *, reduced: bool = False, start: int = 0, stop: int | None = None):
    """Configurations as a 0/1 matrix, one row each, in the module's order.

    Row ``r`` is configuration ``c = r`` (or ``c = 2r`` when ``reduced``); column ``i`` is the
    coalition of actor ``i``. ``start``/``stop`` select a range of rows.

    >>> configurations(2).tolist()
    [[0, 0], [1, 0], [0, 1], [1, 1]]
    >>> configurations(2, reduced=True).tolist()
    [[0, 0], [0, 1]]
    """
    total = 1 << (n - 1 if reduced else n)
    stop = total if stop is None else min(stop, total)
    codes = np.arange(start, stop, dtype=np.int64)
    if reduced:
        codes = codes << 1
    return ((codes[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.uint8)


def _as_configs(config: ArrayLike, n: int) -> NDArray[np.uint8]:
    x = np.asarray(config)
    if x.shape[-1:] != (n,) or x.ndim not in (1, 2):
        raise ModelInputError(f"config: need {n} coalition labels per configuration, got {x.shape}")
    if not np.all((x == 0) | (x == 1)):
        raise ModelInputError("config: coalition labels must be 0 or 1")
    return x.astype(np.uint8)


def energy(
    config: ArrayLike, sizes: ArrayLike, propensities: ArrayLike, *, fields: ArrayLike | None = None
) -> Any:
    """Energy ``E(X)`` of one configuration (a float) or of each row of a 0/1 matrix.

    >>> energy([0, 0, 1], [1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]])
    -4.0
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    x = _as_configs(config, s.size)
    e = _energies_numpy(x.reshape(-1, s.size), np.outer(s, s) * p, f)
    return float(e[0]) if x.ndim == 1 else e


def frustration(
    config: ArrayLike, sizes: ArrayLike, propensities: ArrayLike
) -> NDArray[np.float64]:
    """Each actor's frustration ``F_i(X) = Σ_j s_j p_ij d_ij(X)``.

    >>> frustration([0, 0, 1], [1, 1, 1], [[0, 1, -1], [1, 0, -1], [-1, -1, 0]]).tolist()
    [-1.0, -1.0, -2.0]
    """
    s, p, _ = check_inputs(sizes, propensities)
    x = _as_configs(config, s.size).astype(float)
    apart = x[..., :, None] != x[..., None, :]
    return (p * s[None, :] * apart).sum(axis=-1)


# -- enumeration -----------------------------------------------------------------------------
def _energies_numpy(
    x: NDArray[np.uint8], w: NDArray[np.float64], f: NDArray[np.float64] | None
) -> NDArray[np.float64]:
    """Matrix form: with 0/1 rows x, E = 2 x·r − 2 xᵀWx, r the row sums of W."""
    xf = x.astype(np.float64)
    e = 2.0 * (xf @ w.sum(axis=1)) - 2.0 * np.einsum("ij,ij->i", xf @ w, xf)
    if f is not None:
        e = e + f[:, 0].sum() + xf @ (f[:, 1] - f[:, 0])
    return e


def _all_numpy(w: NDArray[np.float64], f: NDArray[np.float64] | None) -> NDArray[np.float64]:
    n = w.shape[0]
    total = 1 << n
    out = np.empty(total)
    for start in range(0, total, _CHUNK):
        out[start : start + _CHUNK] = _energies_numpy(
            configurations(n, start=start, stop=start + _CHUNK), w, f
        )
    return out


def _split_parts(
    w: NDArray[np.float64], f: NDArray[np.float64] | None
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Meet in the middle: with the low ``k = n // 2`` actors' configuration ``lo`` and the high
    ones' ``hi``, ``E = a[lo] + b[hi] + x_lo · c[hi]``. Returns ``a, b, c, x_lo``."""
    n = w.shape[0]
    k = n // 2
    lo = configurations(k).astype(np.float64)
    hi = configurations(n - k).astype(np.float64)
    r = w.sum(axis=1)
    w_ll, w_hh, w_lh = w[:k, :k], w[k:, k:], w[:k, k:]
    a = 2.0 * (lo @ r[:k]) - 2.0 * np.einsum("ij,ij->i", lo @ w_ll, lo)
    b = 2.0 * (hi @ r[k:]) - 2.0 * np.einsum("ij,ij->i", hi @ w_hh, hi)
    if f is not None:
        df = f[:, 1] - f[:, 0]
        a = a + lo @ df[:k] + f[:, 0].sum()
        b = b + hi @ df[k:]
    c = hi @ (-4.0 * w_lh.T)
    return a, b, c, lo


def _all_split(w: NDArray[np.float64], f: NDArray[np.float64] | None) -> NDArray[np.float64]:
    """Meet in the middle in NumPy: the cross term of all configurations is one matrix product,
    so each energy costs a few additions."""
    a, b, c, lo = _split_parts(w, f)
    out = c @ lo.T  # (2^(n-k), 2^k): row = high actors, column = low actors
    out += b[:, None]
    out += a[None, :]
    return out.reshape(-1)


def _all_energies_w(
    w: NDArray[np.float64], f: NDArray[np.float64] | None, method: str
) -> NDArray[np.float64]:
    if method not in METHODS:
        raise ModelInputError(f"method: '{method}' is not one of {', '.join(METHODS)}")
    compiled = _gray_available()
    if method in ("gray", "split-gray") and not compiled:
        raise ModelInputError(f"method: '{method}' needs numba (pip install 'blocs[fast]')")
    if method == "auto":  # the compiled engines gain little over "split" (benchmarks/README.md)
        method = "split"
    if method == "gray":
        from blocs.models._landscape_kernel import all_energies_gray

        return all_energies_gray(w, f)
    if method == "split-gray":
        from blocs.models._landscape_kernel import all_energies_split_gray

        a, b, c, _ = _split_parts(w, f)
        return all_energies_split_gray(a, b, c)
    if method == "numpy" or w.shape[0] < 2:
        return _all_numpy(w, f)
    return _all_split(w, f)


def _gray_available() -> bool:
    from blocs.models._landscape_kernel import HAVE_NUMBA

    return HAVE_NUMBA


def all_energies(
    sizes: ArrayLike,
    propensities: ArrayLike,
    *,
    fields: ArrayLike | None = None,
    reduced: bool = False,
    method: Method = "auto",
) -> NDArray[np.float64]:
    """The energy of every configuration, indexed by configuration number.

    ``reduced`` keeps the ``2^(n-1)`` configurations with actor 0 in coalition 0 (see the module
    docstring; not allowed with ``fields``, which break the mirror symmetry). ``method`` picks the
    engine: ``"numpy"`` (the plain matrix form, chunked), ``"split"`` (NumPy, meet in the middle;
    what ``"auto"`` uses), or the compiled ones that need numba (``pip install 'blocs[fast]'``):
    ``"gray"`` (Gray-code walk, O(n) per configuration) and ``"split-gray"`` (meet in the middle
    with a Gray-code walk over the low half, O(1) per configuration). All give the same numbers
    (exactly so for integer inputs).

    >>> all_energies([1, 2], [[0, -1], [-1, 0]]).tolist()
    [0.0, -4.0, -4.0, 0.0]
    """
    s, p, f = check_inputs(sizes, propensities, fields)
    n = s.size
    if n > MAX_ENUMERATION_ACTORS:
        raise ModelInputError(
            f"sizes: {n} actors give 2^{n} configurations, more than this enumeration handles"
            f" (at most {MAX_ENUMERATION_ACTORS} actors); merge or drop minor actors"
        )
    if reduced and f is not None:
        raise ModelInputError("reduced: the mirror reduction does not hold with fields; use all")
    e = _all_energies_w(np.outer(s, s) * p, f, method)
    return e[::2].copy() if reduced else e


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


@dataclass(frozen=True)
class LandscapeInputs:
    """Sizes and propensities taken from a scenario, with the actors left out and why."""

    actors: tuple[str, ...]
    sizes: NDArray[np.float64]
    propensities: NDArray[np.float64]
    left_out: dict[str, str]
    scenario_id: str
    channel: str | None
    size_attribute: str | None


def landscape_inputs(scenario: Scenario, channel: str | None = None) -> LandscapeInputs:
    """Sizes from ``scenario.sizes()`` (its ``size_attribute``) and propensities from its net
    ties in ``channel`` (or overall; 0 where untied). Blocs and actors without a size are left
    out, each with the reason, and so are actors with no tie to any other sized actor (each
    would only double the number of equivalent minima)."""
    from blocs.scenario.model import ActorKind
    from blocs.scenario.network import channel_name, net_ties, tie_matrix

    channel = channel_name(channel)
    sizes = scenario.sizes()
    left_out: dict[str, str] = {}
    actors: list[str] = []
    for a in scenario.actors:
        if a.kind == ActorKind.bloc:
            left_out[a.id] = "a bloc (a grouping, not a party to alignment)"
        elif a.id not in sizes:
            what = scenario.size_attribute or "size_attribute (the scenario declares none)"
            left_out[a.id] = f"no size: missing attribute {what}"
        else:
            actors.append(a.id)
    if len(actors) < 2:
        raise ModelInputError(
            f"scenario '{scenario.id}': fewer than two actors have a size"
            f" (size_attribute: {scenario.size_attribute or 'not set'}); give sizes to the actors"
        )
    ties = {
        (a, b): v for (a, b), v in net_ties(scenario, channel).items() if a in sizes and b in sizes
    }
    tied = {a for pair, v in ties.items() if v != 0.0 for a in pair}
    for a in [a for a in actors if a not in tied]:
        left_out[a] = "no tie to another sized actor (indifferent to every alignment)"
        actors.remove(a)
    if len(actors) < 2:
        raise ModelInputError(
            f"scenario '{scenario.id}': fewer than two sized actors have ties"
            f" in channel {channel or 'overall'}; add ties or choose another channel"
        )
    return LandscapeInputs(
        actors=tuple(actors),
        sizes=np.array([sizes[a] for a in actors], dtype=float),
        propensities=tie_matrix(scenario, actors, channel),
        left_out=left_out,
        scenario_id=scenario.id,
        channel=channel,
        size_attribute=scenario.size_attribute,
    )


def landscape_from_scenario(
    scenario: Scenario,
    channel: str | None = None,
    *,
    rule: Rule = "steepest",
    fields: ArrayLike | None = None,
) -> LandscapeResult:
    """:func:`landscape` of a scenario's sized actors (see :func:`landscape_inputs`).

    >>> import blocs
    >>> r = landscape_from_scenario(blocs.load("russia-iran-2017"))
    >>> r.scenario_id
    'russia-iran-2017'
    """
    inputs = landscape_inputs(scenario, channel)
    result = landscape(
        inputs.sizes, inputs.propensities, names=inputs.actors, rule=rule, fields=fields
    )
    return LandscapeResult(
        **{
            **{k: getattr(result, k) for k in result.__dataclass_fields__},
            "left_out": inputs.left_out,
            "scenario_id": inputs.scenario_id,
            "channel": inputs.channel,
            "size_label": scenario.size_label(),
            "focus": (scenario.focus.target, scenario.focus.partner) if scenario.focus else None,
        }
    )
