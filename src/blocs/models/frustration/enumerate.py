"""Exhaustive enumeration of every two-camp partition of a small signed graph.

Node ``n−1`` is fixed in camp 0 (a partition and its mirror image are the same split), so
partition ``c ∈ [0, 2^(n−1))`` puts node ``i < n−1`` in camp ``(c >> i) & 1``. For each block of
codes the cost is accumulated edge by edge with bit operations on NumPy arrays; every code that
attains the minimum is kept, so uniqueness of the optimum can be checked.

Examples
--------
A square with one negative side: four optimal splits, one per side to cut.

>>> import numpy as np
>>> value, codes = enumerate_partitions(
...     4, np.array([0, 1, 2, 3]), np.array([1, 2, 3, 0]), np.array([1.0, 1.0, 1.0, -1.0])
... )
>>> value, len(codes)
(1.0, 4)
"""

from __future__ import annotations

import numpy as np

from blocs.errors import ModelInputError

#: Largest number of nodes enumerated (2^(n−1) partitions).
MAX_NODES = 26

_BLOCK = 1 << 16


def enumerate_partitions(
    n: int, u: np.ndarray, v: np.ndarray, a: np.ndarray, *, rtol: float = 1e-9
) -> tuple[float, np.ndarray]:
    """The least frustration over all partitions and every code attaining it (ascending).

    ``a`` holds each edge's signed cost. Codes are as in the module docstring.
    """
    if n > MAX_NODES:
        raise ModelInputError(f"enumeration is limited to {MAX_NODES} nodes, got {n}")
    if n <= 1:
        return 0.0, np.zeros(1, dtype=np.int64)
    total = 1 << (n - 1)
    costs = np.abs(a).astype(np.float64)
    negative = (a < 0).astype(np.int64)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    tol = rtol * max(1.0, float(costs.sum()))
    best = np.inf
    winners: list[np.ndarray] = []
    step = min(_BLOCK, total)
    for start in range(0, total, step):
        codes = np.arange(start, min(start + step, total), dtype=np.int64)
        bits = [(codes >> i) & 1 for i in range(n - 1)] + [np.zeros_like(codes)]
        value = np.zeros(len(codes))
        for e in range(len(u)):
            frustrated = bits[u[e]] ^ bits[v[e]] ^ negative[e]
            value += costs[e] * frustrated
        low = float(value.min())
        if low < best - tol:
            best = low
            winners = []
        if low <= best + tol:
            winners.append(codes[value <= best + tol])
    return best, np.concatenate(winners)


def code_labels(code: int, n: int) -> np.ndarray:
    """The camps (0/1) of nodes ``0 … n−1`` under partition ``code``."""
    return np.array([(code >> i) & 1 if i < n - 1 else 0 for i in range(n)], dtype=np.int64)
