"""Compiled Gray-code enumeration of landscape energies (numba, optional).

Walking the configurations in Gray-code order switches one actor per step, so the energy and the
local fields ``h = Wσ`` are updated in ``O(n)`` instead of recomputed in ``O(n²)``. The walk is cut
into blocks that run in parallel; each block starts from a directly computed state. Without numba
``HAVE_NUMBA`` is false and :mod:`blocs.models.landscape` uses its NumPy engines.

Examples
--------
>>> import numpy as np
>>> if HAVE_NUMBA:
...     e = all_energies_gray(np.array([[0.0, -2.0], [-2.0, 0.0]]), None)
... else:
...     e = np.array([0.0, -4.0, -4.0, 0.0])
>>> e.tolist()
[0.0, -4.0, -4.0, 0.0]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from blocs.errors import MissingExtraError

try:
    import numba
except ImportError:  # pragma: no cover - exercised only without numba
    numba = None

HAVE_NUMBA = numba is not None
_BLOCK_BITS = 14

if HAVE_NUMBA:

    @numba.njit(parallel=True, cache=True, nogil=True)
    def _gray_walk(w, df, base, out, block_bits):  # pragma: no cover - compiled
        n = w.shape[0]
        total = out.shape[0]
        block = 1 << block_bits
        nblocks = total // block
        for j in numba.prange(nblocks):
            t0 = j * block
            g = t0 ^ (t0 >> 1)
            sigma = np.empty(n)
            for i in range(n):
                sigma[i] = -1.0 if (g >> i) & 1 else 1.0
            h = np.zeros(n)
            for i in range(n):
                acc = 0.0
                for k in range(n):
                    acc += w[i, k] * sigma[k]
                h[i] = acc
            e = base
            for i in range(n):
                if sigma[i] < 0.0:
                    e += df[i]
                for k in range(i + 1, n):
                    if sigma[i] != sigma[k]:
                        e += 2.0 * w[i, k]
            out[g] = e
            for t in range(t0 + 1, t0 + block):
                k = 0
                tt = t
                while (tt & 1) == 0:
                    tt >>= 1
                    k += 1
                s = sigma[k]
                e += 2.0 * s * h[k] + s * df[k]
                sigma[k] = -s
                two = -2.0 * s
                for i in range(n):
                    h[i] += two * w[i, k]
                out[t ^ (t >> 1)] = e
        return out

    @numba.njit(parallel=True, cache=True, nogil=True)
    def _split_gray_walk(a, b, c_hi, out):  # pragma: no cover - compiled
        nlo = a.shape[0]
        nhi = b.shape[0]
        for h in numba.prange(nhi):
            c = c_hi[h]
            row = h * nlo
            bh = b[h]
            cross = 0.0
            inside = np.zeros(c.shape[0], dtype=np.bool_)
            out[row] = a[0] + bh
            for t in range(1, nlo):
                k = 0
                tt = t
                while (tt & 1) == 0:
                    tt >>= 1
                    k += 1
                if inside[k]:
                    cross -= c[k]
                else:
                    cross += c[k]
                inside[k] = not inside[k]
                g = t ^ (t >> 1)
                out[row + g] = a[g] + bh + cross
        return out


def all_energies_split_gray(
    a: NDArray[np.float64], b: NDArray[np.float64], c_hi: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Energies from the meet-in-the-middle parts: ``E[hi, lo] = a[lo] + b[hi] + x_lo · c_hi``,
    the cross term updated by one addition per Gray-code step over the low actors."""
    if not HAVE_NUMBA:  # pragma: no cover - exercised only without numba
        raise MissingExtraError("numba is not installed: pip install 'blocs[fast]'")
    out = np.empty(a.shape[0] * b.shape[0])
    return _split_gray_walk(
        np.ascontiguousarray(a), np.ascontiguousarray(b), np.ascontiguousarray(c_hi), out
    )


def all_energies_gray(w: NDArray[np.float64], fields: NDArray[np.float64] | None) -> NDArray:
    """Energy of every configuration (numbered as in :mod:`blocs.models.landscape`) from the
    coupling matrix ``w = s sᵀ ∘ P`` and optional fields, by a parallel Gray-code walk."""
    if not HAVE_NUMBA:  # pragma: no cover - exercised only without numba
        raise MissingExtraError("numba is not installed: pip install 'blocs[fast]'")
    n = w.shape[0]
    total = 1 << n
    w = np.ascontiguousarray(w, dtype=np.float64)
    if fields is None:
        df = np.zeros(n)
        base = 0.0
    else:
        df = np.ascontiguousarray(fields[:, 1] - fields[:, 0], dtype=np.float64)
        base = float(fields[:, 0].sum())
    out = np.empty(total)
    return _gray_walk(w, df, base, out, min(_BLOCK_BITS, n))
