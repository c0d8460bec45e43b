"""The coverage lens: how the alignment lenses move when uncovered pairs are filled."""

from __future__ import annotations

import json

import pytest

import blocs
from blocs.errors import ModelInputError
from blocs.results import to_jsonable
from blocs.scenario.model import Basis
from blocs.scenario.network import net_tie
from blocs.whatif.coverage import coverage_lens, fill_uncovered


@pytest.fixture(scope="module")
def scenario():
    return blocs.load("russia-iran-2017")


@pytest.fixture(scope="module")
def result(scenario):
    return coverage_lens(scenario)


def test_filling_ties_each_uncovered_pair_at_its_prior_in_a_copy(scenario):
    filled, pairs, skipped = fill_uncovered(scenario)
    assert len(pairs) == len(scenario.not_covered) == 6 and skipped == ()
    for p in pairs:
        assert net_tie(filled, p.a, p.b) == pytest.approx(p.prior)
        assert net_tie(scenario, p.a, p.b) == 0.0  # the scenario itself is left as it is
    assert {t.basis for t in filled.ties if t not in scenario.ties} == {Basis.prior}
    reversed_, _, _ = fill_uncovered(scenario, factor=-1.0)
    assert net_tie(reversed_, "USA", "CHN") == pytest.approx(0.2)
    uniform, pairs, _ = fill_uncovered(scenario, prior=0.1)
    assert {p.prior for p in pairs} == {0.1} and net_tie(uniform, "USA", "EU") == 0.1


def test_a_prior_never_overrides_a_tie_the_sources_or_data_give(scenario):
    data = scenario.model_dump(mode="json", exclude_none=True)
    ev = [{"source": "un-votes-2021", "locator": "x", "claim": "measured"}]
    data["ties"].append(
        {"pair": ["USA", "CHN"], "channel": "diplomatic", "strength": -0.5}
        | {"rationale": "r", "basis": "measured", "evidence": ev}
    )
    measured = type(scenario).model_validate(data)
    filled, _, skipped = fill_uncovered(measured)
    assert skipped == ("USA–CHN",) and net_tie(filled, "USA", "CHN") == -0.5


def test_the_stated_priors_keep_the_camps_and_reversing_them_moves_china_and_india(result):
    coded, stated, reversed_ = result.views
    assert result.reference == "RUS"
    # As coded, China and India sit with Russia only through their trade with Iran.
    assert {"CHN", "IND", "IRN"} <= set(next(c for c in coded.landscape_camps if "RUS" in c))
    # The UN-vote priors (US apart from China and India, Russia close to both) change nothing.
    assert stated.moved == {"structural balance": (), "landscape theory": ()}
    assert stated.landscape_camps == coded.landscape_camps
    # Reversed, China and India leave Russia's coalition in the landscape minimum.
    assert reversed_.moved["landscape theory"] == ("CHN", "IND")
    assert reversed_.balance_frustration > coded.balance_frustration
    text = result.reading()
    assert text.startswith("Filling the 6 pairs the sources leave uncovered with their stated")
    assert "CHN, IND change side relative to RUS in landscape theory" in text
    assert text.endswith(".") and text.count(". ") == 0


def test_result_serialises_and_errors_are_clear(result, scenario):
    data = json.loads(json.dumps(to_jsonable(result)))
    assert [v["label"] for v in data["views"]] == ["as coded", "stated priors", "priors reversed"]
    assert data["filled"][0]["a"] == "USA"
    with pytest.raises(ModelInputError, match="not_covered"):
        coverage_lens(scenario.model_copy(update={"not_covered": []}))
    with pytest.raises(ModelInputError, match="outside"):
        fill_uncovered(scenario, prior=2.0)
    neutral = coverage_lens(scenario, prior=0.0)
    assert "one stated prior of +0.0" in neutral.reading()
    assert all(not any(v.moved.values()) for v in neutral.views[1:])


def test_the_assessment_reads_the_coverage_lens(scenario):
    r = blocs.assess(scenario, draws=500)
    assert r.sections["coverage"].reading() in r.readings
