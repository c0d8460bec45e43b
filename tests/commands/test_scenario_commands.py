"""The scenario commands: output, --json, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_assess_json_has_stable_keys():
    result = runner.invoke(app, ["assess", "russia-iran-2017", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"scenario", "counts", "ties", "net_ties", "sections", "notes"} <= set(data)
    overall = {(r["a"], r["b"]): r["value"] for r in data["net_ties"]["overall"]}
    assert overall[("IRN", "RUS")] > 0 > overall[("RUS", "USA")]


def test_assess_prints_tables():
    result = runner.invoke(app, ["assess", "--full"])
    assert result.exit_code == 0, result.output
    assert "Ties by channel" in result.stdout
    assert "Net ties" in result.stdout
    assert "RUS–IRN" in result.stdout


def test_scenarios_lists_the_builtin():
    result = runner.invoke(app, ["scenarios", "--json"])
    assert result.exit_code == 0
    assert any(r["name"] == "russia-iran-2017" for r in json.loads(result.stdout))


def test_evidence_trail_of_a_pair():
    result = runner.invoke(app, ["evidence", "russia-iran-2017", "RUS", "IRN", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    arms = next(t for t in data["ties"] if t["id"] == "rus-irn-arms")
    assert arms["evidence"][0]["paragraph"] == 16
    assert arms["evidence"][0]["quantity"]["value"] == 10e9


def test_unknown_actor_is_a_one_line_error():
    result = runner.invoke(app, ["evidence", "russia-iran-2017", "RUS", "XXX"])
    assert result.exit_code == 2
    assert "unknown actor 'XXX'" in result.output
    assert "Traceback" not in result.output


def test_validate_reports_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: y\nactors:\n  - {id: RUS, name: Russia, kind: stat}\n")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:4: actors[0].kind: 'stat' is not one of" in " ".join(result.output.split())


def test_unknown_builtin_name():
    result = runner.invoke(app, ["assess", "no-such-case"])
    assert result.exit_code == 2
    assert "no built-in scenario 'no-such-case'" in result.output


def test_export_round_trips(tmp_path):
    out = tmp_path / "s.json"
    result = runner.invoke(app, ["export", "russia-iran-2017", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    check = runner.invoke(app, ["validate", str(out), "--json"])
    assert json.loads(check.stdout)["valid"] is True


def test_assess_writes_the_report_from_the_same_assessment(tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["assess", "--draws", "500", "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert f"The full report is at {out.resolve()}" in result.stdout.replace("\n", "")
    html = out.read_text(encoding="utf-8")
    assert "The answer first" in html and "<svg" in html


def test_assessment_renders_in_notebooks():
    import blocs

    html = blocs.assess(blocs.load("russia-iran-2017"), draws=500)._repr_html_()
    assert "RUS" in html and "<script" not in html


def test_assess_answers_on_one_screen(tmp_path):
    """At 100 columns the answer fits in 60 lines: question, answer and what it rests on, the
    focus triangle, one reading per lens, the disagreements, where the report is."""
    out = tmp_path / "report.html"
    env = {**os.environ, "COLUMNS": "100", "LINES": "60"}
    args = [sys.executable, "-m", "blocs", "assess", "--draws", "2000", "--report", str(out)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    lines = done.stdout.splitlines()
    assert len(lines) <= 60, len(lines)
    assert max(len(line) for line in lines) <= 100
    text = " ".join(" ".join(lines).split())
    for part in ("Question.", "Answer.", "It rests on", "Focus triangle.", "What each lens says"):
        assert part in text
    assert "Where the lenses disagree" in text  # the wedge's lenses, and any alignment lens
    import blocs

    for sentence in blocs.assess(blocs.load("russia-iran-2017"), draws=500).disagreements:
        assert " ".join(sentence.split()) in text
    assert text.rstrip().endswith("KiB).") and "The full report is at" in text
    full = runner.invoke(app, ["assess", "--draws", "2000", "--full"])
    assert len(full.stdout.splitlines()) > 3 * len(lines)
