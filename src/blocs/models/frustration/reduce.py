"""Exact data reductions for the frustration index (kernelisation).

The problem: labels ``x_i ∈ {−1, +1}`` minimising ``Σ_e w_e [a_e x_u x_v < 0]`` where ``a_e`` is
the signed weight of edge ``e = uv`` (its sign times its cost ``w_e = |a_e|``). Three rules shrink
the graph while keeping an optimal solution, each applied until none fires:

* **free node**: a node without edges takes any label;
* **dominant edge**: if ``|a_uv| ≥ ½ Σ_j |a_uj|`` there is an optimal solution satisfying
  ``uv`` (flipping ``u`` otherwise never costs more), so ``u`` is merged into ``v`` with
  ``x_u = sign(a_uv) x_v``; this removes nodes of degree one and two;
* **edge pair**: if ``2 |a_uv| ≥ Σ_{j ≠ u, v} |a_uj − σ a_vj|`` with ``σ = sign(a_uv)`` (absent
  edges count as 0), then in any solution frustrating ``uv`` flipping ``u`` or flipping ``v``
  does not cost more (the two flips' changes sum to at most the right side minus ``2|a_uv|``),
  so ``v`` is merged into ``u`` with ``x_v = σ x_u``. Twins and positive cliques with the same
  outside ties collapse this way.

Merging ``v`` into ``u`` adds ``σ a_vj`` to ``a_uj``. When the two have opposite signs exactly
one of the two edges is frustrated whatever the labels, so the smaller magnitude moves into a
constant ``offset`` and the difference stays as the edge. The optimum of the original graph is
``offset`` plus the optimum of the kernel, and :meth:`Kernel.lift` turns a kernel labelling into a
labelling of the original graph with exactly that cost.

Rules of this kind (free nodes, dominant edges, merging by neighbourhoods) are the stock of
max-cut and QUBO preprocessing (see the references); the pair rule in the form above, with its
proof, is ours.

References
----------
Ferizovic, D., Hespe, D., Lamm, S., Mnich, M., Schulz, C., & Strash, D. (2020). Engineering
kernelization for maximum cut. *Proceedings of ALENEX 2020*, 27–41.
https://doi.org/10.1137/1.9781611976007.3

Rehfeldt, D., Koch, T., & Shinano, Y. (2023). Faster exact solution of sparse MaxCut and QUBO
problems. *Mathematical Programming Computation*, 15, 445–470.
https://doi.org/10.1007/s12532-023-00236-6

Examples
--------
A triangle with one negative edge: one edge must go, and the rules find which.

>>> k = reduce_graph({0: {1: 1.0, 2: 1.0}, 1: {0: 1.0, 2: -1.0}, 2: {0: 1.0, 1: -1.0}})
>>> k.offset, k.adj
(1.0, {})
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

Adjacency = dict[int, dict[int, float]]


@dataclass
class Kernel:
    """What is left after the reductions: ``adj`` (signed weights), the constant ``offset`` and
    the merges ``(v, u, sigma)`` meaning ``x_v = sigma * x_u`` (``u = -1``: ``v`` is free)."""

    adj: Adjacency
    offset: float
    merges: list[tuple[int, int, int]] = field(default_factory=list)

    def lift(self, labels: dict[int, int]) -> dict[int, int]:
        """Extend kernel labels (±1 per kernel node) to every node merged away."""
        out = dict(labels)
        for v, u, sigma in reversed(self.merges):
            out[v] = 1 if u < 0 else sigma * out[u]
        return out


def adjacency(u: np.ndarray, v: np.ndarray, a: np.ndarray) -> Adjacency:
    """The adjacency dict of edges ``u[e]–v[e]`` with signed weights ``a[e]`` (every node that
    appears in an edge is a key)."""
    adj: Adjacency = {}
    for i, j, w in zip(u.tolist(), v.tolist(), a.tolist(), strict=True):
        adj.setdefault(i, {})[j] = w
        adj.setdefault(j, {})[i] = w
    return adj


def reduce_graph(adj: Adjacency, *, rules: bool = True) -> Kernel:
    """Apply the reductions to ``adj`` (modified in place and returned as the kernel's ``adj``).

    ``rules=False`` only drops free nodes (a baseline for measuring what the rules buy).
    """
    kernel = Kernel(adj, 0.0)
    scale = max((abs(w) for nb in adj.values() for w in nb.values()), default=1.0)
    tol = 1e-12 * scale

    def contract(v: int, u: int, sigma: int) -> None:
        # merge v into u with x_v = sigma * x_u
        nb_u = adj[u]
        for j, b in adj.pop(v).items():
            del adj[j][v]
            if j == u:
                continue
            c = nb_u.get(j, 0.0)
            nb = sigma * b
            if c != 0.0 and (c > 0) != (nb > 0):
                kernel.offset += min(abs(c), abs(nb))
            t = c + nb
            if abs(t) <= tol:
                if j in nb_u:
                    del nb_u[j]
                    del adj[j][u]
            else:
                nb_u[j] = t
                adj[j][u] = t
        kernel.merges.append((v, u, sigma))

    def sweep_cheap() -> bool:
        changed = False
        for u in list(adj):
            nb = adj.get(u)
            if nb is None:
                continue
            if not nb:
                del adj[u]
                kernel.merges.append((u, -1, 1))
                changed = True
                continue
            if not rules:
                continue
            total = 0.0
            best_j, best = -1, 0.0
            for j, a in nb.items():
                m = abs(a)
                total += m
                if m > best:
                    best_j, best = j, m
            if 2.0 * best >= total - tol:
                contract(u, best_j, 1 if nb[best_j] > 0 else -1)
                changed = True
        return changed

    def sweep_pairs() -> bool:
        changed = False
        for u in list(adj):
            if u not in adj:
                continue
            for v in list(adj[u]):
                au = adj.get(u)
                if au is None:
                    break
                a = au.get(v)
                if a is None:
                    continue
                av = adj[v]
                sigma = 1 if a > 0 else -1
                limit = 2.0 * abs(a) + tol
                total = 0.0
                for j, x in au.items():
                    if j != v:
                        total += abs(x - sigma * av.get(j, 0.0))
                        if total > limit:
                            break
                if total > limit:
                    continue
                for j, y in av.items():
                    if j != u and j not in au:
                        total += abs(y)
                        if total > limit:
                            break
                if total <= limit:
                    contract(v, u, sigma)
                    changed = True
        return changed

    while True:
        while sweep_cheap():
            pass
        if not rules or not sweep_pairs():
            break
    return kernel
