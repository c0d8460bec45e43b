"""Signed graphs as the balance models read them: networkx graphs, edge lists and edge CSV files.

A signed graph is an undirected networkx ``Graph`` whose edges carry ``sign`` (+1 or −1) and/or
``weight`` (a signed, non-zero number), the shape :func:`blocs.scenario.network.signed_graph`
returns. An edge's *sign* is its ``sign`` attribute, else the sign of its ``weight``; its
*magnitude* (what ``weighted=True`` counts) is ``|weight|``, else 1. Models convert a graph once
into :class:`SignedEdges`, plain arrays over nodes numbered in the graph's order.

Edge CSV files have a header with ``source,target`` and ``sign`` and/or ``weight`` (and optionally
a ``window`` column, as in the Correlates of War moving-window files).

Examples
--------
>>> g = from_edges([("A", "B", 1), ("B", "C", -1), ("A", "C", -0.5)])
>>> e = signed_edges(g)
>>> e.nodes, e.sign.tolist(), e.weight.tolist()
(('A', 'B', 'C'), [1, -1, -1], [1.0, 0.5, 1.0])
"""

from __future__ import annotations

import csv
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from blocs.errors import DataFormatError, ModelInputError


@dataclass(frozen=True)
class SignedEdges:
    """A signed graph as arrays: edge ``e`` joins ``nodes[u[e]]`` and ``nodes[v[e]]``, with
    ``sign[e]`` in {+1, −1} and magnitude ``weight[e] > 0``."""

    nodes: tuple[Hashable, ...]
    u: np.ndarray
    v: np.ndarray
    sign: np.ndarray
    weight: np.ndarray

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def m(self) -> int:
        """Number of edges."""
        return len(self.u)

    def costs(self, weighted: bool) -> np.ndarray:
        """What each edge costs when frustrated: its magnitude, or 1 when not ``weighted``."""
        return self.weight.copy() if weighted else np.ones(self.m)

    def signed_costs(self, weighted: bool) -> np.ndarray:
        """``sign * cost`` per edge."""
        return self.sign * self.costs(weighted)

    def pair(self, e: int) -> tuple[Hashable, Hashable]:
        """The two node labels of edge ``e``."""
        return self.nodes[int(self.u[e])], self.nodes[int(self.v[e])]


def _edge_sign_weight(a: Any, b: Any, data: dict[str, Any]) -> tuple[int, float]:
    sign = data.get("sign")
    weight = data.get("weight")
    if weight is not None:
        weight = float(weight)
        if not math.isfinite(weight) or weight == 0.0:
            raise ModelInputError(
                f"edge ({a!r}, {b!r}): weight {weight!r} must be a finite non-zero number"
                " (leave out pairs without a tie)"
            )
    if sign is not None:
        s = float(sign)
        if s == 0.0 or not math.isfinite(s):
            raise ModelInputError(f"edge ({a!r}, {b!r}): sign {sign!r} must be +1 or -1")
        s_int = 1 if s > 0 else -1
        if weight is not None and (weight > 0) != (s_int > 0):
            raise ModelInputError(
                f"edge ({a!r}, {b!r}): sign {sign!r} contradicts weight {weight!r}; make them agree"
            )
        return s_int, abs(weight) if weight is not None else 1.0
    if weight is None:
        raise ModelInputError(
            f"edge ({a!r}, {b!r}) has neither 'sign' nor 'weight'; give it one of them"
        )
    return (1 if weight > 0 else -1), abs(weight)


