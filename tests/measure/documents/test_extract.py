"""Drafting a scenario from a document, and how much of the reviewed seeds' scenario it recovers."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import ScenarioError
from blocs.measure.documents.evaluate import score_extraction
from blocs.measure.documents.extract import draft_scenario, extract
from blocs.measure.documents.paragraphs import read_text
from blocs.scenario import dumps_scenario, load, loads_scenario

runner = CliRunner()

MEMO = """\
A memo on two states.

Russia and Iran signed a military cooperation agreement in March 2016.

Keeping the base costs as much as $7.5 billion in annual upkeep.

In 2015 Russian output fell by as much as 3.5 percent.

Tehran condemned Washington for new sanctions.
"""


@pytest.fixture(scope="module")
def coder():
    from blocs.measure.text import Coder

    return Coder.load()


def test_paragraphs_actors_figures_and_dates(coder):
    found = extract(MEMO, source_id="memo", coder=coder)
    assert found.paragraphs == 5
    assert {"RUS", "IRN", "USA"} <= {a.id for a in found.actors}
    figures = {(f.paragraph, f.value, f.unit, f.per, f.bound) for f in found.figures}
    assert (3, 7.5e9, "USD", "year", "at_most") in figures
    assert (4, -3.5, "percent", None, "at_least") in figures
    assert {(d.paragraph, d.year, d.month) for d in found.dates} >= {(2, 2016, 3), (4, 2015, None)}
    dated = next(f for f in found.figures if f.unit == "percent")
    assert dated.year == 2015


def test_coded_events_become_candidate_ties_with_channel_and_sign(coder):
    found = extract(MEMO, source_id="memo", coder=coder)
    signs = {(tuple(sorted(t.pair)), t.sign) for t in found.ties}
    assert (("IRN", "RUS"), 1) in signs
    assert any(set(t.pair) == {"IRN", "USA"} and t.sign == -1 for t in found.ties)
    for t in found.ties:
        assert abs(t.suggested_strength) <= 0.5


def test_the_draft_validates_cites_paragraphs_and_quotes_its_source(coder):
    draft = draft_scenario(extract(MEMO, source_id="memo", coder=coder))
    assert draft.draft is True
    again = loads_scenario(dumps_scenario(draft))
    assert again == draft
    items = [ev for _, ev in draft.evidence_items()]
    assert items and all(ev.paragraph and ev.quote for ev in items)
    assert all(ev.quote in MEMO.replace("\n", " ") or ev.quote in MEMO for ev in items)


def test_a_document_without_actors_cannot_make_a_draft(coder):
    with pytest.raises(ScenarioError, match="no actor found"):
        draft_scenario(extract("Nothing here but weather.\n", source_id="w", coder=coder))


def test_extract_command_writes_a_draft_that_validates(tmp_path):
    doc = tmp_path / "memo.txt"
    doc.write_text(MEMO, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["extract", str(doc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\xff\xfe not text\n", "not UTF-8")],
)
def test_bad_documents_get_one_located_line(tmp_path, content, message):
    doc = tmp_path / "bad.txt"
    doc.write_bytes(content)
    result = runner.invoke(app, ["extract", str(doc)])
    assert result.exit_code == 2
    assert "bad.txt" in result.output and message in result.output


def test_recall_on_the_seeds(seeds, coder):
    """The figures and actors of the reviewed scenario that extraction recovers from the seeds.

    The floors are the figures measured when the extractor was written (docs table); they
    guard against regressions, they are not targets the rules were tuned to."""
    scenario = load("russia-iran-2017")
    extractions = [
        extract(read_text(seeds / s.file), source_id=s.id, file=s.file, coder=coder)
        for s in scenario.sources
        if s.file
    ]
    score = score_extraction(extractions, scenario)
    assert score.figure_recall_value.total >= 10
    assert score.figure_recall_value.hits >= score.figure_recall_full.hits
    assert score.figure_recall_value.share >= 0.9
    assert score.actor_recall.share >= 0.6
