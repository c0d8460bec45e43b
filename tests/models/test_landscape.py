"""Landscape theory (Axelrod & Bennett 1993): reproduction of the Furnas–Axelrod Syria landscapes,
hand-computed cases, engines that agree, and properties of minima and basins."""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.errors import ModelInputError
from blocs.models import landscape as L
from blocs.models._landscape_kernel import HAVE_NUMBA
from blocs.results import to_jsonable
from blocs.scenario.model import Scenario

FURNAS = "landscape-syria-furnas"
# The results files name Nusra "Nursa" (sic); we keep the files' labels.
VARIANTS = {
    "strong-syria": (
        "Actor_data.csv",
        "Landscape_Results_2016-02-20.csv",
        "Landscape_Favored_Alignments_2016-02-20.csv",
        -83_200.0,
        {"Tur", "ISIS", "Nursa"},
    ),
    "weak-syria": (
        "Actor_data_weaksyria.csv",
        "Landscape_Results_weaksyria_2016-02-20.csv",
        "Landscape_Favored_Alignments_weaksyria_2016-02-20.csv",
        -65_600.0,
        {"ISIS", "Nursa"},
    ),
}


# -- reading the reference files ---------------------------------------------------------------
def read_inputs(folder: Path, actor_file: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Labels, sizes and propensities p = value − 3 (the 1–5 scale; blank diagonal)."""
    with open(folder / actor_file, newline="") as fh:
        sizes = np.array([float(r["strength"]) for r in csv.DictReader(fh)])
    with open(folder / "Pairwise_propensity_Feb_20.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    labels = rows[0][1:]
    assert [r[0] for r in rows[1:]] == labels
    p = np.array([[0.0 if v == "" else float(v) - 3.0 for v in r[1:]] for r in rows[1:]])
    return labels, sizes, p


def read_results(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a results table, skipping the notes above the header."""
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    start = next(i for i, r in enumerate(rows) if len(r) > 2 and r[1] == "US" and "Energy" in r)
    return rows[start], [r for r in rows[start + 1 :] if r]


def config_number(row: list[str], header: list[str], labels: list[str]) -> int:
    """Configuration number from the 1/2 coalition labels (coalition 2 → bit set)."""
    return sum((int(row[header.index(a)]) - 1) << i for i, a in enumerate(labels))


@pytest.fixture(params=sorted(VARIANTS))
def furnas(request, shared_data: Path):
    actor_file, results, favoured, e_min, apart = VARIANTS[request.param]
    folder = shared_data / FURNAS
    labels, sizes, p = read_inputs(folder, actor_file)
    return {
        "folder": folder,
        "labels": labels,
        "sizes": sizes,
        "p": p,
        "results": folder / results,
        "favoured": folder / favoured,
        "e_min": e_min,
        "apart": apart,
    }


# -- reproduction ------------------------------------------------------------------------------
def test_furnas_energies_match_exactly(furnas):
    header, rows = read_results(furnas["results"])
    labels = furnas["labels"]
    assert len(rows) == 1024
    energies = L.all_energies(furnas["sizes"], furnas["p"])
    numbers = [config_number(r, header, labels) for r in rows]
    assert len(set(numbers)) == 1024  # every split once, US always in coalition 1 (our 0)
    expected = np.array([float(r[header.index("Energy")]) for r in rows])
    assert np.array_equal(energies[numbers], expected)


def test_furnas_frustrations_match_exactly(furnas):
    """The files' per-actor frustration columns are s_i · F_i(X)."""
    header, rows = read_results(furnas["results"])
    labels = furnas["labels"]
    configs = np.array([[int(r[header.index(a)]) - 1 for a in labels] for r in rows])
    ours = L.frustration(configs, furnas["sizes"], furnas["p"]) * furnas["sizes"]
    cols = [header.index(f"{a}_Frustration") for a in labels]
    expected = np.array([[float(r[c]) for c in cols] for r in rows])
    assert np.array_equal(ours, expected)


def test_furnas_local_minimum_flags_match(furnas):
    header, rows = read_results(furnas["results"])
    minima = set(L.local_minima(furnas["sizes"], furnas["p"]).tolist())
    flags = {config_number(r, header, furnas["labels"]): r[-1] == "TRUE" for r in rows}
    assert {c for c, flag in flags.items() if flag} == minima


def test_furnas_unique_minimum_and_coalitions(furnas):
    result = L.landscape(furnas["sizes"], furnas["p"], names=furnas["labels"])
    assert len(result.minima) == 1
    best = result.global_minimum
    assert best.energy == furnas["e_min"]
    assert best.basin == 1.0
    assert set(best.coalitions[1]) == furnas["apart"]
    assert set(best.coalitions[0]) == set(furnas["labels"]) - furnas["apart"]
    assert L.global_minimum(furnas["sizes"], furnas["p"]) == (best.number, furnas["e_min"])
    random_rule = L.landscape(furnas["sizes"], furnas["p"], names=furnas["labels"], rule="random")
    assert [m.number for m in random_rule.minima] == [best.number]
    assert random_rule.global_minimum.basin == pytest.approx(1.0)


def test_furnas_favoured_alignments(furnas):
    """The favoured-alignments file lists the global minimum, then for each actor in turn every
    configuration in which that actor's frustration is lowest."""
    header, rows = read_results(furnas["favoured"])
    labels = furnas["labels"]
    numbers = [config_number(r, header, labels) for r in rows]
    favoured = L.favoured_alignments(furnas["sizes"], furnas["p"])
    best, _ = L.global_minimum(furnas["sizes"], furnas["p"])
    assert numbers[0] == best
    assert len(numbers) == 1 + sum(len(v) for v in favoured.values())
    at = 1
    for i in range(len(labels)):
        block = numbers[at : at + len(favoured[i])]
        assert sorted(block) == favoured[i], labels[i]
        at += len(favoured[i])


# -- hand-computed landscapes ------------------------------------------------------------------
HAND_SIZES = [1.0, 2.0, 3.0]
HAND_P = [[0, 1, -1], [1, 0, -1], [-1, -1, 0]]


def test_three_actor_landscape_by_hand():
    # w_12 = 1·2·1 = 2, w_13 = 1·3·(−1) = −3, w_23 = 2·3·(−1) = −6; E = 2 Σ_{split pairs} w_ij
    # c = 0 {123}: 0; c = 2 {13|2}: 2(2 − 6) = −8; c = 4 {12|3}: 2(−3 − 6) = −18;
    # c = 6 {1|23}: 2(2 − 3) = −2.
    assert L.all_energies(HAND_SIZES, HAND_P, reduced=True).tolist() == [0.0, -8.0, -18.0, -2.0]
    assert L.energy([0, 0, 1], HAND_SIZES, HAND_P) == -18.0
    # F_1 = s_3 p_13 = −3, F_2 = s_3 p_23 = −3, F_3 = s_1 p_31 + s_2 p_32 = −3
    assert L.frustration([0, 0, 1], HAND_SIZES, HAND_P).tolist() == [-3.0, -3.0, -3.0]
    assert L.local_minima(HAND_SIZES, HAND_P).tolist() == [4]
    assert L.basins(HAND_SIZES, HAND_P) == {4: 1.0}
    result = L.landscape(HAND_SIZES, HAND_P, names=["A", "B", "C"])
    assert result.global_minimum.coalitions == (("A", "B"), ("C",))
    assert result.always_together == (("A", "B"),)


def test_four_actor_landscape_with_two_minima():
    """Two pairs of friends (AB, CD) with weak cross friendships (AC, BD) and strong cross
    enmities (AD, BC); equal sizes. Every number below is worked out by hand."""
    p = np.array(
        [
            [0, 2, 1, -4],
            [2, 0, -4, 1],
            [1, -4, 0, 2],
            [-4, 1, 2, 0],
        ]
    )
    sizes = np.ones(4)
    e = L.all_energies(sizes, p)
    assert e[0] == 0.0
    # each 3-1 split, e.g. {A|BCD}: 2(p_AB + p_AC + p_AD) = 2(2 + 1 − 4) = −2
    assert [e[1 << k] for k in range(4)] == [-2.0] * 4
    assert e[0b1100] == -12.0  # {AB|CD}: 2(p_AC + p_AD + p_BC + p_BD) = 2(1 − 4 − 4 + 1)
    assert e[0b1010] == -8.0  # {AC|BD}: 2(2 − 4 − 4 + 2)
    assert e[0b0110] == 12.0  # {AD|BC}: 2(2 + 1 + 1 + 2)
    assert L.local_minima(sizes, p).tolist() == [0b1010, 0b1100]
    # steepest: everything but {AC|BD} itself (2 of 16 configurations) descends to {AB|CD}
    assert L.basins(sizes, p, rule="steepest") == {0b1010: 0.125, 0b1100: 0.875}
    # random: every 3-1 split goes either way with probability 1/2, so
    # {AC|BD} gets (2 + 2·½ + 8·½ + 2·½) / 16 = ½
    assert L.basins(sizes, p, rule="random") == pytest.approx({0b1010: 0.5, 0b1100: 0.5})
    result = L.landscape(sizes, p, names="ABCD")
    assert [m.coalitions for m in result.minima] == [
        (("A", "B"), ("C", "D")),
        (("A", "C"), ("B", "D")),
    ]
    assert result.always_together == ()


def test_all_hostile_quartet_splits_evenly_under_the_random_rule():
    """Four mutually hostile equal actors: the three 2-2 splits are the minima (E = −8) and by
    symmetry each draws a third of the landscape under the random rule."""
    p = -(1 - np.eye(4))
    share = L.basins(np.ones(4), p, rule="random")
    assert sorted(share) == [0b0110, 0b1010, 0b1100]
    assert list(share.values()) == pytest.approx([1 / 3] * 3)
    assert {m.energy for m in L.landscape(np.ones(4), p).minima} == {-8.0}


def test_descent_moves_the_most_improving_actor():
    d = L.descend([0, 0, 0], HAND_SIZES, HAND_P)
    # from everyone together, switching C lowers E by 18 (the most): one step to the minimum
    assert d.movers == (2,)
    assert d.path == (0, 4)
    assert d.energies == (0.0, -18.0)
    assert d.end in {4, 4 ^ 7}


def test_random_rule_is_reproducible_under_a_seed():
    rng = np.random.default_rng(5)
    n = 9
    sizes = rng.uniform(1, 5, n)
    p = np.triu(rng.uniform(-1, 1, (n, n)), 1)
    p = p + p.T
    start = [1, 0] * 4 + [1]
    a = L.descend(start, sizes, p, rule="random", seed=42)
    b = L.descend(start, sizes, p, rule="random", seed=42)
    assert a == b
    assert a.seed == 42
    assert to_jsonable(a)["rule"] == "random"
    assert all(x > y for x, y in zip(a.energies, a.energies[1:], strict=False))


# -- engines and properties --------------------------------------------------------------------
@st.composite
def landscapes(draw, min_n: int = 2, max_n: int = 7, integer: bool = True):
    n = draw(st.integers(min_n, max_n))
    if integer:
        sizes = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
        upper = draw(st.lists(st.integers(-2, 2), min_size=n * n, max_size=n * n))
    else:
        number = st.floats(-2, 2, allow_subnormal=False)
        sizes = draw(st.lists(st.floats(0, 10, allow_subnormal=False), min_size=n, max_size=n))
        upper = draw(st.lists(number, min_size=n * n, max_size=n * n))
    p = np.triu(np.array(upper, dtype=float).reshape(n, n), 1)
    return np.array(sizes, dtype=float), p + p.T


ENGINES = ["numpy", "split"] + (["gray", "split-gray"] if HAVE_NUMBA else [])


@settings(max_examples=60, deadline=None)
@given(landscapes(max_n=9))
def test_engines_agree_exactly_on_integer_inputs(case):
    sizes, p = case
    reference = L.all_energies(sizes, p, method="numpy")
    for method in ENGINES:
        assert np.array_equal(L.all_energies(sizes, p, method=method), reference), method


@settings(max_examples=40, deadline=None)
@given(landscapes(max_n=8, integer=False), st.integers(0, 2**32 - 1))
def test_engines_agree_with_fields(case, seed):
    sizes, p = case
    fields = np.random.default_rng(seed).normal(size=(sizes.size, 2))
    reference = L.energy(L.configurations(sizes.size), sizes, p, fields=fields)
    for method in ENGINES:
        got = L.all_energies(sizes, p, fields=fields, method=method)
        np.testing.assert_allclose(got, reference, rtol=1e-9, atol=1e-9)


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba not installed")
def test_compiled_engines_agree_at_sixteen_actors():
    rng = np.random.default_rng(16)
    sizes = rng.integers(1, 50, 16).astype(float)
    p = np.triu(rng.integers(-2, 3, (16, 16)), 1).astype(float)
    p = p + p.T
    reference = L.all_energies(sizes, p, method="split")
    assert np.array_equal(L.all_energies(sizes, p, method="gray"), reference)
    assert np.array_equal(L.all_energies(sizes, p, method="split-gray"), reference)


@settings(max_examples=60, deadline=None)
@given(landscapes())
def test_mirror_images_have_equal_energy_and_reduced_is_every_other(case):
    sizes, p = case
    e = L.all_energies(sizes, p)
    mirror = (1 << sizes.size) - 1
    assert np.array_equal(e, e[mirror - np.arange(e.size)])
    assert np.array_equal(L.all_energies(sizes, p, reduced=True), e[::2])
    full = L.configurations(sizes.size)
    assert np.array_equal(L.configurations(sizes.size, reduced=True), full[::2])


@settings(max_examples=60, deadline=None)
@given(landscapes())
def test_switch_deltas_are_energy_differences(case):
    sizes, p = case
    e = L.all_energies(sizes, p)
    d = L.switch_deltas(sizes, p)
    codes = np.arange(e.size)
    for k in range(sizes.size):
        assert np.array_equal(d[:, k], e[codes ^ (1 << k)] - e)


@settings(max_examples=60, deadline=None)
@given(landscapes())
def test_minima_basins_and_global_minimum(case):
    sizes, p = case
    e = L.all_energies(sizes, p)
    n = sizes.size
    brute = [c for c in range(0, 1 << n, 2) if all(e[c ^ (1 << k)] >= e[c] for k in range(n))]
    assert L.local_minima(sizes, p).tolist() == brute
    for rule in L.RULES:
        share = L.basins(sizes, p, rule=rule)
        assert sorted(share) == brute
        assert sum(share.values()) == pytest.approx(1.0)
        assert all(v >= 0 for v in share.values())
    number, energy = L.global_minimum(sizes, p)
    assert energy == e.min()
    assert number in brute


@settings(max_examples=40, deadline=None)
@given(landscapes(max_n=6, integer=False))
def test_steepest_basins_count_descents(case):
    sizes, p = case
    n = sizes.size
    share = L.basins(sizes, p, rule="steepest")
    ends: dict[int, int] = {}
    for x in L.configurations(n):
        end = L.descend(x, sizes, p).end
        key = end if end % 2 == 0 else end ^ ((1 << n) - 1)
        ends[key] = ends.get(key, 0) + 1
    assert share == {k: v / (1 << n) for k, v in sorted(ends.items())}


def _absorption_by_recursion(sizes, p):
    """Independent reference: P(end at m | c) = mean over improving switches, memoised."""
    e = L.all_energies(sizes, p)
    n = sizes.size
    tol = L.REL_TOL * np.abs(L.weights(sizes, p)).sum()

    @functools.cache
    def ends(c: int) -> tuple[tuple[int, float], ...]:
        better = [c ^ (1 << k) for k in range(n) if e[c ^ (1 << k)] < e[c] - tol]
        if not better:
            return ((c, 1.0),)
        out: dict[int, float] = {}
        for b in better:
            for m, q in ends(b):
                out[m] = out.get(m, 0.0) + q / len(better)
        return tuple(sorted(out.items()))

    total: dict[int, float] = {}
    for c in range(1 << n):
        for m, q in ends(c):
            key = m if m % 2 == 0 else m ^ ((1 << n) - 1)
            total[key] = total.get(key, 0.0) + q / (1 << n)
    return total


@settings(max_examples=40, deadline=None)
@given(landscapes(min_n=3, max_n=7, integer=False))
def test_random_rule_basins_are_exact_absorption_probabilities(case):
    sizes, p = case
    expected = _absorption_by_recursion(sizes, p)
    got = L.basins(sizes, p, rule="random")
    assert sorted(got) == sorted(expected)
    for m, v in expected.items():
        assert got[m] == pytest.approx(v, abs=1e-12)


def test_symmetric_inputs_give_symmetric_outputs():
    """Relabelling the actors relabels the minima and nothing else."""
    rng = np.random.default_rng(3)
    n = 7
    sizes = rng.uniform(1, 3, n)
    p = np.triu(rng.normal(size=(n, n)), 1)
    p = p + p.T
    perm = rng.permutation(n)
    names = [f"a{i}" for i in range(n)]
    one = L.landscape(sizes, p, names=names)
    two = L.landscape(sizes[perm], p[np.ix_(perm, perm)], names=[names[i] for i in perm])
    assert [m.energy for m in one.minima] == pytest.approx([m.energy for m in two.minima])
    splits = lambda r: {frozenset(map(frozenset, m.coalitions)) for m in r.minima}  # noqa: E731
    assert splits(one) == splits(two)


def test_galam_fields_pull_an_actor_into_its_bloc():
    # Without fields C stands alone against the friends A and B; a strong field for coalition 1
    # on A and B (and for coalition 0 on C) reverses the sides but keeps the split.
    plain = L.landscape(HAND_SIZES, HAND_P, names="ABC")
    h = 100.0
    fields = np.array([[h, -h], [h, -h], [-h, h]])
    pulled = L.landscape(HAND_SIZES, HAND_P, names="ABC", fields=fields)
    assert pulled.with_fields
    assert pulled.global_minimum.coalitions == (("C",), ("A", "B"))
    assert pulled.global_minimum.energy == plain.global_minimum.energy - 3 * h
    # fields break the mirror symmetry: minima are whole configurations
    assert len(pulled.minima) == 1
    assert pulled.global_minimum.number == 0b011


def test_galam_field_can_overturn_a_split():
    # A and B are friends (p = 1) but fields pull them apart, each costing 10 on the wrong side.
    sizes = [1.0, 1.0]
    p = [[0, 1], [1, 0]]
    fields = [[0.0, 10.0], [10.0, 0.0]]
    assert L.global_minimum(sizes, p, fields=fields) == (0b10, 2.0)
    assert L.global_minimum(sizes, p) == (0, 0.0)


# -- input contracts ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sizes", "p", "fields", "match"),
    [
        ([1, 1], [[0, 1], [2, 0]], None, "symmetric"),
        ([1, 1], [[1, 1], [1, 0]], None, "diagonal"),
        ([1, 1, 1], [[0, 1], [1, 0]], None, "3x3"),
        ([1, -1], [[0, 1], [1, 0]], None, "sizes"),
        ([1], [[0]], None, "at least two"),
        ([1, 1], [[0, np.nan], [np.nan, 0]], None, "finite"),
        ([1, 1], [[0, 1], [1, 0]], [[0, 0]], "fields"),
    ],
)
def test_bad_inputs_raise_model_input_error(sizes, p, fields, match):
    with pytest.raises(ModelInputError, match=match):
        L.all_energies(sizes, p, fields=fields)


