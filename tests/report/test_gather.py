"""Gathering results for the report: each part's result, or why it is absent."""

from __future__ import annotations

import pytest

import blocs
from blocs.report.gather import gather
from blocs.report.html import render_report
from blocs.results import to_jsonable


def test_absent_inputs_are_reasons_not_results(toy) -> None:
    inputs = gather(toy, parts=("votes", "events", "wedge"))
    assert inputs.why("votes") == "not computed: no UN-votes folder was given (--votes)"
    assert inputs.why("events") == "not computed: no event store was given (--events)"
    assert inputs.why("balance") == "not computed: not asked for"
    assert inputs.assessment is not None  # the wedge comes from blocs.assess
    assert inputs.why("wedge").endswith("names no focus (divider, target, partner)")


def test_votes_by_year_from_the_un_data(shared_data) -> None:
    scenario = blocs.load("russia-iran-2017")
    inputs = gather(scenario, votes=shared_data / "un-votes", parts=("votes",))
    votes = inputs.get("votes")
    assert votes is not None, inputs.why("votes")
    data = to_jsonable(votes)
    assert set(data["series"]) == {"RUS–IRN", "RUS–USA", "IRN–USA"}
    years = [p["x"] for p in data["series"]["RUS–IRN"]]
    assert years == sorted(years) and years[-1] == 2017
    # the published 2015-2017 ordering of the pairs holds every year of the span's end
    last = {k: v[-1]["value"] for k, v in data["series"].items()}
    assert last["RUS–IRN"] > last["RUS–USA"] > last["IRN–USA"]
    page = render_report(inputs)
    assert "share of roll calls voted alike" in page and "Voeten" in page


def test_event_series_by_quadclass(tmp_path) -> None:
    events = pytest.importorskip("blocs.measure.events")
    from blocs.measure.events.synthetic import write_gdelt2

    source = tmp_path / "20170101000000.export.CSV"
    write_gdelt2(source, 5000, seed=3)
    store = tmp_path / "events.duckdb"
    events.ingest([source], store)
    inputs = gather(blocs.load("russia-iran-2017"), events=store, parts=("events",))
    result = inputs.get("events")
    assert result is not None, inputs.why("events")
    series = to_jsonable(result)["series"]
    assert set(series) == {
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    }
    assert all(0 <= p["value"] <= 1000 for pts in series.values() for p in pts)
    assert len(series["verbal conflict"]) == 36  # one point per month of 2015-2017
