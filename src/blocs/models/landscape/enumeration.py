"""Landscape theory, the energies: inputs, the energy of a configuration and the engines that
enumerate all ``2^n`` of them (NumPy, split, and the compiled Gray-code kernels).

See :mod:`blocs.models.landscape` for the model and its conventions.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from blocs.errors import ModelInputError

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
    # numba is imported only when a compiled engine is asked for
    if method in ("gray", "split-gray") and not _gray_available():
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