def signed_edges(graph: nx.Graph | SignedEdges) -> SignedEdges:
    """The arrays of a signed graph (nodes in the graph's order, edges in its edge order).

    Raises :class:`~blocs.errors.ModelInputError` for directed graphs, multigraphs, self-loops
    and edges without a usable sign.

    >>> signed_edges(from_edges([(1, 2, -2.0)])).weight.tolist()
    [2.0]
    """
    if isinstance(graph, SignedEdges):
        return graph
    if not isinstance(graph, nx.Graph):
        raise ModelInputError(
            f"expected a networkx Graph or SignedEdges, got {type(graph).__name__};"
            " build one with from_edges([(a, b, sign), ...])"
        )
    if graph.is_directed() or graph.is_multigraph():
        raise ModelInputError(
            "a signed graph must be an undirected simple nx.Graph; convert it first"
            " (for example nx.Graph(g.to_undirected()) after merging parallel ties)"
        )
    nodes = tuple(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    m = graph.number_of_edges()
    u = np.empty(m, dtype=np.int64)
    v = np.empty(m, dtype=np.int64)
    sign = np.empty(m, dtype=np.int64)
    weight = np.empty(m, dtype=np.float64)
    for e, (a, b, data) in enumerate(graph.edges(data=True)):
        if a == b:
            raise ModelInputError(f"self-loop on {a!r}: a node cannot be tied to itself")
        u[e], v[e] = index[a], index[b]
        sign[e], weight[e] = _edge_sign_weight(a, b, data)
    return SignedEdges(nodes, u, v, sign, weight)


def to_graph(edges: SignedEdges) -> nx.Graph:
    """The networkx graph of ``edges`` (``sign`` and signed ``weight`` on every edge)."""
    g = nx.Graph()
    g.add_nodes_from(edges.nodes)
    for e in range(edges.m):
        a, b = edges.pair(e)
        g.add_edge(a, b, sign=int(edges.sign[e]), weight=float(edges.sign[e] * edges.weight[e]))
    return g


def from_edges(edges: Iterable[tuple[Hashable, Hashable, float]]) -> nx.Graph:
    """A signed graph from ``(a, b, value)`` triples: ``value`` is the signed weight (±1 for a
    plain sign). A pair given twice or a zero value is an error.

    >>> g = from_edges([("RUS", "IRN", 1), ("RUS", "USA", -1)])
    >>> g["RUS"]["USA"]["sign"]
    -1
    """
    g = nx.Graph()
    for k, item in enumerate(edges):
        try:
            a, b, value = item
        except (TypeError, ValueError):
            raise ModelInputError(
                f"edge {k}: expected a triple (a, b, signed value), got {item!r}"
            ) from None
        value = float(value)
        if a == b:
            raise ModelInputError(f"edge {k}: self-loop on {a!r}")
        if value == 0.0 or not math.isfinite(value):
            raise ModelInputError(f"edge {k} ({a!r}, {b!r}): value must be finite and non-zero")
        if g.has_edge(a, b):
            raise ModelInputError(f"edge {k}: pair ({a!r}, {b!r}) given twice; merge the ties")
        g.add_edge(a, b, weight=value, sign=1 if value > 0 else -1)
    return g


_SIGNS = {"1": 1, "+1": 1, "+": 1, "-1": -1, "-": -1, "1.0": 1, "-1.0": -1}


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataFormatError(
            f"cannot read the edge file: {exc.strerror}", file=str(path)
        ) from None
    lines = text.splitlines()
    reader = csv.reader(lines)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise DataFormatError(
            "empty file; expected a header source,target,sign", file=str(path)
        ) from None
    rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    return header, rows


def read_edge_csv_windows(path: str | Path, *, column: str = "window") -> dict[str, nx.Graph]:
    """Every window of an edge CSV with a ``window`` column, as ``{window: graph}`` in file
    order (a file without the column gives one graph under the key ``""``).

    Columns: ``source``, ``target`` and ``sign`` (+1/−1) and/or ``weight`` (signed, non-zero).
    Malformed rows are all counted; the error names the first one's line.
    """
    path = Path(path)
    header, rows = _read_rows(path)
    missing = [c for c in ("source", "target") if c not in header]
    if missing or not ({"sign", "weight"} & set(header)):
        raise DataFormatError(
            f"header {','.join(header)!r} lacks {', '.join(missing) or 'sign or weight'};"
            " expected columns source,target and sign and/or weight",
            file=str(path),
            line=1,
        )
    col = {name: header.index(name) for name in header}
    graphs: dict[str, nx.Graph] = {}
    errors: list[tuple[int, str]] = []
    for line, row in rows:
        if len(row) != len(header):
            errors.append((line, f"expected {len(header)} fields, found {len(row)}"))
            continue
        a, b = row[col["source"]].strip(), row[col["target"]].strip()
        key = row[col[column]].strip() if column in col else ""
        if not a or not b:
            errors.append((line, "source and target must not be empty"))
            continue
        if a == b:
            errors.append((line, f"self-loop on {a!r}"))
            continue
        data: dict[str, Any] = {}
        if "sign" in col:
            raw = row[col["sign"]].strip()
            if raw not in _SIGNS:
                errors.append((line, f"sign {raw!r} is not +1 or -1"))
                continue
            data["sign"] = _SIGNS[raw]
        if "weight" in col:
            raw = row[col["weight"]].strip()
            try:
                w = float(raw)
            except ValueError:
                errors.append((line, f"weight {raw!r} is not a number"))
                continue
            if w == 0.0 or not math.isfinite(w):
                errors.append((line, f"weight {raw!r} must be finite and non-zero"))
                continue
            if "sign" in data and (w > 0) != (data["sign"] > 0):
                errors.append((line, f"weight {raw!r} contradicts sign {data['sign']:+d}"))
                continue
            data["weight"] = w
        g = graphs.setdefault(key, nx.Graph())
        if g.has_edge(a, b):
            errors.append((line, f"pair ({a}, {b}) appears twice" + (f" in {key}" if key else "")))
            continue
        g.add_edge(a, b, **data)
    if errors:
        line, message = errors[0]
        extra = f" ({len(errors)} malformed rows in all; fix them and retry)"
        raise DataFormatError(message + extra, file=str(path), line=line)
    if not graphs:
        raise DataFormatError("no edges found below the header", file=str(path))
    return graphs


def read_edge_csv(path: str | Path, *, window: str | None = None) -> nx.Graph:
    """A signed graph from an edge CSV (``source,target,sign`` or ``source,target,weight``).

    A file with a ``window`` column holds several graphs: pass ``window`` to pick one (it is
    required when there are several).

    Raises :class:`~blocs.errors.DataFormatError` naming the file and the first malformed line.
    """
    graphs = read_edge_csv_windows(path)
    if window is None:
        if len(graphs) > 1:
            first = ", ".join(list(graphs)[:3])
            raise DataFormatError(
                f"the file holds {len(graphs)} windows ({first}, …); pick one with window="
                " (--window on the command line)",
                file=str(path),
            )
        return next(iter(graphs.values()))
    if window not in graphs:
        raise DataFormatError(
            f"window {window!r} not found; the file has {', '.join(list(graphs)[:5])}, …",
            file=str(path),
        )
    return graphs[window]
