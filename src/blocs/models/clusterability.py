"""k-way structural balance: Doreian & Mrvar's (1996) partitioning criterion.

Davis (1967) relaxed balance to *clusterability*: nodes fall into any number of clusters, with
positive ties inside and negative ties between. For a partition ``C`` into at most ``k``
clusters, Doreian & Mrvar (1996) measure the inconsistency

``P(C) = α · N + (1 − α) · P``

where ``N`` is the total (weight of the) negative ties inside clusters and ``P`` that of the
positive ties between clusters; ``α ∈ [0, 1]`` weighs the two kinds of error (the paper uses
``α = 0.5``, the default here). The result also counts the plain number of inconsistent edges
(negative inside plus positive between); with unit weights and ``α = 0.5``, ``P = count / 2``.
Clusters may stay empty, so "at most ``k``".

Methods (``method=``):

* ``"enumerate"``: all ``k^(n−1)`` labellings (node 0 fixed in cluster 0), returning every
  optimal partition; small graphs only;
* ``"exact"``: min-sum variable elimination with ``k`` labels (exact; refused when the graph is
  too wide for it);
* ``"relocation"``: the paper's local optimisation: from random partitions, move single nodes
  to the cluster that lowers ``P`` most until no move helps (a heuristic);
* ``"auto"``: ``"exact"``, falling back to ``"relocation"`` (marked not optimal).

Examples
--------
>>> from blocs.models.signed import from_edges
>>> g = from_edges([("A", "B", -1), ("B", "C", -1), ("A", "C", -1)])
>>> r = clusterability(g, k=3)
>>> r.criterion, r.inconsistencies, len(r.clusters)
(0.0, 0, 3)
>>> clusterability(g, k=2).inconsistencies
1

References
----------
Doreian, P., & Mrvar, A. (1996). A partitioning approach to structural balance. *Social
Networks*, 18(2), 149–168. https://doi.org/10.1016/0378-8733(95)00259-6

Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations*, 20(2),
181–187. https://doi.org/10.1177/001872676702000206
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

import networkx as nx
import numpy as np

from blocs.errors import ModelInputError
from blocs.models.frustration.eliminate import MAX_TABLE, eliminate
from blocs.models.signed import SignedEdges, signed_edges
from blocs.seeding import Seed, normalise_seed

ClusterMethod = Literal["auto", "enumerate", "exact", "relocation"]

#: Most labellings ``"enumerate"`` will visit.
MAX_LABELLINGS = 1 << 22


@dataclass(frozen=True)
class ClusterResult:
    """The best partition into at most ``k`` clusters under Doreian & Mrvar's criterion."""

    k: int
    alpha: float
    weighted: bool
    criterion: float
    negative_within: float
    positive_between: float
    inconsistencies: int
    clusters: tuple[tuple[Hashable, ...], ...]
    optimal: bool
    method: str
    all_optimal: tuple[tuple[tuple[Hashable, ...], ...], ...] | None = None
    seed: int | None = None


def _key(x: Hashable) -> tuple[str, str]:
    return (type(x).__name__, str(x))


def _clusters(e: SignedEdges, labels: np.ndarray) -> tuple[tuple[Hashable, ...], ...]:
    groups = [
        tuple(sorted((e.nodes[i] for i in np.flatnonzero(labels == c)), key=_key))
        for c in np.unique(labels)
    ]
    return tuple(sorted(groups, key=lambda g: (-len(g), [_key(x) for x in g])))


def _errors(
    e: SignedEdges, labels: np.ndarray, costs: np.ndarray
) -> tuple[float, float, np.ndarray]:
    same = labels[e.u] == labels[e.v]
    neg_in = same & (e.sign < 0)
    pos_out = ~same & (e.sign > 0)
    return float(costs[neg_in].sum()), float(costs[pos_out].sum()), neg_in | pos_out


def _enumerate(e: SignedEdges, k: int, costs: np.ndarray, alpha: float) -> np.ndarray:
    n = e.n
    total = k ** (n - 1)
    w_in = np.where(e.sign < 0, alpha * costs, 0.0)
    w_out = np.where(e.sign > 0, (1 - alpha) * costs, 0.0)
    best = np.inf
    winners: list[np.ndarray] = []
    tol = 1e-9 * max(1.0, float(costs.sum()))
    step = 1 << 15
    for start in range(0, total, step):
        codes = np.arange(start, min(start + step, total), dtype=np.int64)
        digits = np.zeros((n, len(codes)), dtype=np.int64)
        rest = codes.copy()
        for i in range(1, n):
            digits[i] = rest % k
            rest //= k
        same = digits[e.u] == digits[e.v]
        value = (w_in[:, None] * same + w_out[:, None] * ~same).sum(axis=0)
        low = float(value.min())
        if low < best - tol:
            best, winners = low, []
        if low <= best + tol:
            winners.append(digits[:, value <= best + tol].T)
    return np.concatenate(winners)


def _canonical(labels: np.ndarray) -> tuple[int, ...]:
    seen: dict[int, int] = {}
    return tuple(seen.setdefault(int(x), len(seen)) for x in labels)


