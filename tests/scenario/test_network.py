"""The net-tie rule and the signed network of a scenario."""

from __future__ import annotations

import pytest

import blocs
from blocs.scenario.model import Scenario
from blocs.scenario.network import net_tie, net_ties, signed_graph


def _scenario(ties, period=None) -> Scenario:
    ev = [{"source": "doc", "paragraph": 1, "claim": "c"}]
    return Scenario.model_validate(
        {
            "id": "t",
            "title": "t",
            "period": period,
            "sources": [{"id": "doc", "title": "d", "kind": "news", "paragraphs": 1}],
            "actors": [{"id": x, "name": x} for x in ("AAA", "BBB", "CCC")],
            "ties": [
                {"pair": p, "channel": c, "strength": v, "rationale": "r", "evidence": ev, **extra}
                for p, c, v, extra in ties
            ],
        }
    )


def test_channel_value_is_the_clipped_sum_and_overall_the_mean_of_channels():
    s = _scenario(
        [
            (["AAA", "BBB"], "military", 0.7, {}),
            (["BBB", "AAA"], "military", 0.6, {}),
            (["AAA", "BBB"], "political", 0.5, {}),
            (["AAA", "BBB"], "political", -0.3, {}),
        ]
    )
    assert net_tie(s, "AAA", "BBB", "military") == 1.0
    assert net_tie(s, "AAA", "BBB", "political") == pytest.approx(0.2)
    assert net_tie(s, "BBB", "AAA") == pytest.approx(0.6)
    assert net_tie(s, "AAA", "CCC") == 0.0


def test_history_is_left_out_of_the_network():
    s = _scenario(
        [
            (["AAA", "BBB"], "political", 0.5, {"period": {"start": "1993", "end": "2000"}}),
            (["AAA", "CCC"], "political", -0.5, {"period": {"start": "2016"}}),
        ],
        period={"start": "2017-01", "end": "2017-02"},
    )
    assert net_ties(s) == {("AAA", "CCC"): -0.5}
    assert len(s.ties_between("AAA", "BBB")) == 1


def test_signed_graph_of_the_builtin_scenario():
    s = blocs.load("russia-iran-2017")
    g = signed_graph(s)
    assert "CSTO" not in g
    assert g["RUS"]["IRN"]["sign"] == 1
    assert g["USA"]["IRN"]["sign"] == -1
    assert g["USA"]["RUS"]["sign"] == -1
    assert "SYR" not in g["USA"]  # the 1990s courting of Damascus is history
    military = signed_graph(s, "military")
    assert military["RUS"]["IRN"]["weight"] == 1.0
    assert signed_graph(s, include_blocs=True).has_node("SCO")


def test_ties_frame_has_one_row_per_tie():
    s = blocs.load("russia-iran-2017")
    frame = s.ties_frame()
    assert len(frame) == len(s.ties)
    assert set(frame.channel) == {"military", "economic", "political", "diplomatic"}


def test_actor_codes_name_their_system():
    from blocs.scenario.model import Actor

    assert Actor(id="AUS", name="Austria", code_system="cow").iso3 == "AUT"
    assert Actor(id="AUS", name="Australia").iso3 == "AUS"
    assert Actor(id="IRN", name="Iran", code_system="cameo").iso3 == "IRN"
    assert Actor(id="ISIS", name="Islamic State", kind="armed_group").iso3 is None
    with pytest.raises(ValueError, match="ISO 3166 alpha-3"):
        Actor(id="Rus", name="Russia")
    with pytest.raises(ValueError):
        Actor(id="XYZ", name="Nowhere", code_system="cow")


def test_assessed_ties_count_and_measured_ones_fill_in():
    s = _scenario(
        [
            (["AAA", "BBB"], "diplomatic", 0.4, {}),
            (["AAA", "BBB"], "diplomatic", -0.2, {"basis": "measured"}),
            (["AAA", "CCC"], "diplomatic", 0.3, {"basis": "measured"}),
        ]
    )
    assert net_tie(s, "AAA", "BBB", "diplomatic") == 0.4
    assert net_tie(s, "AAA", "CCC", "diplomatic") == 0.3
    from blocs.assessment import measured_against_assessed

    (comparison,) = measured_against_assessed(s)
    assert (comparison.assessed, comparison.measured, comparison.agree) == (0.4, -0.2, False)
