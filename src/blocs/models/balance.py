"""Structural balance: triads, the frustration index and the two camps it implies.

**Triads** (Heider 1946; Cartwright & Harary 1956). A triangle is *balanced* when the product of
its three edge signs is positive ("the friend of my friend is my friend", "the enemy of my enemy
is my friend"), unbalanced otherwise. The *triangle index* is the share of balanced triangles.

**Frustration index** (Harary 1959's line index of balance; Aref, Mason & Wilson 2018, 2020).
For a partition of the nodes into two camps, an edge is *frustrated* when it is negative inside
a camp or positive between the camps. ``L(G)`` is the least number of frustrated edges over all
partitions (``weighted=True``: the least total ``|weight|``); equivalently the fewest edges whose
removal, or sign flip, leaves a balanced graph. ``L(G) = 0`` exactly when the graph is balanced.
The normalised index is ``F(G) = 1 − 2 L(G) / m`` (Aref & Wilson 2018; ``m`` the number of edges,
or their total weight), 1 for a balanced graph.

Methods (``method=``), each stating in its result whether it proved optimality and how:

* ``"enumerate"``: every one of the ``2^(n−1)`` partitions (small graphs); also returns *all*
  optimal partitions;
* ``"exact"``: exact reductions, split into biconnected blocks, min-sum variable elimination on
  narrow blocks and the binary program on the others (see :mod:`blocs.models.frustration`);
* ``"ip"``: the same pipeline with every block sent to the binary program (CP-SAT or HiGHS);
* ``"heuristic"``: local search only, an upper bound, with a triangle-packing lower bound;
* ``"auto"`` (default): ``"enumerate"`` up to ``enumerate_limit`` nodes, else ``"exact"``.

Nodes without any edge belong to neither camp; they are listed as ``isolated``.

Examples
--------
The headline triad: Russia and Iran allied, both opposed to the United States.

>>> g = from_edges([("RUS", "IRN", 1), ("RUS", "USA", -1), ("IRN", "USA", -1)])
>>> t = triangle(g, "RUS", "IRN", "USA")
>>> t.balanced, t.pattern
(True, '+--')
>>> r = frustration_index(g)
>>> r.value, r.camps, r.optimal
(0.0, (('IRN', 'RUS'), ('USA',)), True)

A triangle with a single negative edge cannot be split without frustrating one edge:

>>> r = frustration_index(from_edges([("A", "B", 1), ("B", "C", 1), ("A", "C", -1)]))
>>> r.value, round(r.normalized, 3), len(r.all_optimal)
(1.0, 0.333, 3)

References
----------
Heider, F. (1946). Attitudes and cognitive organization. *The Journal of Psychology*, 21(1),
107–112. https://doi.org/10.1080/00223980.1946.9917275

Cartwright, D., & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
*Psychological Review*, 63(5), 277–293. https://doi.org/10.1037/h0046049

Harary, F. (1959). On the measurement of structural balance. *Behavioral Science*, 4(4),
316–323. https://doi.org/10.1002/bs.3830040405

Aref, S., & Wilson, M. C. (2018). Measuring partial balance in signed networks. *Journal of
Complex Networks*, 6(4), 566–595. https://doi.org/10.1093/comnet/cnx044

Aref, S., Mason, A. J., & Wilson, M. C. (2020). A modeling and computational study of the
frustration index in signed networks. *Networks*, 75(1), 95–110.
https://doi.org/10.1002/net.21907
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import networkx as nx
import numpy as np

from blocs.errors import ModelInputError
from blocs.models.frustration.bounds import triangle_packing_bound
from blocs.models.frustration.budget import DEFAULT_TIME_LIMIT, TimeBudget
from blocs.models.frustration.eliminate import MAX_TABLE
from blocs.models.frustration.enumerate import MAX_NODES, code_labels, enumerate_partitions
from blocs.models.frustration.exact import solve_exact
from blocs.models.frustration.ip import Solver
from blocs.models.frustration.local_search import frustration_of, local_search
from blocs.models.signed import SignedEdges, from_edges, read_edge_csv, signed_edges
from blocs.seeding import Seed, normalise_seed

if TYPE_CHECKING:
    from blocs.scenario.model import Scenario

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "BalanceReport",
    "ChannelBalance",
    "FrustrationResult",
    "Triad",
    "TriadCensus",
    "balance_report",
    "from_edges",
    "frustration_index",
    "read_edge_csv",
    "triad_census",
    "triangle",
]

Method = Literal["auto", "enumerate", "exact", "ip", "heuristic"]

#: ``method="auto"`` enumerates graphs up to this many nodes.
ENUMERATE_LIMIT = 20


def _key(x: Hashable) -> tuple[str, str]:
    return (type(x).__name__, str(x))


# -- triads ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Triad:
    """One triangle: its nodes, the signs of edges ``ab``, ``bc``, ``ac``, and its balance."""

    nodes: tuple[Hashable, Hashable, Hashable]
    signs: tuple[int, int, int]

    __json_properties__ = ("pattern", "balanced")

    @property
    def balanced(self) -> bool:
        """The product of the three signs is positive."""
        return self.signs[0] * self.signs[1] * self.signs[2] > 0

    @property
    def camps(self) -> tuple[tuple[str, ...], ...]:
        """The two camps a balanced triangle splits into (one camp when all are friends);
        none when it is unbalanced."""
        if not self.balanced:
            return ()
        a, b, c = (str(n) for n in self.nodes)
        first = [a] + ([b] if self.signs[0] > 0 else []) + ([c] if self.signs[2] > 0 else [])
        other = [n for n in (b, c) if n not in first]
        return (tuple(first), tuple(other)) if other else (tuple(first),)

    def reading(self) -> str:
        """One sentence: the triangle's signs and whether it is balanced.

        >>> Triad(("A", "B", "C"), (1, -1, -1)).reading()[-47:]
        'A and B are friends with a common adversary, C.'
        """
        a, b, c = (str(n) for n in self.nodes)
        s = ["+" if x > 0 else "−" for x in self.signs]
        state = "balanced" if self.balanced else "unbalanced"
        text = (
            f"The triangle {a}–{b}–{c} is {state} ({a}–{b} {s[0]}, {b}–{c} {s[1]}, {a}–{c} {s[2]})"
        )
        if tuple(self.signs) == (1, -1, -1):
            return f"{text}: {a} and {b} are friends with a common adversary, {c}."
        return text + "."

    @property
    def pattern(self) -> str:
        """The signs as a sorted string: ``'+++'``, ``'+--'`` (balanced), ``'++-'``, ``'---'``."""
        return "".join(sorted("+" if s > 0 else "-" for s in self.signs))


@dataclass(frozen=True)
class TriadCensus:
    """Every triangle of a signed graph with counts by balance and by sign pattern."""

    triads: tuple[Triad, ...]

    __json_properties__: ClassVar[dict[str, str]] = {
        "triangles": "total",
        "balanced": "balanced",
        "unbalanced": "unbalanced",
        "triangle_index": "triangle_index",
        "by_pattern": "by_pattern",
    }

    @property
    def total(self) -> int:
        return len(self.triads)

    @property
    def balanced(self) -> int:
        return sum(t.balanced for t in self.triads)

    @property
    def unbalanced(self) -> int:
        return self.total - self.balanced

    @property
    def triangle_index(self) -> float | None:
        """Share of balanced triangles (``None`` without triangles)."""
        return self.balanced / self.total if self.triads else None

    @property
    def by_pattern(self) -> dict[str, int]:
        counts = {"+++": 0, "+--": 0, "++-": 0, "---": 0}
        for t in self.triads:
            counts[t.pattern] += 1
        return counts


def triad_census(graph: nx.Graph | SignedEdges) -> TriadCensus:
    """Every triangle of ``graph`` with its signs and balance (nodes in graph order).

    >>> c = triad_census(from_edges([("A", "B", 1), ("B", "C", 1), ("A", "C", -1), ("C", "D", 1)]))
    >>> c.total, c.balanced, c.by_pattern["++-"]
    (1, 0, 1)
    """
    e = signed_edges(graph)
    sign: dict[tuple[int, int], int] = {}
    nbrs: list[set[int]] = [set() for _ in range(e.n)]
    for i, j, s in zip(e.u.tolist(), e.v.tolist(), e.sign.tolist(), strict=True):
        sign[(i, j)] = sign[(j, i)] = s
        nbrs[i].add(j)
        nbrs[j].add(i)
    triads = []
    for i in range(e.n):
        for j in sorted(x for x in nbrs[i] if x > i):
            for k in sorted(x for x in nbrs[i] & nbrs[j] if x > j):
                triads.append(
                    Triad(
                        (e.nodes[i], e.nodes[j], e.nodes[k]),
                        (sign[(i, j)], sign[(j, k)], sign[(i, k)]),
                    )
                )
    return TriadCensus(tuple(triads))


def triangle(graph: nx.Graph, a: Hashable, b: Hashable, c: Hashable) -> Triad:
    """The named triad ``a, b, c``; every pair must be tied.

    >>> g = from_edges([("RUS", "IRN", 1), ("RUS", "USA", -1), ("IRN", "USA", 1)])
    >>> triangle(g, "RUS", "IRN", "USA").balanced
    False
    """
    signs = []
    for x, y in ((a, b), (b, c), (a, c)):
        for node in (x, y):
            if node not in graph:
                raise ModelInputError(f"{node!r} is not a node of the graph")
        if not graph.has_edge(x, y):
            raise ModelInputError(
                f"{x!r} and {y!r} have no tie in this network, so {a!r}, {b!r}, {c!r}"
                " do not form a triangle"
            )
        data = graph.edges[x, y]
        value = data.get("sign", data.get("weight", 0))
        if not value:
            raise ModelInputError(f"edge ({x!r}, {y!r}) has neither 'sign' nor 'weight'")
        signs.append(1 if value > 0 else -1)
    return Triad((a, b, c), (signs[0], signs[1], signs[2]))


# -- frustration index ----------------------------------------------------------------------------


Camps = tuple[tuple[Hashable, ...], tuple[Hashable, ...]]


@dataclass(frozen=True)
class FrustrationResult:
    """The frustration index of a signed graph with its optimal (or best found) two camps.

    ``value`` is ``L(G)`` (a count, or total ``|weight|`` when ``weighted``); ``optimal`` says
    whether it is proven, ``proof`` how, and ``lower_bound`` what is proven below it. With
    ``method="enumerate"``, ``all_optimal`` lists every optimal partition. ``time_limit`` is the
    binary program's limit per block (seconds, ``None``: none) and ``time_limited`` whether it
    bound: the camps are then the best found, not proven optimal.
    """

    value: float
    weighted: bool
    n_nodes: int
    n_edges: int
    total: float
    camps: Camps
    frustrated_edges: tuple[tuple[Hashable, Hashable], ...]
    optimal: bool
    lower_bound: float
    method: str
    proof: str
    isolated: tuple[Hashable, ...] = ()
    all_optimal: tuple[Camps, ...] | None = None
    seed: int | None = None
    steps: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    time_limit: float | None = None
    time_limited: bool = False

    __json_properties__ = ("normalized", "balanced")

    @property
    def normalized(self) -> float:
        """``1 − 2 L / m`` (``m``: edges, or their total weight); 1 for a balanced graph."""
        return 1.0 - 2.0 * self.value / self.total if self.total else 1.0

    @property
    def balanced(self) -> bool:
        """Whether the graph is balanced (``L = 0``)."""
        return self.value == 0.0


def _camps(e: SignedEdges, labels: np.ndarray, placed: np.ndarray) -> Camps:
    one = sorted((e.nodes[i] for i in np.flatnonzero(placed & (labels > 0))), key=_key)
    two = sorted((e.nodes[i] for i in np.flatnonzero(placed & (labels <= 0))), key=_key)
    first, second = sorted([tuple(one), tuple(two)], key=lambda c: (-len(c), [_key(x) for x in c]))
    return first, second


def _number(x: float, weighted: bool) -> float:
    return float(x) if weighted else float(round(x))


def frustration_index(
    graph: nx.Graph | SignedEdges,
    *,
    weighted: bool = False,
    method: Method = "auto",
    seed: Seed = 0,
    solver: Solver = "cpsat",
    time_limit: float | None = None,
    workers: int = 2,
    reductions: bool = True,
    enumerate_limit: int = ENUMERATE_LIMIT,
    max_table: int = MAX_TABLE,
) -> FrustrationResult:
    """The frustration index ``L(G)`` of a signed graph and its two camps.

    Parameters
    ----------
    graph
        An undirected networkx graph with ``sign`` and/or ``weight`` on every edge (see
        :mod:`blocs.models.signed`), or :class:`~blocs.models.signed.SignedEdges`.
    weighted
        Count ``|weight|`` of the frustrated edges instead of their number.
    method
        ``"auto"``, ``"enumerate"``, ``"exact"``, ``"ip"`` or ``"heuristic"`` (module docstring).
    seed
        Seed of the local search (warm starts and ``"heuristic"``); recorded in the result.
    solver, time_limit, workers
        The binary program's solver (``"cpsat"`` or ``"highs"``), its time limit per block in
        seconds (``None``: until proven) and CP-SAT's number of workers.
    reductions
        Apply the exact reductions before splitting into blocks (``"exact"`` and ``"ip"``).
    enumerate_limit
        Largest graph (nodes) that ``"auto"`` enumerates.
    max_table
        Largest table variable elimination may build before handing a block to the program.

    Examples
    --------
    >>> g = from_edges([("A", "B", 1), ("C", "D", 1), ("A", "C", -1), ("B", "D", -1)])
    >>> frustration_index(g).value
    0.0
    """
    e = signed_edges(graph)
    if method not in ("auto", "enumerate", "exact", "ip", "heuristic"):
        raise ModelInputError(
            f"method {method!r} is not one of auto, enumerate, exact, ip, heuristic"
        )
    rng, recorded = normalise_seed(seed)
    a = e.signed_costs(weighted)
    total = float(np.abs(a).sum())
    degree = np.bincount(np.concatenate([e.u, e.v]), minlength=e.n) if e.m else np.zeros(e.n)
    placed = degree > 0
    isolated = tuple(sorted((e.nodes[i] for i in np.flatnonzero(~placed)), key=_key))
    chosen = method
    if method == "auto":
        chosen = "enumerate" if e.n <= enumerate_limit else "exact"
    if chosen == "enumerate" and e.n > MAX_NODES:
        raise ModelInputError(
            f"enumeration covers at most {MAX_NODES} nodes, the graph has {e.n}; use method='exact'"
        )
    all_optimal: tuple[Camps, ...] | None = None
    steps: tuple[dict[str, Any], ...] = ()
    if chosen == "enumerate":
        # enumerate only the placed nodes: isolated ones would multiply the optima
        keep = np.flatnonzero(placed)
        index = -np.ones(e.n, dtype=np.int64)
        index[keep] = np.arange(len(keep))
        n = len(keep)
        value, codes = enumerate_partitions(n, index[e.u], index[e.v], a)
        optima = []
        for code in codes.tolist():
            lab = np.ones(e.n, dtype=np.int64)
            lab[keep] = np.where(code_labels(code, n) > 0, 1, -1)
            optima.append((_camps(e, lab, placed), lab))
        optima.sort(key=lambda o: [[_key(x) for x in c] for c in o[0]])
        labels = optima[0][1]
        all_optimal = tuple(o[0] for o in optima)
        optimal, lower = True, value
        proof = f"enumerated all {1 << max(n - 1, 0)} partitions of the {n} tied nodes"
    elif chosen in ("exact", "ip"):
        sol = solve_exact(
            e.n,
            e.u,
            e.v,
            a,
            method="ip" if chosen == "ip" else "auto",
            reductions=reductions,
            solver=solver,
            time_limit=time_limit,
            workers=workers,
            max_table=max_table,
            seed=rng,
        )
        labels, optimal, lower = sol.labels, sol.optimal, sol.lower_bound
        steps = tuple(sol.steps)
        proof = _exact_proof(e, sol.kernel_nodes, sol.reduced_offset, steps, optimal, time_limit)
    else:
        _, labels = local_search(e.n, e.u, e.v, a, seed=rng)
        lower = triangle_packing_bound(e.n, e.u, e.v, a)
        value = frustration_of(labels, e.u, e.v, a)
        optimal = value <= lower + 1e-9 * max(1.0, total)
        proof = (
            "local search; proven by the triangle-packing lower bound"
            if optimal
            else f"local search only: not proven (triangle-packing lower bound {lower:g})"
        )
    value = frustration_of(labels, e.u, e.v, a)
    frustrated = np.flatnonzero((labels[e.u] * labels[e.v] * e.sign) < 0)
    return FrustrationResult(
        value=_number(value, weighted),
        weighted=weighted,
        n_nodes=e.n,
        n_edges=e.m,
        total=total,
        camps=_camps(e, labels, placed),
        frustrated_edges=tuple(e.pair(int(k)) for k in frustrated),
        optimal=bool(optimal),
        lower_bound=_number(value if optimal else lower, weighted),
        method=chosen,
        proof=proof,
        isolated=isolated,
        all_optimal=all_optimal,
        seed=recorded,
        steps=steps,
        time_limit=time_limit,
        # without a limit the exact methods always prove; unproven means the limit bound
        time_limited=chosen in ("exact", "ip") and not optimal,
    )


def _exact_proof(
    e: SignedEdges,
    kernel_nodes: int,
    offset: float,
    steps: Sequence[dict[str, Any]],
    optimal: bool,
    time_limit: float | None,
) -> str:
    parts = [f"reductions left {kernel_nodes} of {e.n} nodes (constant {offset:g})"]
    elim = [s for s in steps if s["method"] == "elimination"]
    ips = [s for s in steps if s["method"].startswith("ip")]
    if elim:
        widest = max(s["width"] for s in elim)
        parts.append(f"{len(elim)} block(s) by variable elimination (width ≤ {widest})")
    if ips:
        statuses = sorted({s["status"] for s in ips})
        parts.append(f"{len(ips)} block(s) by {ips[0]['method']} (status {', '.join(statuses)})")
    if not elim and not ips:
        parts.append("nothing left to search")
    if not optimal:
        limit = "the time limit" if time_limit is None else f"the time limit ({time_limit:g} s)"
        parts.append(f"stopped by {limit}: best found, not proven")
    return "; ".join(parts)


# -- scenario report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelBalance:
    """Balance of one channel (or ``"overall"``) of a scenario."""

    channel: str
    census: TriadCensus = field(metadata={"json": "triads"})
    frustration: FrustrationResult
    weighted: FrustrationResult = field(metadata={"json": "weighted_frustration"})

    __json_properties__: ClassVar[dict[str, str]] = {"nodes": "n_nodes", "edges": "n_edges"}

    @property
    def n_nodes(self) -> int:
        return self.frustration.n_nodes

    @property
    def n_edges(self) -> int:
        return self.frustration.n_edges


@dataclass(frozen=True)
class BalanceReport:
    """Triad census and frustration (plain and weighted) per channel and overall."""

    scenario_id: str
    channels: dict[str, ChannelBalance]

    @property
    def overall(self) -> ChannelBalance:
        return self.channels["overall"]

    @property
    def camps(self) -> tuple[tuple[str, ...], ...]:
        """The camps of the overall network's optimal partition."""
        return tuple(tuple(str(a) for a in c) for c in self.overall.frustration.camps if c)

    def reading(self) -> str:
        """One sentence: the ties to remove for balance, proof status, the camps."""
        fr, w = self.overall.frustration, self.overall.weighted
        proof = "proven optimal" if fr.optimal and w.optimal else "best found, not proven"
        camps = " against ".join("{" + ", ".join(c) + "}" for c in self.camps)
        tie = "tie" if fr.n_edges == 1 else "ties"
        text = (
            f"Structural balance: the overall network needs {fr.value:g} of its {fr.n_edges}"
            f" {tie} removed (weighted {w.value:.2f}) to be balanced ({proof})"
        )
        return text + (f"; the camps are {camps}." if camps else ".")

    def __json__(self) -> dict[str, Any]:
        overall = self.overall.frustration
        return {
            "scenario": self.scenario_id,
            "frustration": overall.value,
            "weighted_frustration": self.overall.weighted.value,
            "edges": overall.n_edges,
            "camps": overall.camps,
            "optimal": overall.optimal and self.overall.weighted.optimal,
            "channels": self.channels,
        }


