"""The offline HTML report and the notebook fragments: snapshots, escaping, absent parts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import blocs
from blocs.report.html import (
    render_report,
    render_section,
    to_html_fragment,
    write_report,
)
from blocs.report.inputs import ReportInputs
from blocs.report.sections import build_sections, ties_section
from blocs.results import NotComputed


class _Collect(HTMLParser):
    """Tags, attributes and text of a document, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> _Collect:
    p = _Collect()
    p.feed(page)
    return p


@pytest.mark.parametrize("section", ["answer", "network", "ties", "assumptions", "references"])
def test_section_snapshot(toy, snapshot, section: str) -> None:
    inputs = ReportInputs(scenario=toy, results={"wedge": NotComputed("not in this test")})
    chosen = next(s for s in build_sections(inputs) if s.id == section)
    snapshot(f"toy-{section}.html", str(render_section(chosen).body))


def test_fragment_snapshot(toy, snapshot) -> None:
    fragment = to_html_fragment(blocs.assess(toy), scenario=toy)
    assert fragment.count("<style>") == 1  # the stylesheet travels with the fragment
    # the stylesheet is left out of the snapshot: a style change is not a markup change
    snapshot(
        "toy-assessment-fragment.html", re.sub(r"<style>.*?</style>", "", fragment, flags=re.S)
    )


def test_hostile_strings_are_text_everywhere(hostile, hostile_text) -> None:
    HOSTILE = hostile_text
    page = render_report(ReportInputs(scenario=hostile))
    doc = parsed(page)
    tags = {t for t, _ in doc.tags}
    assert "script" not in tags and "img" not in tags
    for _, attrs in doc.tags:
        assert not any(k.startswith("on") for k in attrs), attrs
        assert all("javascript:" not in (v or "") for k, v in attrs.items() if k == "href")
    text = "".join(doc.text)
    # every hostile field shows as text: title, description, source, names, claims, notes ...
    for prefix in ("T ", "D ", "P ", "A ", "C ", "R ", "E ", "N ", "M ", "X "):
        assert prefix + HOSTILE in text, prefix
    assert "Avalon" + HOSTILE in text


def test_hostile_fragment_is_text(hostile) -> None:
    fragment = to_html_fragment(blocs.assess(hostile), scenario=hostile)
    assert "<script>alert" not in fragment and "&lt;script&gt;alert(1)" in fragment


def test_report_without_optional_parts(bare, tmp_path) -> None:
    result = write_report(ReportInputs(scenario=bare), tmp_path / "r.html")
    page = result.path.read_text(encoding="utf-8")
    assert "node sizes not drawn: the scenario gives no size measure" in page
    assert "the scenario records no notes on its sources" in page
    assert "wedge price not computed: no result was given" in page
    assert "Memberships" not in page and "Figures on actors" not in page


def test_not_computed_reason_is_shown_and_listed(toy, tmp_path) -> None:
    inputs = ReportInputs(scenario=toy, results={"balance": NotComputed("model <missing>")})
    result = write_report(inputs, tmp_path / "r.html")
    page = result.path.read_text(encoding="utf-8")
    assert "structural balance not computed: model &lt;missing&gt;" in page
    assert result.not_computed == ("balance: model <missing>",)
    assert result.bytes == len(page.encode("utf-8"))


def test_every_tie_figure_has_a_footnote(toy) -> None:
    section = ties_section(ReportInputs(scenario=toy))
    numbers = {f["number"] for f in section.context["footnotes"]}
    for channel in section.context["channels"]:
        for row in channel["rows"]:
            assert row["refs"], row["id"]
            assert {r["number"] for r in row["refs"]} <= numbers
    body = str(render_section(section).body)
    for f in section.context["footnotes"]:
        assert f'id="{f["anchor"]}"' in body and f'href="#{f["anchor"]}"' in body
    assert "≥ 10 bn USD" in body  # a hedged figure keeps its hedge
    assert "assessed" in body  # coded strengths are marked as assumptions


def test_report_is_self_contained(toy) -> None:
    page = render_report(ReportInputs(scenario=toy))
    doc = parsed(page)
    for tag, attrs in doc.tags:
        assert tag not in ("script", "link", "iframe", "img"), tag
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (tag, key, value)
    assert "Content-Security-Policy" in page


def test_sections_in_reading_order(toy) -> None:
    page = render_report(ReportInputs(scenario=toy))
    ids = re.findall(r'<section id="([a-z]+)">', page)
    assert ids == [
        "answer",
        "network",
        "ties",
        "alignment",
        "wedge",
        "bargain",
        "measured",
        "idealpoints",
        "assumptions",
        "references",
    ]


def test_builtin_report_size_and_question(tmp_path) -> None:
    scenario = blocs.load("russia-iran-2017")
    result = write_report(ReportInputs(scenario=scenario), tmp_path / "report.html")
    assert result.bytes < 2_000_000
    page = result.path.read_text(encoding="utf-8")
    assert "¶1" in page and "in our words" in page
    assert page.count("<svg") >= 2


def test_wedge_section_says_what_the_price_rests_on(tmp_path) -> None:
    """Present value, evidence share, infeasible draws, the interval's meaning and the levels."""
    scenario = blocs.load("russia-iran-2017")
    wedge = blocs.wedge(scenario, draws=2_000, seed=1)
    chosen = next(
        s
        for s in build_sections(ReportInputs(scenario=scenario, results={"wedge": wedge}))
        if s.id == "wedge"
    )
    text = " ".join(parsed(str(render_section(chosen).body)).text)
    assert "present value" in text
    assert f"explain {wedge.evidence_share:.0%} of the price's variance" in text
    assert "not a calibrated forecast" in text
    assert {lv.name for lv in wedge.levels} == {"loosen", "leave"}
    for level in ("loosen", "leave"):
        assert level in text