def test_bad_rule_method_and_config_are_named():
    with pytest.raises(ModelInputError, match="rule"):
        L.basins(HAND_SIZES, HAND_P, rule="fastest")  # type: ignore[arg-type]
    with pytest.raises(ModelInputError, match="method"):
        L.all_energies(HAND_SIZES, HAND_P, method="magic")  # type: ignore[arg-type]
    with pytest.raises(ModelInputError, match="config"):
        L.energy([0, 2, 1], HAND_SIZES, HAND_P)
    with pytest.raises(ModelInputError, match="reduced"):
        L.all_energies(HAND_SIZES, HAND_P, fields=np.zeros((3, 2)), reduced=True)


def test_too_many_actors_for_analysis_is_a_clear_error():
    n = L.MAX_ANALYSIS_ACTORS + 1
    with pytest.raises(ModelInputError, match="merge or drop"):
        L.local_minima(np.ones(n), np.zeros((n, n)))


# -- scenarios and output schema ---------------------------------------------------------------
def _toy_scenario() -> Scenario:
    ev = [{"source": "doc", "paragraph": 1, "claim": "A stated fact."}]

    def size(v: float) -> list[dict]:
        return [{"name": "cinc", "value": v, "unit": "share", "evidence": ev}]

    def tie(a: str, b: str, strength: float, channel: str = "military") -> dict:
        return {
            "pair": [a, b],
            "channel": channel,
            "strength": strength,
            "rationale": "r",
            "evidence": ev,
        }

    return Scenario.model_validate(
        {
            "id": "toy",
            "title": "Toy",
            "size_attribute": "cinc",
            "sources": [{"id": "doc", "title": "Doc", "kind": "analysis", "paragraphs": 3}],
            "actors": [
                {"id": "RUS", "name": "Russia", "attributes": size(0.04)},
                {"id": "IRN", "name": "Iran", "attributes": size(0.02)},
                {"id": "USA", "name": "United States", "attributes": size(0.13)},
                {"id": "NOR", "name": "Norway", "attributes": size(0.001)},
                {"id": "ISIS", "name": "ISIS", "kind": "armed_group"},
                {"id": "CSTO", "name": "CSTO", "kind": "bloc"},
            ],
            "ties": [
                tie("RUS", "IRN", 0.6),
                tie("RUS", "USA", -0.5),
                tie("IRN", "USA", -0.8, "political"),
                tie("IRN", "ISIS", -1.0),
            ],
        }
    )


