"""The back-test: lens verdicts on the built-in historical cases beside their outcomes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import blocs
from blocs.cli import app
from blocs.errors import BlocsError
from blocs.results import NotComputed
from blocs.scenario.library import available
from blocs.whatif.backtest import LENSES, LensVerdict, backtest, backtest_case

CASES = ("china-ussr-us-1969", "egypt-ussr-us-1971", "syria-iran-us-1991", "russia-iran-2017")


@pytest.fixture(scope="module")
def result(shared_data):
    return backtest([blocs.load(n) for n in available()], data=shared_data)


def test_every_case_with_an_outcome_is_tested(result):
    assert {c.scenario for c in result.cases} == set(CASES)
    observed = {c.scenario: c.observed.separated for c in result.cases}
    assert observed == {
        "china-ussr-us-1969": True,
        "egypt-ussr-us-1971": True,
        "syria-iran-us-1991": False,
        "russia-iran-2017": False,
    }


def test_verdicts_and_scores(result):
    by = {c.scenario: c for c in result.cases}
    # the structural lenses read every snapshot as "stays": hits on the two cases that stayed
    for lens in ("balance", "landscape"):
        assert [by[n].hit(lens) for n in CASES] == [False, False, True, True]
    # the landscape price is the flip threshold in tie units
    land = by["russia-iran-2017"].predicted["landscape"]
    assert isinstance(land, LensVerdict) and land.price_unit == "tie units"
    assert 0 < land.price < 1
    # the base rate: the Sino-Soviet treaty (ATOP 3200) at 20.9 years, censored at 1970
    china = by["china-ussr-us-1969"].predicted["base_rate"]
    assert china.separates and 0.5 <= china.probability < 0.7
    assert "ATOP 3200" in china.detail and "censored at 1970" in china.detail
    scores = {s.lens: (s.hits, s.misses, s.no_verdict) for s in result.summary}
    assert scores["balance"] == scores["landscape"] == (2, 2, 0)
    assert scores["base_rate"] == (3, 1, 0)
    assert scores["ledger"][:2] == (0, 0)
    # the bargaining lens needs issues: only the seeds' case declares them
    assert scores["bargaining"] == (1, 0, 3)
    assert by["russia-iran-2017"].predicted["bargaining"].separates is False
    assert isinstance(by["syria-iran-us-1991"].predicted["bargaining"], NotComputed)


def test_ledger_gives_a_price_or_says_why_not(result):
    for case in result.cases:
        ledger = case.predicted["ledger"]
        if isinstance(ledger, NotComputed):
            assert "stakes" in ledger.reason and ledger.remedy
        else:
            assert ledger.separates is None and ledger.price > 0


def test_readings_are_sentences(result):
    assert result.reading().endswith(".")
    for case in result.cases:
        assert case.reading().startswith(f"In {case.scenario}, {case.target} ")
        for v in case.predicted.values():
            assert v.reading().endswith(".")
    assert all(s.reading().startswith("The ") for s in result.summary)


def test_without_data_the_base_rate_is_not_computed():
    case = backtest_case(blocs.load("syria-iran-us-1991"), data=None)
    assert isinstance(case.predicted["base_rate"], NotComputed)
    assert isinstance(case.predicted["landscape"], LensVerdict)


def test_a_scenario_without_outcome_is_refused():
    s = blocs.load("russia-iran-2017").model_copy(update={"outcome": None})
    with pytest.raises(BlocsError, match="needs a focus and an outcome"):
        backtest_case(s)
    assert backtest([s]).cases == ()


def test_cli_json_lists_cases_with_predicted_and_observed(shared_data):
    out = CliRunner().invoke(app, ["backtest", "--data", str(shared_data), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["cases"]) == 4
    for case in data["cases"]:
        assert set(case["predicted"]) == set(LENSES)
        assert isinstance(case["observed"]["separated"], bool)
        assert case["observed"]["evidence"]
    assert [s["lens"] for s in data["summary"]] == list(LENSES)


def test_cli_table(shared_data):
    out = CliRunner().invoke(app, ["backtest", "syria-iran-us-1991", "--data", str(shared_data)])
    assert out.exit_code == 0, out.output
    assert "stayed" in out.output and "hit 1 and missed 0" in out.output
