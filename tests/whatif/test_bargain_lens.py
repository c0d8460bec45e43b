"""The bargaining lens of the wedge and the scenario issues it reads."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import blocs
from blocs.cli import app
from blocs.errors import ScenarioError
from blocs.results import NotComputed, to_jsonable
from blocs.scenario import loads_scenario
from blocs.whatif.bargain_lens import bargain_lens

runner = CliRunner()

BASE = """
id: toy
title: A toy bargaining case
size_attribute: size
focus: {divider: D, target: T, partner: P}
sources:
  - {id: s, title: Notes, kind: analysis, paragraphs: 5}
actors:
  - id: D
    name: Divider
    kind: organisation
    attributes:
      - {name: size, value: 1, unit: index, evidence: [{source: s, paragraph: 1, claim: c}]}
  - id: T
    name: Target
    kind: organisation
    attributes:
      - {name: size, value: 1, unit: index, evidence: [{source: s, paragraph: 1, claim: c}]}
  - id: P
    name: Partner
    kind: organisation
    attributes:
      - {name: size, value: 1, unit: index, evidence: [{source: s, paragraph: 1, claim: c}]}
issues:
  - id: relief
    title: Relief for the target
    role: concession
    scale: {low_means: none, high_means: full relief}
    stances:
      - {actor: T, position: 100, salience: SAL_T, evidence: [{source: s, paragraph: 2, claim: c}]}
      - {actor: D, position: 0, salience: 0.5, evidence: [{source: s, paragraph: 2, claim: c}]}
  - id: help
    title: The target's help to the partner
    role: partner
    threshold: 60
    goal: below
    scale: {low_means: no help, high_means: full help}
    stances:
      - {actor: T, position: 80, salience: 0.5, evidence: [{source: s, paragraph: 3, claim: c}]}
      - {actor: P, position: 100, salience: 0.5, assumption: a guess,
         position_range: [90, 100], salience_range: [0.3, 0.7]}
"""


def _toy(sal_t: float = 0.9):
    return loads_scenario(BASE.replace("SAL_T", str(sal_t)))


def test_toy_lens_by_hand():
    # help: T at 80, P at 100, equal weights -> forecast 90; below 60 needs T under 20: m* = 0.75
    # at a cost to T of s_T * m* * 80/100 = 0.5 * 0.75 * 0.8 = 0.3
    # relief: D at 0 (s 0.5), T at 100 (s 0.9): f(c) = (50c + 90)/1.4, T's gain 0.9*50c/140
    lens = bargain_lens(_toy(), draws=0, bid=0.0)
    assert lens.target_move == pytest.approx(0.75, abs=1e-9)
    assert lens.target_cost == pytest.approx(0.3)
    assert lens.target_gain_max == pytest.approx(0.9 * 0.5 / 1.4)
    assert lens.exists is True
    assert lens.concession == pytest.approx(0.3 / (0.9 * 0.5 / 1.4), abs=1e-9)
    assert lens.demanded["relief"] == pytest.approx(100 * lens.concession)
    assert lens.forecast_after["help"] == pytest.approx(60.0, abs=1e-6)
    # with the partner bidding its stake: it loses 0.5 * (40 - 10)/100 = 0.15, so the target
    # needs 0.45 > 0.321: no bargain
    bid = bargain_lens(_toy(), draws=200, seed=1, bid=1.0)
    assert bid.partner_bid == pytest.approx(0.15)
    assert bid.exists is False and bid.exists_without_bid is True
    assert bid.concession_without_bid == pytest.approx(lens.concession)
    assert 0 <= bid.share_exists <= bid.share_exists_without_bid <= 1
    assert "No bargain exists once P bids back" in bid.reading()
    assert json.dumps(to_jsonable(bid))
    again = bargain_lens(_toy(), draws=200, seed=1, bid=1.0)
    assert again.share_exists_without_bid == bid.share_exists_without_bid and again.seed == 1


def test_lens_without_issue_roles_is_not_computed():
    scen = loads_scenario(BASE.replace("SAL_T", "0.9").replace("    role: concession\n", ""))
    out = bargain_lens(scen, draws=0)
    assert isinstance(out, NotComputed) and "concession" in out.reason


def test_builtin_scenario_answer():
    lens = bargain_lens(blocs.load("russia-iran-2017"), draws=100, seed=0)
    assert lens.target == "RUS" and lens.partner == "IRN" and lens.divider == "USA"
    assert lens.exists is False and lens.exists_without_bid is True
    assert lens.demanded_without_bid["sanctions-ukraine"] == pytest.approx(98.2, abs=0.5)
    assert lens.share_exists < 0.05 < lens.share_exists_without_bid
    assert "RUS would demand" in lens.reading()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{actor: D, position: 0, salience: 0.5, ", "{actor: D, salience: 0.5, ", "position"),
        ("{actor: D, position: 0, salience: 0.5, ", "{actor: D, position: 0, ", "salience"),
        (
            "{actor: D, position: 0, salience: 0.5, ",
            "{actor: D, position: 0, salience: 1.5, ",
            "outside its scale",
        ),
        (
            "{low_means: none, high_means: full relief}",
            "{low: 100, high: 0, low_means: none, high_means: full relief}",
            "backwards",
        ),
        (
            "{actor: D, position: 0, salience: 0.5, ",
            "{actor: X, position: 0, salience: 0.5, ",
            "unknown actor 'X'",
        ),
    ],
)
def test_bad_issues_give_one_located_line(tmp_path, old, new, message):
    text = BASE.replace("SAL_T", "0.9").replace(old, new, 1)
    with pytest.raises(ScenarioError) as err:
        loads_scenario(text, file="toy.yaml")
    assert message in str(err.value) and "issues[0]" in str(err.value)
    path = tmp_path / "toy.yaml"
    path.write_text(text)
    result = runner.invoke(app, ["bargain", "forecast", str(path)])
    assert result.exit_code == 2
    assert "toy.yaml:" in result.output and "Traceback" not in result.output


def test_capabilities_must_sum_positive(tmp_path):
    text = BASE.replace("SAL_T", "0.9").replace("value: 1, unit", "value: 0, unit")
    with pytest.raises(ScenarioError, match="positive"):
        loads_scenario(text, file="toy.yaml")


def test_forecast_command_on_the_builtin_scenario():
    result = runner.invoke(
        app, ["bargain", "forecast", "russia-iran-2017", "--model", "bdm", "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    ids = [i["issue"] for i in out["issues"]]
    assert ids == [
        "sanctions-ukraine",
        "syria-assad",
        "arms-nuclear",
        "sco-membership",
        "nuclear-deal",
    ]
    assert all(set(i["forecasts"]) == {"bdm", "weighted_mean"} for i in out["issues"])
