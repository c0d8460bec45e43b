"""Evidenced inputs and assumptions: paths, ranges from bounds, the assumptions file."""

from __future__ import annotations

import pytest

from blocs.errors import ModelInputError, ScenarioError
from blocs.scenario.model import Quantity
from blocs.whatif.inputs import (
    RangeRules,
    derived_range,
    figure_at,
    load_assumptions,
    loads_assumptions,
    resolve_inputs,
)


def test_default_assumptions_load_and_every_assumption_has_a_rationale():
    spec = load_assumptions()
    assert spec.assumptions
    assert all(a.rationale.strip() for a in spec.assumptions)
    names = {e.name for e in spec.evidence} | {a.name for a in spec.assumptions}
    assert set(spec.ledger.refs()) <= names


@pytest.mark.parametrize(
    "bound, low, high",
    [("at_least", 10.0, 20.0), ("at_most", 5.0, 10.0), ("about", 8.5, 11.5), ("exact", 10, 10)],
)
def test_ranges_follow_the_bound(bound, low, high):
    lo, hi, rule = derived_range(Quantity(value=10.0, unit="USD", bound=bound), RangeRules())
    assert (lo, hi) == pytest.approx((low, high))
    assert rule


def test_an_explicit_range_wins_over_the_rule():
    q = Quantity(value=10.0, unit="USD", bound="at_least", low=10.0, high=12.0)
    assert derived_range(q, RangeRules())[:2] == (10.0, 12.0)


def test_evidenced_inputs_carry_source_paragraph_and_range(toy):
    inputs = resolve_inputs(
        load_assumptions(), toy, target="RUS", partner="IRN", divider="USA", stakes=toy.stakes
    )
    arms = inputs.get("arms_deals")
    assert arms.kind == "evidence"
    assert arms.path == "ties[rus-irn-arms]"
    assert (arms.source, arms.paragraph) == ("doc", 5)
    assert (arms.low, arms.high) == (4e9, 8e9)
    contractors = inputs.get("syria_contractors")
    # up to 50e6 a month -> [0.5, 1] x 50e6 x 12 a year
    assert (contractors.low, contractors.high) == pytest.approx((300e6, 600e6))
    windfall = inputs.get("partner_windfall")
    assert windfall.distribution.is_fixed  # an exact figure stays a point
    kinds = {i.kind for i in inputs.assumptions}
    assert kinds == {"assumption"}
    assert "range_at_least" in [a.name for a in inputs.assumptions]


def test_builtin_scenario_figures_are_found_by_id():
    import blocs

    s = blocs.load("russia-iran-2017")
    _path, q, ev = figure_at(s, "ties[rus-irn-arms]")
    assert q.bound == "at_least" and ev.paragraph
    _path, q, ev = figure_at(s, "actors[RUS].attributes[syria_contractor_spending]")
    assert (q.bound, q.per) == ("at_most", "month")
    _path, q, ev = figure_at(s, "actors[IRN].attributes[sanctions_relief]")
    assert q.bound == "at_least"


@pytest.mark.parametrize(
    "path, message",
    [
        ("ties[nope]", "no tie with id 'nope'"),
        ("actors[XXX].attributes[cinc]", "unknown actor 'XXX'"),
        ("actors[RUS].attributes[nope]", "has no attribute 'nope'"),
        ("people[RUS]", "not of the form"),
    ],
)
def test_bad_paths_name_the_problem(toy, path, message):
    with pytest.raises(ModelInputError, match=message):
        figure_at(toy, path)


BAD = """\
id: broken
title: Broken
assumptions:
  - name: q
    label: credibility
    unit: probability
    distribution: {kind: uniform, low: 0.9, high: 0.1}
    rationale: none
ledger:
  horizon: 10
  discount_rate: 0.05
  credibility: q
  cap: 1.0e+10
  terms:
    - {name: x, label: x, side: loss, times: [missing]}
"""


def test_assumptions_errors_name_file_and_line():
    with pytest.raises(ScenarioError) as info:
        loads_assumptions(BAD, file="mine.yaml")
    text = str(info.value)
    assert text.startswith("mine.yaml:7: assumptions[0].distribution")
    assert "above high" in text


def test_unknown_ledger_names_are_located():
    fixed = BAD.replace("low: 0.9, high: 0.1", "low: 0.1, high: 0.9")
    with pytest.raises(ScenarioError) as info:
        loads_assumptions(fixed, file="mine.yaml")
    text = str(info.value)
    assert text.startswith("mine.yaml:15: ledger.terms[0].times[0]")
    assert "'missing' is neither an evidenced input nor an assumption" in text


def test_missing_assumptions_file_is_a_clear_error(tmp_path):
    with pytest.raises(ScenarioError, match="no such assumptions file"):
        load_assumptions(tmp_path / "none.yaml")
