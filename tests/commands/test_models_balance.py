"""The ``blocs balance`` command renders the balance results of a scenario or an edge file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_scenario_json_has_census_frustration_and_proof() -> None:
    result = runner.invoke(app, ["balance", "russia-iran-2017", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["frustration"]["optimal"] is True
    assert data["frustration"]["proof"]
    assert data["triads"]["triangles"] == len(data["triads"]["triads"])
    assert data["clusters"] is None


def test_scenario_channel_weighted_table() -> None:
    result = runner.invoke(app, ["balance", "--channel", "military", "--weighted"])
    assert result.exit_code == 0, result.output
    assert "Frustration index L =" in result.stdout and "camp 1:" in result.stdout


def test_edge_file_with_clusters(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("source,target,sign\nA,B,-1\nB,C,-1\nA,C,-1\n", encoding="utf-8")
    result = runner.invoke(app, ["balance", str(path), "--clusters", "3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["frustration"]["value"] == 1
    assert data["clusters"]["inconsistencies"] == 0 and len(data["clusters"]["clusters"]) == 3
    table = runner.invoke(app, ["balance", str(path), "-k", "2"])
    assert "Clusters (at most 2" in table.stdout


def test_user_mistakes_are_one_line_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("source,target,sign\nA,B,x\n", encoding="utf-8")
    result = runner.invoke(app, ["balance", str(path)])
    assert result.exit_code == 2 and ":2: sign 'x'" in result.output
    assert "Traceback" not in result.output
    wrong = runner.invoke(app, ["balance", "--channel", "naval"])
    assert wrong.exit_code == 2 and "naval" in wrong.output
    mixed = runner.invoke(app, ["balance", str(path), "--channel", "military"])
    assert mixed.exit_code == 2
    method = runner.invoke(app, ["balance", "--method", "guess"])
    assert method.exit_code == 2 and "guess" in method.output
