"""Every reading is one grammatical sentence in every case, written by the result it describes;
a scenario unlike the built-in one runs through assess and report with no trace of another case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import blocs
from blocs.cli import app
from blocs.results import NotComputed
from blocs.scenario.model import Focus

DATA = Path(__file__).parent / "data"
OWN_CASE = DATA / "turkey-between-2019.yaml"
runner = CliRunner()


def assert_sentence(text: str) -> None:
    assert text[0].isupper() and text.endswith("."), text
    assert "  " not in text and " ." not in text and ",." not in text, text
    assert not re.search(r"\b(None|nan|inf)\b|\{\}|camp not in", text), text


@pytest.fixture(scope="module")
def own() -> blocs.Scenario:
    return blocs.load(OWN_CASE)


def variants(s: blocs.Scenario) -> dict[str, blocs.Scenario]:
    assert s.focus is not None
    f = s.focus
    swapped = Focus(divider=f.partner, target=f.target, partner=f.divider)
    pair = {f.target, f.partner}
    return {
        "as given": s,
        "roles swapped": s.model_copy(update={"focus": swapped}),
        "target-partner ties removed": s.model_copy(
            update={"ties": [t for t in s.ties if set(t.pair) != pair]}
        ),
        "one channel only": s.model_copy(
            update={"ties": [t for t in s.ties if t.channel.value == "political"]}
        ),
        "no focus": s.model_copy(update={"focus": None}),
    }


@pytest.mark.parametrize(
    "case",
    ["as given", "roles swapped", "target-partner ties removed", "one channel only", "no focus"],
)
def test_readings_are_sentences(own, case) -> None:
    scenario = variants(own)[case]
    result = blocs.assess(scenario, draws=200)
    assert result.readings
    for text in [*result.readings, *result.disagreements]:
        assert_sentence(text)
    for section in result.sections.values():
        if isinstance(section, NotComputed):
            assert_sentence(section.reading())
    if scenario.focus is None:
        assert result.question is None and "triad" not in result.sections
    else:
        assert result.question == scenario.focus.asks()


def test_landscape_reading_when_the_pair_never_shares_a_camp(own) -> None:
    landscape = blocs.assess(own, draws=200).sections["landscape"]
    assert landscape.together("TUR", "RUS") == 0
    assert landscape.reading().endswith("TUR sits with RUS in no local minimum.")
    assert "milex (USD/year, 2019)" in landscape.reading()


def test_a_question_is_composed_when_the_scenario_has_none(own) -> None:
    assert own.focus is not None
    bare = own.focus.model_copy(update={"question": None})
    assert bare.asks() == "What would it take for USA to pull TUR away from RUS?"


def test_disagreements_name_the_lenses(own) -> None:
    result = blocs.assess(own, draws=200)
    assert any(
        d.startswith("Landscape theory puts USA in TUR's camp") for d in result.disagreements
    )


OTHER_CASE = re.compile(r"IRN|Iran|2017|CINC", re.IGNORECASE)


def test_own_case_shows_no_trace_of_another(tmp_path: Path) -> None:
    report = tmp_path / "own.html"
    for args in (
        ["assess", str(OWN_CASE), "--draws", "200", "--report", str(report)],
        ["assess", str(OWN_CASE), "--draws", "200", "--full"],
        ["assess", str(OWN_CASE), "--draws", "200", "--json"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert not OTHER_CASE.search(result.stdout), OTHER_CASE.search(result.stdout)
    assert "Can Washington win Ankara back" in report.read_text(encoding="utf-8")
    assert not OTHER_CASE.search(report.read_text(encoding="utf-8"))
