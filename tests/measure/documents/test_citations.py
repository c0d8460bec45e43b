"""The faithfulness check of any scenario: citations past the end, figures not where cited."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from blocs.cli import app
from blocs.measure.documents.citations import check_citations, check_citations_text
from blocs.measure.documents.paragraphs import read_paragraphs
from blocs.scenario.library import path_of

runner = CliRunner()

SCENARIO = """\
id: toy
title: Toy
sources:
  - {id: note, title: A note, kind: analysis, file: note.txt}
  - {id: data, title: A data set, kind: dataset}
actors: [{id: RUS, name: Russia}, {id: IRN, name: Iran}]
ties:
  - pair: [RUS, IRN]
    channel: economic
    strength: 0.3
    rationale: trade
    evidence:
      - source: note
        paragraph: 2
        claim: Trade of two and a half billion dollars.
        quantity: {value: 2500000000, unit: USD}
      - source: note
        paragraph: 9
        claim: A paragraph the note does not have.
      - source: data
        locator: row 4
        claim: A data set row.
  - pair: [RUS, IRN]
    channel: military
    strength: 0.2
    rationale: arms
    evidence:
      - source: note
        paragraph: 3
        claim: Arms of 4 billion dollars.
        quantity: {value: 4000000000, unit: USD, bound: at_least}
"""


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "note.txt").write_text(
        "A title.\n\nTrade reached $2,500 million.\n\nArms deals of more than $3bn.\n",
        encoding="utf-8",
    )
    return tmp_path


def test_every_problem_is_located_in_the_scenario(tmp_path):
    check = check_citations_text(SCENARIO, _folder(tmp_path), file="toy.yaml")
    assert check.citations_checked == 3
    assert (check.figures_checked, check.figures_found) == (2, 1)
    assert check.not_checkable == 1
    assert [(p.kind, p.line, p.path) for p in check.problems] == [
        ("past_end", 18, "ties[0].evidence[1].paragraph"),
        ("figure_not_found", 31, "ties[1].evidence[0].quantity"),
    ]
    assert "3e+09 USD" in check.problems[1].message
    assert not check.ok


def test_a_missing_document_is_reported_once(tmp_path):
    check = check_citations_text(SCENARIO, tmp_path, file="toy.yaml")
    assert [p.kind for p in check.problems] == ["missing_file"]
    assert check.problems[0].line == 4


def test_the_builtin_scenario_stands_in_its_sources(seeds):
    check = check_citations(path_of("russia-iran-2017"), seeds)
    assert check.problems == ()
    assert check.figures_checked >= 15
    assert check.figures_found == check.figures_checked


def test_paragraphs_are_the_non_empty_lines(seeds):
    paragraphs = read_paragraphs(seeds / "003_0c90206f52bad03e.txt")
    assert paragraphs[0].number == 1 and paragraphs[0].line == 1
    assert all(p.text for p in paragraphs)


def test_validate_with_sources_lists_located_problems(tmp_path):
    scenario = tmp_path / "toy.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(scenario), "--sources", str(_folder(tmp_path))])
    assert result.exit_code == 2
    assert "toy.yaml:18: ties[0].evidence[1].paragraph" in result.output
    assert "toy.yaml:31: ties[1].evidence[0].quantity" in result.output


def test_validate_builtin_with_sources_passes(seeds):
    result = runner.invoke(app, ["validate", "russia-iran-2017", "--sources", str(seeds)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_a_document_that_is_not_utf8_is_named(tmp_path):
    (tmp_path / "note.txt").write_bytes(b"fine\n\xff\xfe bad\n")
    check = check_citations_text(SCENARIO, tmp_path, file="toy.yaml")
    assert check.problems[0].kind == "missing_file"
    assert "not UTF-8" in check.problems[0].message
