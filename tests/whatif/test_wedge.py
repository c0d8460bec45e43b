"""The wedge analysis end to end: result shape, determinism, overlays, errors."""

from __future__ import annotations

import json

import pytest

import blocs
from blocs.errors import ModelInputError
from blocs.results import to_jsonable
from blocs.whatif.wedge import wedge

FAST = {"draws": 2000, "sobol_samples": 2**6, "structural": False}


@pytest.fixture(scope="module")
def scenario():
    return blocs.load("russia-iran-2017")


def test_result_has_stable_keys_and_is_json(scenario):
    r = wedge(scenario, divider="USA", target="RUS", partner="IRN", seed=3, **FAST)
    data = json.loads(json.dumps(to_jsonable(r)))
    assert {
        "answer",
        "summary",
        "lenses",
        "sensitivity",
        "evidenced",
        "assumptions",
        "seed",
    } <= set(data)
    assert data["seed"] == 3
    assert {"median", "p10", "p90", "share_over_cap"} <= set(data["summary"])
    assert {"ledger", "structural", "base_rate"} <= set(data["lenses"])


def test_evidence_and_assumptions_are_listed_apart(scenario):
    r = wedge(scenario, divider="USA", target="RUS", partner="IRN", seed=1, **FAST)
    paths = {e.path for e in r.evidenced}
    assert "ties[rus-irn-arms]" in paths
    assert all(e.source and (e.paragraph or e.locator) for e in r.evidenced)
    assert all(a.rationale for a in r.assumptions)
    assert not {e.name for e in r.evidenced} & {a.name for a in r.assumptions}


def test_answer_is_conditional_not_a_prediction(scenario):
    r = wedge(scenario, divider="USA", target="RUS", partner="IRN", seed=1, **FAST)
    assert "given these inputs" in r.answer
    assert "no package under the cap" in r.answer


def test_same_seed_same_numbers(scenario):
    a = wedge(scenario, divider="USA", target="RUS", partner="IRN", seed=8, **FAST)
    b = wedge(scenario, divider="USA", target="RUS", partner="IRN", seed=8, **FAST)
    assert to_jsonable(a) == to_jsonable(b)


def test_inducement_overlay_is_weighed(scenario):
    r = wedge(
        scenario,
        divider="USA",
        target="RUS",
        partner="IRN",
        overlay="us-sanctions-relief",
        seed=2,
        **FAST,
    )
    assert r.price.offered > 0
    assert 0.0 <= r.price.share_offer_enough <= 1.0
    assert "already on the table" in r.answer


def test_ending_the_war_lowers_the_price(scenario):
    base = wedge(scenario, divider="USA", target="RUS", partner="IRN", seed=5, **FAST)
    ended = wedge(
        scenario,
        divider="USA",
        target="RUS",
        partner="IRN",
        overlay="syria-war-ends",
        seed=5,
        **FAST,
    )
    assert ended.price.price_median < base.price.price_median


def test_structural_lens_joins_the_answer(scenario):
    r = wedge(
        scenario, divider="USA", target="RUS", partner="IRN", seed=1, draws=1000, sobol_samples=0
    )
    assert r.structural is not None
    assert any(d.startswith("Structure:") for d in r.disagreements)


def test_base_rate_joins_the_answer(scenario, shared_data):
    r = wedge(
        scenario, divider="USA", target="RUS", partner="IRN", seed=1, data=shared_data, **FAST
    )
    assert r.base_rate.available
    assert any(d.startswith("Base rate:") for d in r.disagreements)


@pytest.mark.parametrize(
    "roles, message",
    [
        ({"divider": "ATL", "target": "RUS", "partner": "IRN"}, "no actor 'ATL'"),
        ({"divider": "USA", "target": "RUS", "partner": "RUS"}, "three different"),
    ],
)
def test_bad_roles(scenario, roles, message):
    with pytest.raises(ModelInputError, match=message):
        wedge(scenario, **roles, **FAST)


def test_assumptions_for_another_case_fail_clearly(scenario):
    with pytest.raises(ModelInputError, match="no tie with id"):
        wedge(scenario, divider="USA", target="IRN", partner="RUS", **FAST)
