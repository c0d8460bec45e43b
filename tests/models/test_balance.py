"""Structural balance: triads, the frustration index on hand-checked graphs and on Read's (1954)
Gahuku–Gama tribes, solvers that agree, Hypothesis properties, and the scenario report."""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.errors import ModelInputError
from blocs.models.balance import (
    balance_report,
    frustration_index,
    triad_census,
    triangle,
)
from blocs.models.signed import from_edges, read_edge_csv
from blocs.results import to_jsonable

# -- helpers --------------------------------------------------------------------------------------


def is_balanced(g: nx.Graph) -> bool:
    """Independent check (Harary): the nodes 2-colour with positive ties inside, negative across."""
    side: dict = {}
    for start in g:
        if start in side:
            continue
        side[start] = 1
        stack = [start]
        while stack:
            x = stack.pop()
            for y, data in g[x].items():
                want = side[x] * (1 if data["weight"] > 0 else -1)
                if y not in side:
                    side[y] = want
                    stack.append(y)
                elif side[y] != want:
                    return False
    return True


def brute_force(g: nx.Graph, weighted: bool = False) -> float:
    """Least frustration by trying every labelling (independent of the package's enumerator)."""
    nodes = list(g)
    best = np.inf
    for code in range(1 << max(len(nodes) - 1, 0)):
        side = {x: (code >> i) & 1 for i, x in enumerate(nodes)}
        cost = 0.0
        for a, b, d in g.edges(data=True):
            together = side[a] == side[b]
            if together != (d["weight"] > 0):
                cost += abs(d["weight"]) if weighted else 1.0
        best = min(best, cost)
    return best


