"""Command ``balance``: triad census, frustration index with its camps and proof, and (with
``--clusters K``) Doreian–Mrvar k-way clusterability, for a scenario or a signed edge CSV.

It reads the input, calls :mod:`blocs.models.balance` and :mod:`blocs.models.clusterability`,
and renders the results; it computes nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from blocs.commands.common import (
    CHANNEL_OPTION,
    JSON_OPTION,
    SEED_OPTION,
    TIME_LIMIT_OPTION,
    ChannelChoice,
    channel_value,
    console,
    print_json,
    time_limit_or_none,
    user_errors,
)
from blocs.errors import ModelInputError
from blocs.scenario.library import DEFAULT

if TYPE_CHECKING:
    from blocs.models.balance import FrustrationResult, TriadCensus
    from blocs.models.clusterability import ClusterResult

SHOW = 12


class BalanceMethod(StrEnum):
    """The frustration-index methods (see :mod:`blocs.models.balance`)."""

    auto = "auto"
    enumerate = "enumerate"
    exact = "exact"
    ip = "ip"
    heuristic = "heuristic"


@dataclass(frozen=True)
class BalanceOutput:
    """What ``blocs balance`` prints: the input named, the census, L, the clusters."""

    source: str
    channel: str | None
    census: TriadCensus = field(metadata={"json": "triads"})
    frustration: FrustrationResult
    clusters: ClusterResult | None


def _names(nodes: tuple[Any, ...], limit: int = 40) -> str:
    shown = ", ".join(str(x) for x in nodes[:limit])
    return shown + (f", … ({len(nodes)} in all)" if len(nodes) > limit else "")


def _render(out: BalanceOutput) -> None:
    from rich.table import Table

    c, f = out.census, out.frustration
    where = out.source + (f" [{out.channel}]" if out.channel else "")
    console.print(f"[bold]Structural balance[/] of {where}: {f.n_nodes} nodes, {f.n_edges} ties")
    table = Table(
        "triangles", "balanced", "unbalanced", "triangle index", "+++", "+--", "++-", "---"
    )
    pattern = c.by_pattern
    index = "—" if c.triangle_index is None else f"{c.triangle_index:.3f}"
    table.add_row(
        str(c.total),
        str(c.balanced),
        str(c.unbalanced),
        index,
        *(str(pattern[p]) for p in ("+++", "+--", "++-", "---")),
    )
    console.print(table)
    if c.triads and c.total <= SHOW:
        triads = Table("triad", "signs ab bc ac", "balanced", title="Triads")
        for t in c.triads:
            signs = " ".join("+" if s > 0 else "-" for s in t.signs)
            triads.add_row(" – ".join(map(str, t.nodes)), signs, "yes" if t.balanced else "no")
        console.print(triads)
    kind = "total |weight|" if f.weighted else "edges"
    status = "[green]proven optimal[/]" if f.optimal else "[yellow]not proven[/]"
    console.print(
        f"Frustration index L = [bold]{f.value:g}[/] ({kind}); normalised 1 − 2L/m = "
        f"{f.normalized:.3f}; {status} by {f.method}, lower bound {f.lower_bound:g}",
        highlight=False,
    )
    console.print(f"  proof: {f.proof}", highlight=False, markup=False)
    for i, camp in enumerate(f.camps, start=1):
        console.print(f"  camp {i}: {_names(camp)}", highlight=False, markup=False)
    if f.isolated:
        console.print(f"  untied: {_names(f.isolated)}", highlight=False, markup=False)
    if f.all_optimal is not None:
        console.print(f"  optimal partitions: {len(f.all_optimal)}", highlight=False)
    if f.frustrated_edges:
        edges = "; ".join(f"{a}–{b}" for a, b in f.frustrated_edges[: SHOW * 2])
        more = (
            f" … ({len(f.frustrated_edges)} in all)" if len(f.frustrated_edges) > SHOW * 2 else ""
        )
        console.print(f"  frustrated ties: {edges}{more}", highlight=False, markup=False)
    if out.clusters is not None:
        k = out.clusters
        status = "optimal" if k.optimal else "best found"
        console.print(
            f"Clusters (at most {k.k}, α = {k.alpha:g}): criterion P = {k.criterion:g}, "
            f"{k.inconsistencies} inconsistent ties ({status}, {k.method})",
            highlight=False,
        )
        for i, cluster in enumerate(k.clusters, start=1):
            console.print(f"  cluster {i}: {_names(cluster)}", highlight=False, markup=False)


@user_errors
def balance(
    target: str = typer.Argument(
        DEFAULT, help="A built-in scenario name, a scenario YAML file, or a signed edge .csv."
    ),
    channel: ChannelChoice | None = CHANNEL_OPTION,
    clusters: int = typer.Option(
        None, "--clusters", "-k", help="Also find the best partition into at most K clusters."
    ),
    weighted: bool = typer.Option(False, "--weighted", help="Count |weight| instead of edges."),
    method: BalanceMethod = typer.Option(
        BalanceMethod.auto, "--method", help="How to find the frustration index."
    ),
    window: str = typer.Option(None, "--window", help="Window of a multi-window edge CSV."),
    seed: int = SEED_OPTION,
    time_limit: float = TIME_LIMIT_OPTION,
    json: bool = JSON_OPTION,
) -> None:
    """Triads, frustration index with its two camps and proof, and k-way clusters."""
    from blocs.models.balance import frustration_index, triad_census
    from blocs.models.clusterability import clusterability
    from blocs.models.signed import read_edge_csv

    if target.lower().endswith(".csv"):
        if channel is not None:
            raise ModelInputError("--channel applies to scenarios, not to edge files")
        graph = read_edge_csv(target, window=window)
    else:
        from blocs.scenario import load
        from blocs.scenario.network import signed_graph

        graph = signed_graph(load(target), channel_value(channel))
    result = BalanceOutput(
        source=target + (f" ({window})" if window else ""),
        channel=channel_value(channel),
        census=triad_census(graph),
        frustration=frustration_index(
            graph,
            weighted=weighted,
            method=method.value,
            seed=seed,
            time_limit=time_limit_or_none(time_limit),
        ),
        clusters=(
            None
            if clusters is None
            else clusterability(graph, clusters, weighted=weighted, seed=seed)
        ),
    )
    if json:
        print_json(result)
    else:
        _render(result)


def register(app: typer.Typer) -> None:
    """Add ``balance`` to the ``blocs`` app."""
    app.command("balance")(balance)
