"""The report commands: ``blocs report`` writes one file and says what it left out."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_report_writes_file_and_lists_absent_parts(tmp_path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "russia-iran-2017", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(out) and data["bytes"] == out.stat().st_size
    assert any(line.startswith("votes: ") for line in data["not_computed"])
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_prints_path(tmp_path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "-o", str(out)])
    assert result.exit_code == 0 and "wrote" in result.stdout and out.exists()


def test_report_missing_event_store_is_a_one_line_error(tmp_path) -> None:
    missing = tmp_path / "nope.duckdb"
    result = runner.invoke(app, ["report", "--events", str(missing), "-o", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert "--events" in result.output and "does not exist" in result.output
    assert "Traceback" not in result.output


def test_report_unknown_scenario_exit_code_2(tmp_path) -> None:
    result = runner.invoke(app, ["report", "atlantis", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "no built-in scenario 'atlantis'" in result.output


def test_serve_rejects_bad_port() -> None:
    result = runner.invoke(app, ["serve", "--port", "0"])
    assert result.exit_code == 2
