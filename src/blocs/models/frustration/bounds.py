"""A cheap lower bound on the frustration index: a packing of unbalanced triangles.

Every unbalanced triangle (an odd number of negative edges) has at least one frustrated edge
under any partition. Give each unbalanced triangle ``t`` a share ``y_t ≥ 0`` such that the shares
of the triangles through an edge never exceed the edge's cost; then ``Σ y_t`` is a lower bound
(weak LP duality). The packing here is greedy: triangles in a fixed order, each taking the least
residual cost of its three edges.

Examples
--------
>>> import numpy as np
>>> triangle_packing_bound(3, np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1.0, 1.0, -1.0]))
1.0
"""

from __future__ import annotations

import numpy as np


def triangles(n: int, u: np.ndarray, v: np.ndarray) -> list[tuple[int, int, int]]:
    """Edge-index triples ``(ij, jk, ik)`` of every triangle ``i < j < k``."""
    index: dict[tuple[int, int], int] = {}
    nbrs: list[set[int]] = [set() for _ in range(n)]
    for e, (i, j) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        index[(i, j)] = index[(j, i)] = e
        nbrs[i].add(j)
        nbrs[j].add(i)
    out = []
    for i in range(n):
        for j in nbrs[i]:
            if j <= i:
                continue
            for k in nbrs[i] & nbrs[j]:
                if k <= j:
                    continue
                out.append((index[(i, j)], index[(j, k)], index[(i, k)]))
    return out


def unbalanced_triangles(
    n: int, u: np.ndarray, v: np.ndarray, a: np.ndarray
) -> list[tuple[int, int, int]]:
    """Edge-index triples of the unbalanced triangles (an odd number of negative edges)."""
    negative = (np.asarray(a) < 0).tolist()
    return [t for t in triangles(n, u, v) if (negative[t[0]] + negative[t[1]] + negative[t[2]]) % 2]


def triangle_packing_bound(n: int, u: np.ndarray, v: np.ndarray, a: np.ndarray) -> float:
    """A lower bound on the least total cost of frustrated edges (``a``: signed costs)."""
    residual = np.abs(np.asarray(a, dtype=np.float64))
    bound = 0.0
    for e1, e2, e3 in unbalanced_triangles(n, u, v, a):
        share = min(residual[e1], residual[e2], residual[e3])
        if share > 0:
            bound += share
            residual[e1] -= share
            residual[e2] -= share
            residual[e3] -= share
    return float(bound)
