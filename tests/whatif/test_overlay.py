"""Overlays: YAML round trip, located errors, and what applying one does to a scenario."""

from __future__ import annotations

import pytest

import blocs
from blocs.errors import ScenarioError
from blocs.scenario.network import net_tie
from blocs.whatif.library import overlay_path, overlays
from blocs.whatif.overlay import (
    apply_overlay,
    dumps_overlay,
    load_overlay,
    loads_overlay,
    offered_package,
)


@pytest.fixture(scope="module")
def scenario():
    return blocs.load("russia-iran-2017")


def test_examples_ship_with_the_package():
    assert set(overlays()) == {"us-sanctions-relief", "syria-war-ends", "sco-membership"}


@pytest.mark.parametrize("name", ["us-sanctions-relief", "syria-war-ends", "sco-membership"])
def test_overlay_yaml_round_trip(name):
    ov = load_overlay(name)
    again = loads_overlay(dumps_overlay(ov))
    assert again.model_dump() == ov.model_dump()


@pytest.mark.parametrize("name", ["us-sanctions-relief", "syria-war-ends", "sco-membership"])
def test_examples_apply_to_the_builtin_scenario(scenario, name):
    result = apply_overlay(scenario, load_overlay(name))
    assert result.changes
    source = f"overlay-{name}"
    assert source in [s.id for s in result.scenario.sources]
    assert source not in [s.id for s in scenario.sources]  # the original is untouched


def test_inducement_is_a_package_on_the_table(scenario):
    result = apply_overlay(scenario, load_overlay("us-sanctions-relief"))
    offered = offered_package(result.scenario, divider="USA", target="RUS")
    assert offered == result.changes[0].after > 0
    assert offered_package(scenario, divider="USA", target="RUS") == 0.0
    attr = result.scenario.actor("RUS").attribute("inducement_usa_sanctions_relief")
    assert attr.evidence[0].source == "overlay-us-sanctions-relief"


def test_ended_stake_drops_ties_and_scales_figures(scenario):
    result = apply_overlay(scenario, load_overlay("syria-war-ends"))
    after = result.scenario
    assert "rus-irn-syria" not in [t.id for t in after.ties]
    before_attr = scenario.actor("RUS").attribute("syria_contractor_spending")
    after_attr = after.actor("RUS").attribute("syria_contractor_spending")
    assert after_attr.value == pytest.approx(before_attr.value * 0.5)
    first = after_attr.evidence[0]
    assert first.source == "overlay-syria-war-ends" and first.quantity is not None


def test_membership_is_added_with_overlay_evidence(scenario):
    after = apply_overlay(scenario, load_overlay("sco-membership")).scenario
    m = next(m for m in after.memberships if (m.actor, m.bloc) == ("IRN", "SCO"))
    assert m.status.value == "member"
    assert m.evidence[-1].source == "overlay-sco-membership"


def test_set_tie_by_pair_adds_a_missing_tie(scenario):
    ov = loads_overlay(
        "id: t\ntitle: T\nchanges:\n"
        "  - {op: set_tie, pair: [USA, IND], channel: military, strength: 0.4}\n"
    )
    result = apply_overlay(scenario, ov)
    assert net_tie(result.scenario, "USA", "IND", "military") == 0.4
    assert result.changes[0].op == "add_tie"


BAD_TIE = """\
id: bad
title: Bad
changes:
  - op: set_tie
    id: usa-rus-political
    strength: 0.1
  - op: scale_tie
    id: no-such-tie
    factor: 0.5
"""


def test_unknown_tie_error_names_file_and_line(scenario):
    ov = loads_overlay(BAD_TIE, file="shock.yaml")
    with pytest.raises(ScenarioError) as info:
        apply_overlay(scenario, ov)
    assert str(info.value).startswith("shock.yaml:7: changes[1]: no tie ties[no-such-tie]")


def test_unknown_actor_error_lists_known_actors(scenario):
    ov = loads_overlay(
        "id: x\ntitle: X\nchanges:\n  - {op: add_membership, actor: ATL, bloc: SCO}\n",
        file="x.yaml",
    )
    with pytest.raises(ScenarioError, match=r"x.yaml:4: changes\[0\]: actor: unknown actor 'ATL'"):
        apply_overlay(scenario, ov)


def test_malformed_overlay_is_located():
    text = "id: x\ntitle: X\nchanges:\n  - op: set_tie\n    id: a\n    strength: 3\n"
    with pytest.raises(ScenarioError) as info:
        loads_overlay(text, file="o.yaml")
    # the line of the change (the discriminated union hides the field's own line)
    assert str(info.value).startswith("o.yaml:4: changes[0].set_tie.strength")


def test_unknown_op_is_rejected():
    with pytest.raises(ScenarioError, match=r"o\.yaml:4"):
        loads_overlay("id: x\ntitle: X\nchanges:\n  - {op: explode}\n", file="o.yaml")


def test_overlay_for_another_scenario_is_refused(scenario):
    ov = loads_overlay(
        "id: x\ntitle: X\nscenario: other\nchanges:\n  - {op: remove_tie, id: chn-irn-sco}\n"
    )
    with pytest.raises(ScenarioError, match="written for 'other'"):
        apply_overlay(scenario, ov)


def test_missing_overlay_file(tmp_path):
    with pytest.raises(ScenarioError, match="no such overlay file"):
        load_overlay(tmp_path / "none.yaml")
    assert overlay_path("sco-membership").is_file()
