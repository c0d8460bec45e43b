"""The assessment of the built-in scenario: the headline triad, camps, minima, factions."""

from __future__ import annotations

import pytest

import blocs
from blocs.assessment import assess
from blocs.results import NotComputed, to_jsonable


@pytest.fixture(scope="module")
def result():
    return assess(blocs.load("russia-iran-2017"))


def test_the_common_adversary_triangle_is_balanced(result):
    triad = result.sections["triad"]
    assert triad.nodes == ("RUS", "IRN", "USA")
    assert triad.signs == (1, -1, -1) and triad.balanced


def test_russia_and_iran_share_a_camp_in_every_lens(result):
    camps = result.sections["balance"].overall.frustration.camps
    assert any({"RUS", "IRN"} <= set(c) for c in camps)
    for m in result.sections["landscape"].minima:
        assert any({"RUS", "IRN"} <= set(c) for c in m.coalitions)
    assert any({"RUS", "IRN"} <= set(f) for f in result.sections["dynamics"].factions)


def test_overall_frustration_is_proven(result):
    fr = result.sections["balance"].overall.frustration
    assert fr.optimal
    assert fr.value == len(fr.frustrated_edges)


def test_readings_name_each_lens(result):
    text = " ".join(result.readings)
    for phrase in (
        "triangle RUS–IRN–USA is balanced",
        "Structural balance",
        "Landscape theory",
        "Balance dynamics",
    ):
        assert phrase in text


def test_scenario_without_sizes_or_focus_still_assesses():
    s = blocs.load("russia-iran-2017").model_copy(update={"size_attribute": None, "focus": None})
    r = assess(s)
    assert isinstance(r.sections["landscape"], NotComputed)
    assert "triad" not in r.sections
    assert to_jsonable(r)["sections"]["landscape"] == {
        "not_computed": "the scenario names no size_attribute"
    }


def test_the_wedge_section_answers_with_an_interval(result):
    wedge = result.sections["wedge"]
    assert (wedge.divider, wedge.target, wedge.partner) == ("USA", "RUS", "IRN")
    assert wedge.price.price_p10 <= wedge.price.price_median <= wedge.price.price_p90
    assert wedge.seed == 0
    assert "not a calibrated forecast" in wedge.answer
    assert any(r.startswith("Wedge price:") for r in result.readings)