def balance_report(
    scenario: Scenario,
    channels: Sequence[str] | None = None,
    *,
    seed: Seed = 0,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
) -> BalanceReport:
    """Triads and frustration index (unweighted and weighted by tie strength) of a scenario's
    signed network per channel (default: all four) and overall, with the optimal camps.

    ``time_limit`` bounds all the frustration solves together (seconds, shared as in
    :class:`TimeBudget`; ``None``: solve each to proven optimality, however long it takes).
    Where it binds, that result's ``time_limited`` is true and its camps are the best found.

    >>> import blocs
    >>> report = balance_report(blocs.load("russia-iran-2017"))
    >>> report.overall.frustration.optimal
    True
    """
    from blocs.scenario.model import CHANNELS
    from blocs.scenario.network import signed_graph

    names = list(CHANNELS if channels is None else channels)
    for name in names:
        if name not in CHANNELS:
            raise ModelInputError(f"channel {name!r} is not one of {', '.join(CHANNELS)}")
    out: dict[str, ChannelBalance] = {}
    graphs = {name: signed_graph(scenario, None if name == "overall" else name) for name in names}
    graphs["overall"] = signed_graph(scenario)
    # only graphs too large to enumerate go to the time-limited program
    searched = sum(2 for g in graphs.values() if g.number_of_nodes() > ENUMERATE_LIMIT)
    budget = TimeBudget(time_limit, solves=searched)
    for name, g in graphs.items():
        big = g.number_of_nodes() > ENUMERATE_LIMIT
        out[name] = ChannelBalance(
            channel=name,
            census=triad_census(g),
            frustration=frustration_index(
                g, seed=seed, time_limit=budget.next_limit() if big else None
            ),
            weighted=frustration_index(
                g, weighted=True, seed=seed, time_limit=budget.next_limit() if big else None
            ),
        )
    return BalanceReport(scenario.id, out)
