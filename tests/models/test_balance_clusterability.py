"""k-way balance (Doreian & Mrvar 1996): the Gahuku–Gama three-cluster solution, exact methods
that agree with enumeration, and the relocation heuristic never below the optimum."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.errors import ModelInputError
from blocs.models.clusterability import clusterability
from blocs.models.signed import from_edges, read_edge_csv


@pytest.fixture(scope="module")
def gahuku(shared_data):
    return read_edge_csv(shared_data / "gahuku-gama" / "gahuku_gama_edges.csv")


def test_gahuku_gama_three_clusters_have_two_inconsistencies(gahuku) -> None:
    r = clusterability(gahuku, 3)
    assert r.optimal and r.method == "exact"
    assert r.inconsistencies == 2
    assert r.criterion == pytest.approx(1.0)  # alpha = 0.5: half the count
    assert len(r.clusters) == 3
    assert {"Gavev", "Kotun", "Nagad", "Gama"} in [set(c) for c in r.clusters]
    relocated = clusterability(gahuku, 3, method="relocation", seed=1)
    assert relocated.criterion >= r.criterion and not relocated.optimal
    assert relocated.seed == 1


def test_two_clusters_reproduce_the_frustration_index(gahuku) -> None:
    r = clusterability(gahuku, 2)
    assert r.inconsistencies == 7 and r.criterion == pytest.approx(3.5)


def test_alpha_weighs_the_two_errors() -> None:
    g = from_edges([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)])
    only_negative = clusterability(g, 2, alpha=1.0)  # positive ties between cost nothing
    assert only_negative.criterion == 0.0
    with pytest.raises(ModelInputError, match="alpha"):
        clusterability(g, 2, alpha=2.0)
    with pytest.raises(ModelInputError, match="k must be"):
        clusterability(g, 0)


@st.composite
def small_graphs(draw) -> nx.Graph:
    n = draw(st.integers(2, 7))
    pairs = list(combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    return from_edges([(a, b, draw(st.sampled_from([-2, -1, 1, 3]))) for a, b in chosen])


@settings(max_examples=40, deadline=None)
@given(small_graphs(), st.integers(1, 3), st.sampled_from([0.3, 0.5]), st.booleans())
def test_exact_equals_enumeration(g: nx.Graph, k: int, alpha: float, weighted: bool) -> None:
    enumerated = clusterability(g, k, alpha=alpha, weighted=weighted, method="enumerate")
    exact = clusterability(g, k, alpha=alpha, weighted=weighted, method="exact")
    relocated = clusterability(g, k, alpha=alpha, weighted=weighted, method="relocation")
    assert exact.criterion == pytest.approx(enumerated.criterion)
    assert relocated.criterion >= enumerated.criterion - 1e-9
    assert enumerated.all_optimal is not None and exact.clusters in enumerated.all_optimal
    assert len(exact.clusters) <= k
