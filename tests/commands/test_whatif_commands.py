"""The what-if commands: JSON output, tables, and one-line errors with exit code 2."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_wedge_json():
    args = ["wedge", "--json", "--draws", "500", "--sobol", "0", "--seed", "7"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["seed"] == 7
    assert data["summary"]["p10"] <= data["summary"]["median"] <= data["summary"]["p90"]


def test_wedge_tables():
    result = runner.invoke(app, ["wedge", "--draws", "500", "--sobol", "64", "--seed", "1"])
    assert result.exit_code == 0, result.output
    for title in ("Reservation price", "Ledger", "Tornado", "Evidenced inputs", "Assumptions"):
        assert title in result.stdout
    assert "ties[rus-irn-arms]" not in result.stdout or "arms_deals" in result.stdout


def test_whatif_tables_and_json():
    result = runner.invoke(app, ["whatif", "russia-iran-2017", "syria-war-ends"])
    assert result.exit_code == 0, result.output
    assert "Overlay: The Syrian war ends" in result.stdout
    assert "IRN–RUS" in result.stdout
    result = runner.invoke(app, ["whatif", "russia-iran-2017", "sco-membership", "--json"])
    data = json.loads(result.stdout)
    assert data["overlay"]["changes"]


def test_errors_are_one_line_with_exit_code_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nchanges:\n  - {op: remove_tie, id: nope}\n")
    result = runner.invoke(app, ["whatif", "russia-iran-2017", str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:4" in result.output
    result = runner.invoke(app, ["wedge", "--target", "XXX", "--draws", "100"])
    assert result.exit_code == 2
    assert "no actor 'XXX'" in result.output
    result = runner.invoke(app, ["wedge", "--draws", "10"])
    assert result.exit_code == 2 and "--draws" in result.output
