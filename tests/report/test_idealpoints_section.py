"""The report's UN ideal-point section: the focus triangle by year, the scenario's period marked."""

from __future__ import annotations

import blocs
from blocs.measure.idealpoints.alignment import TriangleAlignment
from blocs.report.gather import gather
from blocs.report.html import render_report
from blocs.report.svg import line_svg


def test_focus_triangle_by_year_with_the_period_marked(tmp_path, write_un_votes, monkeypatch):
    monkeypatch.setenv("BLOCS_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_un_votes(tmp_path / "un-votes", sessions=tuple(range(44, 73)), items=8)
    scenario = blocs.load("russia-iran-2017")
    inputs = gather(scenario, votes=folder, parts=("idealpoints",))
    result = inputs.get("idealpoints")
    assert isinstance(result, TriangleAlignment), inputs.why("idealpoints")
    # from 25 years before the scenario's period (1992) to the data's last session (2017)
    assert (result.first_year, result.last_year) == (1992, 2017)
    assert result.mark == (2017, 2017)
    assert set(result.states) == {"RUS", "IRN", "USA"}
    assert set(result.distances()) == {"RUS–IRN", "RUS–USA", "IRN–USA"}
    positions = result.positions()
    assert [y for y, _ in positions["USA"]] == list(range(1992, 2018))
    assert all(v > 0 for _, v in positions["USA"])  # the anchor's side
    assert "Ideal-point distances moved" in result.reading()
    page = render_report(inputs)
    assert "Preferences in the UN General Assembly" in page
    assert "Ideal-point distance of each pair" in page and "scenario period" in page
    assert "Ideal-point distances moved RUS–IRN" in page


def test_section_says_why_when_absent(toy) -> None:
    inputs = gather(toy, parts=("idealpoints",))
    assert inputs.why("idealpoints") == "not computed: no UN-votes folder was given (--votes)"
    assert "ideal points not computed" in render_report(inputs)


def test_period_mark_is_escaped_and_clipped():
    svg = str(line_svg({"a<b": [(2000, 1.0), (2010, 2.0)]}, mark=(2008, 2030, "<period>")))
    assert "&lt;period&gt;" in svg and "<period>" not in svg and "a&lt;b" in svg
    assert (
        str(line_svg({"a": [(2000, 1.0), (2010, 2.0)]}, mark=(1990, 1995, "x"))).count("<rect") == 0
    )