@st.composite
def signed_graphs(draw, max_nodes: int = 8, weighted: bool = False) -> nx.Graph:
    n = draw(st.integers(2, max_nodes))
    pairs = list(combinations(range(n), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    values = st.integers(-3, 3).filter(bool) if weighted else st.sampled_from([-1, 1])
    return from_edges([(a, b, draw(values)) for a, b in chosen])


# -- triads ---------------------------------------------------------------------------------------


def test_the_headline_triad_russia_iran_against_the_us_is_balanced() -> None:
    g = from_edges([("RUS", "IRN", 1), ("RUS", "USA", -1), ("IRN", "USA", -1)])
    t = triangle(g, "RUS", "IRN", "USA")
    assert t.balanced
    assert t.signs == (1, -1, -1)
    assert t.pattern == "+--"


@pytest.mark.parametrize(
    ("signs", "balanced"),
    [((1, 1, 1), True), ((1, -1, -1), True), ((1, 1, -1), False), ((-1, -1, -1), False)],
)
def test_heider_triads(signs: tuple[int, int, int], balanced: bool) -> None:
    g = from_edges([("a", "b", signs[0]), ("b", "c", signs[1]), ("a", "c", signs[2])])
    assert triangle(g, "a", "b", "c").balanced is balanced
    census = triad_census(g)
    assert (census.total, census.balanced) == (1, int(balanced))


def test_triangle_names_the_missing_tie() -> None:
    g = from_edges([("a", "b", 1), ("b", "c", 1)])
    with pytest.raises(ModelInputError, match="'a' and 'c' have no tie"):
        triangle(g, "a", "b", "c")
    with pytest.raises(ModelInputError, match="'z' is not a node"):
        triangle(g, "a", "b", "z")


def test_census_counts_every_triangle_of_k4() -> None:
    g = from_edges([(a, b, -1 if "d" in (a, b) else 1) for a, b in combinations("abcd", 2)])
    census = triad_census(g)
    assert census.total == 4
    assert census.by_pattern == {"+++": 1, "+--": 3, "++-": 0, "---": 0}
    assert census.triangle_index == 1.0
    assert triad_census(from_edges([("a", "b", 1)])).triangle_index is None


# -- frustration index on hand-checked graphs -----------------------------------------------------


def test_triangle_with_one_negative_edge() -> None:
    r = frustration_index(from_edges([("A", "B", 1), ("B", "C", 1), ("A", "C", -1)]))
    assert r.value == 1 and r.optimal and r.lower_bound == 1
    assert r.all_optimal is not None and len(r.all_optimal) == 3  # cut any one of the edges
    assert r.normalized == pytest.approx(1 - 2 / 3)
    assert len(r.frustrated_edges) == 1


def test_balanced_four_cycle_has_no_frustration() -> None:
    g = from_edges([("a", "b", 1), ("b", "c", -1), ("c", "d", 1), ("d", "a", -1)])
    r = frustration_index(g)
    assert r.value == 0 and r.balanced and r.normalized == 1.0
    assert r.camps == (("a", "b"), ("c", "d"))
    assert r.all_optimal == (r.camps,)


def test_unbalanced_four_cycle_has_four_optimal_splits() -> None:
    g = from_edges([("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "a", -1)])
    r = frustration_index(g)
    assert r.value == 1
    assert r.all_optimal is not None and len(r.all_optimal) == 4


def test_all_negative_k4_splits_two_and_two() -> None:
    g = from_edges([(a, b, -1) for a, b in combinations("abcd", 2)])
    r = frustration_index(g)
    assert r.value == 2
    assert sorted(len(c) for c in r.camps) == [2, 2]


def test_weighted_index_cuts_the_light_edge() -> None:
    g = from_edges([("A", "B", 3.0), ("B", "C", 2.0), ("A", "C", -0.5)])
    r = frustration_index(g, weighted=True)
    assert r.value == pytest.approx(0.5)
    assert r.camps == (("A", "B", "C"), ())
    assert r.frustrated_edges == (("A", "C"),)
    assert r.normalized == pytest.approx(1 - 2 * 0.5 / 5.5)
    assert frustration_index(g).value == 1


def test_untied_nodes_are_listed_apart() -> None:
    g = from_edges([("a", "b", -1)])
    g.add_node("loner")
    r = frustration_index(g)
    assert r.isolated == ("loner",)
    assert "loner" not in r.camps[0] + r.camps[1]
    assert r.all_optimal is not None and len(r.all_optimal) == 1


def test_empty_and_unknown_method() -> None:
    g = nx.Graph()
    g.add_node("x")
    assert frustration_index(g).value == 0
    with pytest.raises(ModelInputError, match="method 'magic'"):
        frustration_index(from_edges([("a", "b", 1)]), method="magic")  # type: ignore[arg-type]


def test_result_dict_is_json_with_stable_keys() -> None:
    r = frustration_index(from_edges([("A", "B", 1), ("B", "C", 1), ("A", "C", -1)]), seed=5)
    d = json.loads(json.dumps(to_jsonable(r)))
    assert set(d) == {
        "value", "weighted", "normalized", "balanced", "n_nodes", "n_edges", "total", "camps",
        "isolated", "frustrated_edges", "optimal", "lower_bound", "method", "proof",
        "all_optimal", "seed", "steps", "time_limit", "time_limited",
    }  # fmt: skip
    assert d["seed"] == 5


# -- Read (1954): Gahuku-Gama ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def gahuku(shared_data):
    return read_edge_csv(shared_data / "gahuku-gama" / "gahuku_gama_edges.csv")


def test_gahuku_gama_network_and_triads(gahuku) -> None:
    signs = [d["sign"] for *_, d in gahuku.edges(data=True)]
    assert (gahuku.number_of_nodes(), len(signs), signs.count(1)) == (16, 58, 29)
    census = triad_census(gahuku)
    assert (census.total, census.balanced, census.unbalanced) == (68, 59, 9)


def test_gahuku_gama_frustration_index_is_seven_with_a_unique_split(gahuku) -> None:
    r = frustration_index(gahuku, method="enumerate")
    assert r.value == 7 and r.optimal
    assert r.all_optimal is not None and len(r.all_optimal) == 1
    assert set(r.camps[1]) == {"Gavev", "Kotun", "Nagad", "Gama"}
    assert len(r.camps[0]) == 12
    assert r.normalized == pytest.approx(1 - 14 / 58)
    assert len(r.frustrated_edges) == 7


@pytest.mark.parametrize(
    ("method", "solver"),
    [("auto", "cpsat"), ("exact", "cpsat"), ("ip", "cpsat"), ("ip", "highs")],
)
def test_every_exact_method_agrees_on_gahuku_gama(gahuku, method: str, solver: str) -> None:
    r = frustration_index(gahuku, method=method, solver=solver)  # type: ignore[arg-type]
    assert r.value == 7 and r.optimal and r.lower_bound == 7
    assert set(r.camps[1]) == {"Gavev", "Kotun", "Nagad", "Gama"}


def test_ip_without_reductions_and_heuristic_on_gahuku_gama(gahuku) -> None:
    r = frustration_index(gahuku, method="ip", reductions=False)
    assert r.value == 7 and r.optimal
    h = frustration_index(gahuku, method="heuristic", seed=3)
    assert h.value >= 7 and h.lower_bound <= 7
    assert h.optimal == (h.value == h.lower_bound)
    assert h.seed == 3


# -- properties -----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(signed_graphs())
def test_zero_frustration_exactly_when_balanced(g: nx.Graph) -> None:
    r = frustration_index(g)
    assert (r.value == 0) == is_balanced(g)
    assert r.value <= sum(d["weight"] < 0 for *_, d in g.edges(data=True))


@settings(max_examples=60, deadline=None)
@given(signed_graphs(), st.data())
def test_switching_leaves_the_index_unchanged(g: nx.Graph, data) -> None:
    flip = data.draw(st.sets(st.sampled_from(sorted(g))))
    h = g.copy()
    for a, b, d in h.edges(data=True):
        if (a in flip) != (b in flip):
            d["weight"] = -d["weight"]
            d["sign"] = -d["sign"]
    assert frustration_index(h).value == frustration_index(g).value


@settings(max_examples=60, deadline=None)
@given(signed_graphs(max_nodes=9, weighted=True))
def test_exact_pipeline_matches_brute_force(g: nx.Graph) -> None:
    """Reductions, blocks and elimination (or the program, forced by a tiny table) are exact."""
    for weighted in (False, True):
        truth = brute_force(g, weighted)
        exact = frustration_index(g, weighted=weighted, method="exact")
        forced_ip = frustration_index(g, weighted=weighted, method="exact", max_table=2)
        enumerated = frustration_index(g, weighted=weighted, method="enumerate")
        heuristic = frustration_index(g, weighted=weighted, method="heuristic", seed=0)
        for r in (exact, forced_ip, enumerated):
            assert r.value == pytest.approx(truth) and r.optimal
        assert heuristic.value >= truth - 1e-9
        assert heuristic.lower_bound <= truth + 1e-9


def test_same_seed_same_result(gahuku) -> None:
    a = to_jsonable(frustration_index(gahuku, method="heuristic", seed=11))
    b = to_jsonable(frustration_index(gahuku, method="heuristic", seed=np.random.default_rng(11)))
    assert a == to_jsonable(frustration_index(gahuku, method="heuristic", seed=11))
    assert a["value"] == b["value"] and b["seed"] is None


# -- the scenario ---------------------------------------------------------------------------------


def test_balance_report_of_the_built_in_scenario() -> None:
    import blocs

    report = balance_report(blocs.load("russia-iran-2017"))
    d = json.loads(json.dumps(to_jsonable(report)))
    assert set(d["channels"]) == {"military", "economic", "political", "diplomatic", "overall"}
    overall = report.overall
    assert overall.frustration.optimal and overall.weighted.optimal
    camps = overall.frustration.camps
    rus = next(c for c in camps if "RUS" in c)
    assert "IRN" in rus and "USA" not in rus  # Russia and Iran in one camp against the US
    assert d["frustration"] == overall.frustration.value
    assert d["camps"] == [list(c) for c in camps]
    with pytest.raises(ModelInputError, match="channel 'naval'"):
        balance_report(blocs.load("russia-iran-2017"), ["naval"])


@settings(max_examples=25, deadline=None)
@given(signed_graphs(max_nodes=14, weighted=True))
def test_reductions_agree_with_enumeration_on_larger_graphs(g: nx.Graph) -> None:
    enumerated = frustration_index(g, weighted=True, method="enumerate")
    exact = frustration_index(g, weighted=True, method="exact")
    assert exact.value == pytest.approx(enumerated.value) and exact.optimal
    assert exact.camps in enumerated.all_optimal


def test_weights_that_are_not_decimals_go_to_highs() -> None:
    third = 1 / 3
    edges = [("a", "b", third), ("b", "c", 2 * third), ("a", "c", -third), ("c", "d", -1.0)]
    g = from_edges([*edges, ("a", "d", 0.7), ("b", "d", -0.25)])
    truth = brute_force(g, weighted=True)
    for solver in ("cpsat", "highs"):
        r = frustration_index(g, weighted=True, method="ip", reductions=False, solver=solver)
        assert r.value == pytest.approx(truth) and r.optimal
        assert r.steps and all(s["method"] == "ip-highs" for s in r.steps)
