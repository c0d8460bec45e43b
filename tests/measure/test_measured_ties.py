"""Measured ties from UN votes and ATOP beside the assessed ties of the built-in scenario."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

import blocs
from blocs.errors import BlocsError
from blocs.measure import measured_ties
from blocs.measure.measured_ties import measure_scenario, parse_period
from blocs.results import to_jsonable
from blocs.scenario.io import dumps_scenario, loads_scenario
from blocs.scenario.model import Basis, SourceKind


@pytest.fixture(scope="module")
def scenario():
    return blocs.load("russia-iran-2017")


@pytest.fixture(scope="module")
def measured(scenario, shared_data):
    return measure_scenario(
        scenario,
        2015,
        2017,
        votes=shared_data / "un-votes",
        alliances=shared_data / "peacesciencer-cow-atop",
    )


def _tie(result, tie_id):
    return next(t for t in result.scenario.ties if t.id == tie_id)


def test_vote_tie_is_the_s_score_with_dataset_evidence(measured):
    tie = _tie(measured, "irn-rus-un-votes-2015-2017")
    assert tie.basis == Basis.measured and tie.channel.value == "diplomatic"
    assert tie.strength == 0.503
    assert tie.period is not None and (tie.period.start, tie.period.end) == ("2015", "2017")
    source = measured.scenario.source(tie.evidence[0].source)
    assert source.kind == SourceKind.dataset and source.version and source.cite
    first = tie.evidence[0]
    assert first.locator == "un-votes: IRN-RUS, roll calls 2015-2017 where both voted"
    assert first.quantity is not None and first.quantity.value == 0.503
    assert first.quantity.unit == "S score"
    assert [q.value for q in tie.quantities] == [0.503, 0.648]


def test_alliance_tie_carries_the_obligations(measured):
    tie = _tie(measured, "irn-rus-atop-5.1-2015-2017")
    assert tie.channel.value == "military" and tie.strength == 0.5
    assert "neutrality, non-aggression, consultation" in tie.rationale
    assert "atop-5.1" in tie.evidence[0].locator
    assert measured.scenario.source("atop-5.1").version == "5.1"


def test_assessed_ties_are_kept(scenario, measured):
    before = [t for t in scenario.ties]
    after = [t for t in measured.scenario.ties if t.basis == Basis.assessed]
    assert after == before
    assert len(measured.scenario.ties) == len(before) + len(measured.added)


def test_comparison_table(measured):
    rows = {(c.a, c.b, c.channel): c for c in measured.comparisons}
    rus_irn = rows[("IRN", "RUS", "diplomatic")]
    assert rus_irn.measured == 0.503 and rus_irn.assessed is not None
    assert rus_irn.agree is (rus_irn.assessed > 0)
    irn_usa = rows[("IRN", "USA", "diplomatic")]
    assert irn_usa.measured == -0.51
    assert irn_usa.agree is (irn_usa.assessed is not None and irn_usa.assessed < 0)
    no_alliance = rows[("IRN", "USA", "military")]
    assert no_alliance.measured == 0.0 and no_alliance.note == "no alliance in force"
    assert no_alliance.agree is None
    d = to_jsonable(measured)
    assert set(d["comparisons"][0]) >= {"a", "b", "channel", "measured", "assessed", "agree"}
    assert {s["id"] for s in d["datasets"]} == {"un-votes", "atop-5.1"}


def test_scenario_validates_and_round_trips_through_yaml(measured):
    text = dumps_scenario(measured.scenario)
    again = loads_scenario(text)
    assert again == measured.scenario
    assert "basis: measured" in text


def test_a_second_run_replaces_its_own_ties(measured, shared_data):
    again = measure_scenario(measured.scenario, 2015, 2017, votes=shared_data / "un-votes")
    assert len(again.scenario.ties) == len(measured.scenario.ties)
    assert [s.id for s in again.scenario.sources].count("un-votes") == 1


def test_explicit_pairs_and_all_pairs(scenario, shared_data):
    one = measure_scenario(
        scenario, 2016, 2016, votes=shared_data / "un-votes", pairs=[("RUS", "IRN")]
    )
    assert [t.pair for t in one.added] == [("IRN", "RUS")]
    many = measure_scenario(scenario, 2016, 2016, votes=shared_data / "un-votes", all_pairs=True)
    states = {a.id for a in scenario.actors if a.kind.value == "state"}
    assert len(many.comparisons) == len(states) * (len(states) - 1) // 2


@dataclass
class _Year:
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int


@dataclass
class _Summary:
    years: tuple
    source: str = "test"


def test_events_become_political_ties(scenario, tmp_path, monkeypatch):
    calls = []

    def fake(db, a, b, start, end):
        calls.append((a, b, start, end))
        return _Summary(years=(_Year(6, 2, 1, 1),))

    monkeypatch.setattr(measured_ties, "_events_summary_function", lambda: fake)
    db = tmp_path / "events.duckdb"
    db.write_bytes(b"")
    r = measure_scenario(scenario, 2017, 2017, events=db, pairs=[("RUS", "IRN")])
    assert calls == [("IRN", "RUS", "2017", "2017")]
    (tie,) = r.added
    assert tie.channel.value == "political" and tie.strength == 0.6  # (8 - 2) / 10
    assert r.scenario.source("events").kind == SourceKind.dataset


def test_bad_requests(scenario, shared_data):
    with pytest.raises(BlocsError, match="at least one data set"):
        measure_scenario(scenario, 2015, 2017)
    with pytest.raises(BlocsError, match="'ISIS' is not a state"):
        measure_scenario(
            scenario, 2015, 2017, votes=shared_data / "un-votes", pairs=[("RUS", "ISIS")]
        )
    with pytest.raises(BlocsError, match="not YEAR or YEAR-YEAR"):
        parse_period("2015/2017")
    with pytest.raises(BlocsError, match="starts after it ends"):
        parse_period("2017-2015")
    assert parse_period("2015-2017") == (2015, 2017)


def test_events_from_a_real_store(scenario, shared_data, tmp_path):
    from blocs.measure.events import ingest

    db = tmp_path / "events.duckdb"
    ingest([shared_data / "icews-sample" / "events.2018.sample.tab"], db)
    r = measure_scenario(scenario, 2018, 2018, events=db, pairs=[("RUS", "USA"), ("RUS", "MNG")])
    rows = {(c.a, c.b): c for c in r.comparisons}
    assert rows[("MNG", "RUS")].note == "no events"
    (tie,) = r.added
    assert tie.pair == ("RUS", "USA") and tie.channel.value == "political"
    assert -1.0 <= tie.strength <= 1.0 and tie.basis == Basis.measured
    assert r.scenario.source("events").kind == SourceKind.dataset
    assert loads_scenario(dumps_scenario(r.scenario)) == r.scenario


def test_actors_in_cow_abbreviations_are_found_through_the_crosswalk(shared_data):
    from blocs.measure.votes import vote_agreement
    from blocs.scenario.model import Scenario

    toy = Scenario.model_validate(
        {
            "id": "toy",
            "title": "Austria and Germany in COW codes",
            "sources": [{"id": "doc", "title": "A note", "kind": "analysis", "paragraphs": 2}],
            "actors": [
                {"id": "AUS", "name": "Austria", "code_system": "cow"},
                {"id": "GMY", "name": "Germany", "code_system": "cow"},
            ],
            "ties": [
                {
                    "pair": ["AUS", "GMY"],
                    "channel": "diplomatic",
                    "strength": 0.5,
                    "rationale": "close partners",
                    "evidence": [{"source": "doc", "paragraph": 1, "claim": "They agree."}],
                }
            ],
        }
    )
    r = measure_scenario(toy, 2016, 2016, votes=shared_data / "un-votes")
    (tie,) = r.added
    expected = vote_agreement(shared_data / "un-votes", "AUT", "DEU", 2016, 2016).overall
    assert tie.pair == ("AUS", "GMY") and tie.strength == round(expected.s_score, 3)
    assert "AUT-DEU" in tie.evidence[0].locator  # Austria, not Australia


def test_zero_has_no_sign_so_it_neither_agrees_nor_disagrees():
    """The one rule for comparing an assessed and a measured value (used by measure and by
    assess): both non-zero with one sign agree, opposite signs disagree, and a zero or a
    missing value on either side is neither."""
    assert measured_ties.signs_agree(0.4, 0.1) is True
    assert measured_ties.signs_agree(-0.4, -0.1) is True
    assert measured_ties.signs_agree(0.4, -0.1) is False
    assert measured_ties.signs_agree(0.0, 0.0) is None
    assert measured_ties.signs_agree(0.0, 0.3) is None
    assert measured_ties.signs_agree(0.3, None) is None