def test_landscape_from_scenario_names_what_it_left_out():
    scenario = _toy_scenario()
    result = L.landscape_from_scenario(scenario)
    assert result.actors == ("RUS", "IRN", "USA")
    assert set(result.left_out) == {"ISIS", "CSTO", "NOR"}
    assert "cinc" in result.left_out["ISIS"]
    assert "bloc" in result.left_out["CSTO"]
    assert "no tie" in result.left_out["NOR"]
    assert result.global_minimum.coalitions == (("RUS", "IRN"), ("USA",))
    assert result.scenario_id == "toy"
    inputs = L.landscape_inputs(scenario, "military")
    assert inputs.actors == ("RUS", "IRN", "USA")
    assert inputs.propensities[1, 2] == 0.0  # their tie is political, not military
    assert inputs.propensities[0, 1] == inputs.propensities[1, 0] == 0.6
    with pytest.raises(ModelInputError, match="channel"):
        L.landscape_inputs(scenario, "militray")


def test_landscape_result_is_json_with_stable_keys():
    result = L.landscape(HAND_SIZES, HAND_P, names="ABC")
    data = json.loads(json.dumps(to_jsonable(result)))
    assert list(data) == [
        "actors",
        "sizes",
        "rule",
        "minima",
        "global_minimum",
        "always_together",
        "n_configurations",
        "with_fields",
        "left_out",
        "scenario_id",
        "channel",
        "energy_convention",
        "size_label",
        "focus",
    ]
    assert list(data["minima"][0]) == ["configuration", "number", "energy", "basin", "coalitions"]


def test_builtin_scenario_landscape():
    import blocs

    scenario = blocs.load("russia-iran-2017")
    result = L.landscape_from_scenario(scenario)
    assert set(result.actors) | set(result.left_out) == set(scenario.actor_ids)
    assert sum(m.basin for m in result.minima) == pytest.approx(1.0)
    assert all(result.global_minimum.energy <= m.energy for m in result.minima)
