"""``blocs code``: JSON and CSV events, skipped sentences with reasons, bad input as one line,
scoring, and the coded events joining the event store's dyad series."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()

TEXT = (
    "Russia and Iran signed a military agreement.\n"
    "\n"
    "The weather was fine.\n"
    "Iran did not agree to the plan of the United States.\n"
    "Russia condemned the United States.\n"
)


@pytest.fixture()
def sentences(tmp_path: Path) -> Path:
    path = tmp_path / "news.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json_events_with_their_keys(sentences: Path) -> None:
    out = runner.invoke(app, ["code", str(sentences), "--json", "--date", "2017-02-01"])
    assert out.exit_code == 0, out.output
    events = json.loads(out.stdout)
    assert [(e["line"], e["source"], e["target"], e["code"]) for e in events] == [
        (1, "RUS", "IRN", "0312"),
        (1, "IRN", "RUS", "0312"),
        (4, "IRN", "USA", "127"),
        (5, "RUS", "USA", "111"),
    ]
    first = events[0]
    for key in (
        "line",
        "sentence",
        "source",
        "target",
        "code",
        "root",
        "quad_class",
        "goldstein",
        "spans",
    ):
        assert key in first
    assert first["sentence"][slice(*first["spans"]["target"])] == "Iran"
    assert "3 of 4 sentences" in out.stderr and "line 3: no actor" in out.stderr


def test_csv_and_document_mode(sentences: Path, tmp_path: Path) -> None:
    out = runner.invoke(app, ["code", str(sentences), "--csv"])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].startswith("line,sentence,date,source,target")
    assert len(lines) == 5
    doc = tmp_path / "doc.txt"
    doc.write_text("Russia condemned Israel. Iran praised Syria.\n\nThe weather was fine.\n")
    out = runner.invoke(app, ["code", str(doc), "--document", "--json"])
    events = json.loads(out.stdout)
    assert [(e["line"], e["source"], e["code"]) for e in events] == [
        (1, "RUS", "111"),
        (1, "IRN", "051"),
    ]


def test_standard_input_and_long_line() -> None:
    out = runner.invoke(
        app, ["code", "-", "--json"], input="x" * 1_048_576 + "\nIran condemned Iraq.\n"
    )
    assert out.exit_code == 0, out.output
    assert [e["line"] for e in json.loads(out.stdout)] == [2]
    assert "line 1: line too long" in out.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the input is empty"), (b"Iran\n\xff\xfe\n", ":2: not UTF-8")],
)
def test_bad_input_is_one_located_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out = runner.invoke(app, ["code", str(path)])
    assert out.exit_code == 2
    assert message in out.output and "Traceback" not in out.output


def test_coded_events_join_the_dyad_series(sentences: Path, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    for fmt, date in (("--json", "2017-02-01"), ("--csv", "2017-03-15")):
        out = runner.invoke(app, ["code", str(sentences), fmt, "--date", date])
        coded = tmp_path / f"coded{fmt[2:]}.{fmt[2:]}"
        coded.write_text(out.stdout, encoding="utf-8")
        out = runner.invoke(app, ["events", "ingest", str(coded), "--db", str(db), "--json"])
        assert out.exit_code == 0, out.output
        report = json.loads(out.stdout)
        assert (report["rows"], report["rejects"]) == (4, 0)
        assert report["files"][0]["format"] == "blocs-code"
    out = runner.invoke(
        app,
        [
            "events",
            "dyad",
            "RUS",
            "IRN",
            "--from",
            "2017-01",
            "--to",
            "2017-03",
            "--db",
            str(db),
            "--json",
        ],
    )
    assert out.exit_code == 0, out.output
    rows = {r["period"][:7]: r for r in json.loads(out.stdout)["rows"]}
    assert rows["2017-02"]["events"] == 2 and rows["2017-03"]["events"] == 2
    assert rows["2017-02"]["verbal_cooperation"] == 2


def test_undated_events_are_rejected_with_the_reason(sentences: Path, tmp_path: Path) -> None:
    out = runner.invoke(app, ["code", str(sentences), "--json"])
    coded = tmp_path / "undated.json"
    coded.write_text(out.stdout)
    out = runner.invoke(
        app, ["events", "ingest", str(coded), "--db", str(tmp_path / "e.db"), "--json"]
    )
    report = json.loads(out.stdout)
    assert (report["rows"], report["rejects"]) == (0, 4)
    assert list(report["files"][0]["reject_reasons"]) == ["no date"]


def test_a_bad_dictionary_line_is_skipped_and_counted_or_located(
    sentences: Path, tmp_path: Path
) -> None:
    actors = tmp_path / "mine.actors.txt"
    actors.write_text("RUSSIA_ [RUS]\nIRAN_ [IRN\nISRAEL_ [ISR]\n", encoding="utf-8")
    out = runner.invoke(app, ["code", str(sentences), "--json", "--actors", str(actors)])
    assert out.exit_code == 0, out.output
    assert "1 dictionary lines skipped (first: mine.actors.txt:2: unclosed [ in a code)" in (
        out.stderr
    )
    out = runner.invoke(app, ["code", str(sentences), "--actors", str(actors), "--strict"])
    assert out.exit_code == 2
    assert "mine.actors.txt:2: unclosed [ in a code" in out.output
