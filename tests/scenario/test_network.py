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
