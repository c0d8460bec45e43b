"""Time limits of the frustration solves: the best found, said to be not proven, where the limit
binds; a budget shared by every solve of a balance report."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import ModelInputError
from blocs.models.balance import balance_report, frustration_index
from blocs.models.frustration.budget import MIN_SOLVE_SECONDS, TimeBudget
from blocs.models.frustration.local_search import frustration_of
from blocs.models.signed import signed_edges
from blocs.scenario.model import Scenario


def dense_graph(n: int, seed: int = 3) -> nx.Graph:
    """Every pair of ``n`` nodes tied, random signs and weights (far too hard to prove fast)."""
    rng = np.random.default_rng(seed)
    g = nx.Graph()
    for i, j in itertools.combinations(range(n), 2):
        w = float(rng.choice([-1, 1]) * rng.integers(1, 10) / 10)
        g.add_edge(i, j, weight=w, sign=1 if w > 0 else -1)
    return g


def dense_scenario(n: int, seed: int = 5) -> Scenario:
    rng = np.random.default_rng(seed)
    ids = ["".join(t) for t in itertools.islice(itertools.product("ABCDEFGH", repeat=3), n)]
    ev = [{"source": "doc", "paragraph": 1, "claim": "c"}]
    return Scenario.model_validate(
        {
            "id": "dense",
            "title": "dense",
            "sources": [{"id": "doc", "title": "d", "kind": "dataset", "paragraphs": 1}],
            "actors": [{"id": a, "name": a} for a in ids],
            "ties": [
                {
                    "pair": [a, b],
                    "channel": "military",
                    "strength": round(float(rng.uniform(-1, 1)), 2) or 0.1,
                    "rationale": "r",
                    "evidence": ev,
                }
                for a, b in itertools.combinations(ids, 2)
            ],
        }
    )


def test_a_binding_time_limit_gives_the_best_found_not_proven() -> None:
    g = dense_graph(40)
    r = frustration_index(g, method="exact", time_limit=0.01)
    assert r.time_limited and not r.optimal
    assert r.time_limit == 0.01
    assert "best found, not proven" in r.proof
    assert 0 <= r.lower_bound <= r.value
    # the value is that of the camps reported, not a made-up number
    e = signed_edges(g)
    camp = {x: (1 if x in r.camps[0] else -1) for x in e.nodes}
    labels = np.array([camp[x] for x in e.nodes])
    assert frustration_of(labels, e.u, e.v, e.signed_costs(False)) == r.value


def test_without_a_binding_limit_the_result_is_proven() -> None:
    g = dense_graph(12)
    limited = frustration_index(g, method="exact", time_limit=60)
    assert limited.optimal and not limited.time_limited
    assert limited.value == frustration_index(g, method="enumerate").value


def test_the_report_shares_one_budget_and_says_not_proven() -> None:
    report = balance_report(dense_scenario(30), ["military"], time_limit=0.01)
    overall = report.overall
    assert overall.frustration.time_limited and overall.weighted.time_limited
    # four solves (military and overall, each plain and weighted), each given the least share
    assert overall.frustration.time_limit == pytest.approx(MIN_SOLVE_SECONDS)
    assert "best found, not proven" in report.reading()


def test_small_networks_are_enumerated_without_a_limit() -> None:
    import blocs

    report = balance_report(blocs.load("russia-iran-2017"), time_limit=0.01)
    assert report.overall.frustration.optimal
    assert report.overall.frustration.time_limit is None


def test_the_budget_gives_each_solve_a_share_of_what_is_left() -> None:
    budget = TimeBudget(8.0, solves=4)
    first = budget.next_limit()
    assert first is not None and 1.9 < first <= 2.0
    with pytest.raises(ModelInputError, match="time_limit"):
        TimeBudget(0, solves=1)


def test_balance_command_time_limit(tmp_path) -> None:
    g = dense_graph(40)
    csv = tmp_path / "dense.csv"
    csv.write_text(
        "source,target,sign\n" + "".join(f"{a},{b},{d['sign']}\n" for a, b, d in g.edges(data=True))
    )
    result = CliRunner().invoke(app, ["balance", str(csv), "--time-limit", "0.01", "--json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    assert data["frustration"]["time_limited"] is True
    assert data["frustration"]["optimal"] is False
