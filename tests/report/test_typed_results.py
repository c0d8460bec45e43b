"""The report renders from typed results: absent figures, notebook views of file scenarios and
modified copies, one NotComputed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import blocs
from blocs.report.html import render_report
from blocs.report.inputs import ReportInputs
from blocs.report.views import wedge_view
from blocs.results import NotComputed, html_of
from blocs.scenario.io import dumps_scenario


@pytest.fixture(scope="module")
def builtin() -> blocs.Scenario:
    return blocs.load("russia-iran-2017")


@pytest.fixture(scope="module")
def wedge_result(builtin: blocs.Scenario) -> blocs.WedgeResult:
    return blocs.wedge(
        builtin, divider="USA", target="RUS", partner="IRN", draws=500, sobol_samples=0, seed=1
    )


def test_no_tie_splits_target_from_partner(builtin, wedge_result) -> None:
    """When no divider–target tie up to +1 splits the pair, the change is None: the report and
    the page's view say so instead of failing to format it."""
    assert wedge_result.structural is not None
    flip = dataclasses.replace(
        wedge_result.structural.flip,
        tie_after=None,
        change=None,
        all_minima_tie_after=None,
        all_minima_change=None,
        apart_already=False,
    )
    structural = dataclasses.replace(wedge_result.structural, flip=flip, price_equivalent=None)
    stuck = dataclasses.replace(wedge_result, structural=structural)
    view = wedge_view(stuck)
    reading = next(lens["reading"] for lens in view["lenses"] if lens["name"] == "Structure")
    assert reading.startswith("no USA–RUS tie up to +1 splits RUS from IRN")
    page = render_report(ReportInputs(scenario=builtin, results={"wedge": stuck}))
    assert "no USA–RUS tie up to +1 splits RUS from IRN" in page


def test_the_served_page_answers_when_no_tie_splits(builtin, wedge_result, serve_app, monkeypatch):
    """The what-if page renders the same wedge view: no HTTP 500 when the change is None."""
    import httpx

    from blocs.report import live
    from blocs.report.server import create_app

    assert wedge_result.structural is not None
    flip = dataclasses.replace(wedge_result.structural.flip, tie_after=None, change=None)
    structural = dataclasses.replace(wedge_result.structural, flip=flip, price_equivalent=None)
    stuck = dataclasses.replace(wedge_result, structural=structural)
    monkeypatch.setattr(live.LivePage, "_wedge", lambda self, request, overlay: stuck)
    server = serve_app(create_app(builtin, draws=500))
    body = {"inducement_usd": 5e9, "credibility": 0.5, "horizon_years": 10}
    r = httpx.post(f"{server.url}/api/whatif", json=body, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json()["wedge"]["available"] is True


def test_assessment_repr_shows_a_file_scenario(builtin, tmp_path: Path) -> None:
    text = dumps_scenario(builtin).replace("id: russia-iran-2017", "id: my-own-file", 1)
    text = text.replace("name: Russia\n", "name: Ruritania\n", 1)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    mine = blocs.load(path)
    html = blocs.assess(mine, draws=500)._repr_html_()
    assert html is not None and "Ruritania" in html and "<svg" in html


def test_assessment_repr_shows_a_modified_copy(builtin) -> None:
    kept = [t for t in builtin.ties if "IRN" not in t.pair]
    copy = builtin.model_copy(update={"ties": kept, "title": "Without Iran's ties"})
    html = blocs.assess(copy, draws=500)._repr_html_()
    assert html is not None and "Without Iran&#39;s ties" in html
    original = blocs.assess(builtin, draws=500)._repr_html_()
    assert html.count("<tr") < original.count("<tr")  # fewer tie rows, not the built-in network


def test_wedge_repr_renders_its_chart(wedge_result) -> None:
    html = wedge_result._repr_html_()
    assert html is not None and "<svg" in html and "Reservation price" in html
    assert html == html_of(wedge_result)


def test_absent_results_are_the_one_not_computed(builtin) -> None:
    bare = builtin.model_copy(update={"focus": None, "size_attribute": None})
    result = blocs.assess(bare, draws=500)
    assert isinstance(result.sections["wedge"], NotComputed)
    assert isinstance(result.sections["landscape"], NotComputed)
    page = render_report(ReportInputs(scenario=bare, assessment=result, results=result.sections))
    assert "not computed: the scenario names no focus" in page
