"""The exact pipeline: reduce, split into blocks, solve each block, stitch, lift.

1. :func:`~blocs.models.frustration.reduce.reduce_graph` shrinks the graph to a kernel plus a
   constant (exact);
2. the kernel is split into biconnected blocks: every cycle lies inside one block, so the least
   frustration is the sum over blocks, and the blocks' labellings agree on the shared
   (articulation) nodes after flipping whole blocks; a block that lost edges in the split is
   reduced again, recursively;
3. a block is solved by min-sum variable elimination when its elimination order is narrow
   enough, else by the binary program (CP-SAT by default) warm-started by the local search;
4. the labels are stitched across blocks and lifted through the merges.

Every block records how it was solved (``steps``), so the proof of optimality can be shown.

Examples
--------
>>> import numpy as np
>>> s = solve_exact(4, np.array([0, 1, 2, 3]), np.array([1, 2, 3, 0]), np.array([1.0, 1, 1, -1]))
>>> s.value, s.optimal
(1.0, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np

from blocs.models.frustration.eliminate import MAX_TABLE, eliminate, elimination_order
from blocs.models.frustration.ip import Solver, solve_ip
from blocs.models.frustration.local_search import frustration_of, local_search
from blocs.models.frustration.reduce import Adjacency, adjacency, reduce_graph

BlockMethod = Literal["auto", "ip"]

_SAME = np.array([[0.0, 1.0], [1.0, 0.0]])  # cost per unit weight of a positive edge
_APART = np.array([[1.0, 0.0], [0.0, 1.0]])  # ... of a negative edge (frustrated when together)


@dataclass
class ExactSolution:
    """Labels (±1 per node), value, proven lower bound, and one record per solved block."""

    labels: np.ndarray
    value: float
    lower_bound: float
    optimal: bool
    steps: list[dict[str, Any]] = field(default_factory=list)
    reduced_offset: float = 0.0
    kernel_nodes: int = 0


def _blocks_in_stitch_order(adj: Adjacency) -> list[set[int]]:
    g = nx.Graph()
    g.add_nodes_from(adj)
    g.add_edges_from((i, j) for i, nb in adj.items() for j in nb if i < j)
    blocks = [set(b) for b in nx.biconnected_components(g)]
    where: dict[int, list[int]] = {}
    for bi, b in enumerate(blocks):
        for x in b:
            where.setdefault(x, []).append(bi)
    done = [False] * len(blocks)
    order: list[set[int]] = []
    for start in range(len(blocks)):
        if done[start]:
            continue
        done[start] = True
        stack = [start]
        while stack:
            bi = stack.pop()
            order.append(blocks[bi])
            for x in blocks[bi]:
                for bj in where[x]:
                    if not done[bj]:
                        done[bj] = True
                        stack.append(bj)
    return order


class _Solver:
    def __init__(
        self,
        *,
        method: BlockMethod,
        reductions: bool,
        solver: Solver,
        time_limit: float | None,
        workers: int,
        max_table: int,
        rng: np.random.Generator,
    ) -> None:
        self.method = method
        self.reductions = reductions
        self.solver = solver
        self.time_limit = time_limit
        self.workers = workers
        self.max_table = max_table
        self.rng = rng
        self.steps: list[dict[str, Any]] = []
        self.offset = 0.0
        self.kernel_nodes = 0

    def solve(self, adj: Adjacency, depth: int = 0) -> tuple[dict[int, int], float, bool]:
        kernel = reduce_graph(adj, rules=self.reductions)
        self.offset += kernel.offset
        if depth == 0:
            self.kernel_nodes = len(kernel.adj)
        labels: dict[int, int] = {}
        bound, proven = kernel.offset, True
        blocks = _blocks_in_stitch_order(kernel.adj)
        for block in blocks:
            sub = {i: {j: w for j, w in kernel.adj[i].items() if j in block} for i in block}
            if len(block) <= 2:
                y = self._pair(sub)
                b, ok = 0.0, True
            elif len(blocks) > 1 and self.reductions:
                y, b, ok = self.solve(sub, depth + 1)
            else:
                y, b, ok = self._direct(sub)
            bound += b
            proven = proven and ok
            shared = next((x for x in block if x in labels), None)
            flip = labels[shared] * y[shared] if shared is not None else 1
            for x, lab in y.items():
                labels[x] = flip * lab
        return kernel.lift(labels), bound, proven

    @staticmethod
    def _pair(sub: Adjacency) -> dict[int, int]:
        nodes = sorted(sub)
        if len(nodes) == 1:
            return {nodes[0]: 1}
        a, b = nodes
        return {a: 1, b: 1 if sub[a][b] > 0 else -1}

    def _direct(self, sub: Adjacency) -> tuple[dict[int, int], float, bool]:
        nodes = sorted(sub)
        index = {x: i for i, x in enumerate(nodes)}
        pairs = [(index[i], index[j], w) for i in nodes for j, w in sub[i].items() if i < j]
        n = len(nodes)
        u = np.array([p[0] for p in pairs], dtype=np.int64)
        v = np.array([p[1] for p in pairs], dtype=np.int64)
        a = np.array([p[2] for p in pairs], dtype=np.float64)
        record: dict[str, Any] = {"nodes": n, "edges": len(pairs)}
        if self.method == "auto":
            width = elimination_order(n, list(zip(u.tolist(), v.tolist(), strict=True)))[1]
            if 2 ** (width + 1) <= self.max_table:
                tables = [
                    (int(i), int(j), abs(w) * (_SAME if w > 0 else _APART))
                    for i, j, w in zip(u, v, a, strict=True)
                ]
                result = eliminate(n, 2, tables, max_table=self.max_table)
                if result is not None:
                    value, lab = result
                    x = np.where(np.array(lab) > 0, -1, 1)
                    record.update(method="elimination", width=width, value=value)
                    self.steps.append(record)
                    return {nodes[i]: int(x[i]) for i in range(n)}, value, True
            record["width"] = width
        start = local_search(n, u, v, a, seed=self.rng)[1]
        res = solve_ip(
            n,
            u,
            v,
            a,
            solver=self.solver,
            time_limit=self.time_limit,
            hint=start,
            workers=self.workers,
        )
        record.update(method=f"ip-{res.solver}", status=res.status, value=res.value)
        record["bound"] = res.bound
        self.steps.append(record)
        return {nodes[i]: int(res.labels[i]) for i in range(n)}, res.bound, res.optimal


def solve_exact(
    n: int,
    u: np.ndarray,
    v: np.ndarray,
    a: np.ndarray,
    *,
    method: BlockMethod = "auto",
    reductions: bool = True,
    solver: Solver = "cpsat",
    time_limit: float | None = None,
    workers: int = 2,
    max_table: int = MAX_TABLE,
    seed: int | np.random.Generator | None = 0,
) -> ExactSolution:
    """The least frustration of the graph with signed costs ``a`` (see the module docstring).

    ``method="ip"`` sends every block to the binary program (no elimination);
    ``reductions=False`` keeps only the split into blocks.
    """
    rng = np.random.default_rng(seed)
    worker = _Solver(
        method=method,
        reductions=reductions,
        solver=solver,
        time_limit=time_limit,
        workers=workers,
        max_table=max_table,
        rng=rng,
    )
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    a = np.asarray(a, dtype=np.float64)
    found, bound, proven = worker.solve(adjacency(u, v, a))
    labels = np.ones(n, dtype=np.int64)
    for x, lab in found.items():
        labels[x] = lab
    value = frustration_of(labels, u, v, a)
    tol = 1e-9 * max(1.0, float(np.abs(a).sum()))
    if proven and abs(value - bound) > tol:  # pragma: no cover - would be a bug in a rule
        raise RuntimeError(f"internal error: proven bound {bound} differs from value {value}")
    if proven:
        bound = value
    return ExactSolution(
        labels=labels,
        value=value,
        lower_bound=min(bound, value),
        optimal=proven,
        steps=worker.steps,
        reduced_offset=worker.offset,
        kernel_nodes=worker.kernel_nodes,
    )
