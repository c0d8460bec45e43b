"""The net-tie rule and the signed network of a scenario."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import blocs
from blocs.errors import BlocsError, ModelInputError, UnknownNameError
from blocs.scenario.model import Scenario
from blocs.scenario.network import Network, combine_strengths, net_tie, net_ties, signed_graph
from blocs.scenario.scale import Band, band_of


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


def test_channel_value_saturates_and_overall_is_the_mean_of_channels():
    s = _scenario(
        [
            (["AAA", "BBB"], "military", 0.7, {}),
            (["BBB", "AAA"], "military", 0.6, {}),
            (["AAA", "BBB"], "political", 0.5, {}),
            (["AAA", "BBB"], "political", -0.3, {}),
        ]
    )
    assert net_tie(s, "AAA", "BBB", "military") == pytest.approx(0.88)  # 1 - 0.3 * 0.4
    assert net_tie(s, "AAA", "BBB", "political") == pytest.approx(0.2)  # 0.5 - 0.3
    assert net_tie(s, "BBB", "AAA") == pytest.approx((0.88 + 0.2) / 2)
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
    assert military["RUS"]["IRN"]["weight"] == pytest.approx(0.7)  # 0.5 and 0.4: core, not a pact
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


def test_net_tie_is_symmetric_and_agrees_with_net_ties():
    s = blocs.load("russia-iran-2017")
    network = Network(s)
    for channel in (None, "military", "economic", "political", "diplomatic"):
        ties = network.net_ties(channel)
        assert ties == net_ties(s, channel)
        for (a, b), value in ties.items():
            assert network.net_tie(a, b, channel) == network.net_tie(b, a, channel) == value
            assert net_tie(s, b, a, channel) == value
    assert network.net_tie("RUS", "NOPE") == 0.0
    assert network.pairs == sorted(network.pairs)


def test_the_network_is_grouped_from_current_ties_only():
    s = _scenario(
        [
            (["BBB", "AAA"], "military", 0.5, {"directed": True}),
            (["AAA", "BBB"], "military", 0.25, {}),
            (["CCC", "AAA"], "economic", -0.5, {"period": {"start": "1990", "end": "1991"}}),
        ],
        period={"start": "2017", "end": "2017"},
    )
    network = Network(s)
    assert network.pairs == [("AAA", "BBB")]
    assert network.net_tie("BBB", "AAA", "military") == 0.625  # 1 - 0.5 * 0.75
    assert network.net_ties("economic") == {}


def test_a_misspelt_channel_is_a_model_input_error():
    s = blocs.load("russia-iran-2017")
    with pytest.raises(ModelInputError, match="militray"):
        net_tie(s, "RUS", "IRN", "militray")
    with pytest.raises(ValueError):  # a ModelInputError is also a ValueError
        net_ties(s, "militray")


def test_unknown_names_are_blocs_errors_and_key_errors():
    s = blocs.load("russia-iran-2017")
    with pytest.raises(UnknownNameError, match="unknown actor 'XXX'") as info:
        s.actor("XXX")
    assert isinstance(info.value, KeyError) and isinstance(info.value, BlocsError)


def test_no_import_circle_between_the_scenario_model_and_the_network():
    import ast
    from pathlib import Path

    import blocs.scenario.model as model

    tree = ast.parse(Path(model.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "blocs.scenario.network" not in imported


strengths = st.lists(
    st.sampled_from([round(x * 0.1, 1) for x in range(-10, 11) if x]), min_size=1, max_size=8
)


@settings(max_examples=200, deadline=None)
@given(strengths)
def test_the_combining_rule_respects_the_coding_scale(values):
    net = combine_strengths(values)
    assert -1.0 <= net <= 1.0
    same_sign = all(v > 0 for v in values) or all(v < 0 for v in values)
    strongest = max(values, key=abs)
    if same_sign:
        # never below the strongest tie, at most one band above it, extreme only if coded so
        assert abs(net) >= abs(strongest) - 1e-12 and (net > 0) == (strongest > 0)
        assert band_of(net).rank <= band_of(strongest).rank + 1
    if band_of(net) == Band.extreme:
        assert any(abs(v) == 1.0 for v in values)
    assert abs(net) <= max(abs(v) for v in values) + Band.core.ceiling
    assert combine_strengths(sorted(values)) == pytest.approx(net)  # order does not matter


def test_every_net_tie_of_the_builtin_scenario_sits_in_the_band_its_ties_claim():
    """Per pair and channel: same-sign ties give a net tie in the band of the strongest tie's
    declared band or the next one up, never extreme (no tie is); offsetting ties never exceed
    the stronger side."""
    s = blocs.load("russia-iran-2017")
    groups: dict = {}
    for t in s.current_ties():
        groups.setdefault((tuple(sorted(t.pair)), t.channel.value), []).append(t)
    checked = 0
    for (pair, channel), ties in groups.items():
        net = net_tie(s, *pair, channel)
        strongest = max(ties, key=lambda t: abs(t.strength))
        assert strongest.band is not None and strongest.band.holds(strongest.strength)
        if len({t.strength > 0 for t in ties}) == 1:
            assert band_of(net).rank in (strongest.band.rank, strongest.band.rank + 1), (pair, net)
        else:
            assert abs(net) <= abs(strongest.strength)
        assert band_of(net) != Band.extreme, (pair, channel, net)
        checked += 1
    assert checked >= 20
    # Russia and Iran: no defence pledge in force, so no channel reaches the extreme band
    assert [round(net_tie(s, "RUS", "IRN", c), 2) for c in ("military", "economic")] == [0.7, 0.6]