def _relocate(
    e: SignedEdges,
    k: int,
    costs: np.ndarray,
    alpha: float,
    rng: np.random.Generator,
    restarts: int,
) -> np.ndarray:
    n = e.n
    pos = np.zeros((n, n))
    neg = np.zeros((n, n))
    for mat, mask in ((pos, e.sign > 0), (neg, e.sign < 0)):
        np.add.at(mat, (e.u[mask], e.v[mask]), costs[mask])
        np.add.at(mat, (e.v[mask], e.u[mask]), costs[mask])
    pos_total = pos.sum(axis=1)
    best_value, best = np.inf, np.zeros(n, dtype=np.int64)
    tol = 1e-12 * max(1.0, float(costs.sum()))
    for _ in range(max(1, restarts)):
        labels = rng.integers(0, k, size=n)
        onehot = np.zeros((n, k))
        onehot[np.arange(n), labels] = 1.0
        p_in = pos @ onehot  # positive weight from node i into cluster c
        n_in = neg @ onehot
        while True:
            cost = alpha * n_in + (1 - alpha) * (pos_total[:, None] - p_in)
            delta = cost - cost[np.arange(n), labels][:, None]
            i, c = np.unravel_index(int(np.argmin(delta)), delta.shape)
            if delta[i, c] >= -tol:
                break
            old = labels[i]
            labels[i] = c
            p_in[:, old] -= pos[:, i]
            p_in[:, c] += pos[:, i]
            n_in[:, old] -= neg[:, i]
            n_in[:, c] += neg[:, i]
        ni, po, _ = _errors(e, labels, costs)
        value = alpha * ni + (1 - alpha) * po
        if value < best_value - tol:
            best_value, best = value, labels.copy()
    return best


def clusterability(
    graph: nx.Graph | SignedEdges,
    k: int = 2,
    *,
    alpha: float = 0.5,
    weighted: bool = False,
    method: ClusterMethod = "auto",
    seed: Seed = 0,
    restarts: int = 50,
    max_table: int = MAX_TABLE,
) -> ClusterResult:
    """The partition into at most ``k`` clusters minimising ``α N + (1 − α) P``.

    Parameters
    ----------
    graph
        A signed graph (see :mod:`blocs.models.signed`).
    k
        Most clusters allowed (``k ≥ 1``).
    alpha
        Weight of negative ties inside clusters against positive ties between (paper: 0.5).
    weighted
        Use ``|weight|`` instead of counting edges.
    method
        ``"auto"``, ``"enumerate"``, ``"exact"`` or ``"relocation"`` (see the module docstring).
    seed, restarts
        Random starts of the relocation heuristic; the seed is recorded.
    max_table
        Largest table variable elimination may build.
    """
    if k < 1:
        raise ModelInputError(f"k must be at least 1, got {k}")
    if not 0.0 <= alpha <= 1.0:
        raise ModelInputError(f"alpha must lie in [0, 1], got {alpha}")
    if method not in ("auto", "enumerate", "exact", "relocation"):
        raise ModelInputError(f"method {method!r} is not one of auto, enumerate, exact, relocation")
    e = signed_edges(graph)
    rng, recorded = normalise_seed(seed)
    costs = e.costs(weighted)
    all_optimal = None
    optimal = True
    chosen = method
    labels: np.ndarray | None = None
    if e.n == 0:
        labels = np.zeros(0, dtype=np.int64)
    elif method == "enumerate":
        if k ** (e.n - 1) > MAX_LABELLINGS:
            raise ModelInputError(
                f"enumerating {k}^{e.n - 1} labellings is too many; use method='exact'"
            )
        winners = _enumerate(e, k, costs, alpha)
        unique = sorted({_canonical(w) for w in winners})
        labels = np.array(unique[0], dtype=np.int64)
        parts = {_clusters(e, np.array(w)) for w in unique}
        all_optimal = tuple(sorted(parts, key=lambda p: [[_key(x) for x in c] for c in p]))
    elif method in ("exact", "auto"):
        tables = []
        eye = np.eye(k)
        for i, j, s, c in zip(e.u.tolist(), e.v.tolist(), e.sign.tolist(), costs, strict=True):
            table = alpha * c * eye if s < 0 else (1 - alpha) * c * (1 - eye)
            tables.append((i, j, table))
        result = eliminate(e.n, k, tables, max_table=max_table)
        if result is not None:
            labels = np.array(result[1], dtype=np.int64)
            chosen = "exact"
        elif method == "exact":
            raise ModelInputError(
                "the graph is too wide for exact elimination; use method='relocation'"
            )
    if labels is None:
        labels = _relocate(e, k, costs, alpha, rng, restarts)
        optimal = False
        chosen = "relocation"
    neg_in, pos_out, wrong = _errors(e, labels, costs)
    return ClusterResult(
        k=k,
        alpha=alpha,
        weighted=weighted,
        criterion=alpha * neg_in + (1 - alpha) * pos_out,
        negative_within=neg_in,
        positive_between=pos_out,
        inconsistencies=int(wrong.sum()),
        clusters=_clusters(e, labels),
        optimal=optimal,
        method=chosen,
        all_optimal=all_optimal,
        seed=recorded,
    )
