"""The measure commands: votes, alliances, measure; --json and one-line errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from blocs.cli import app
from blocs.scenario.io import load_scenario

runner = CliRunner()


def test_votes_json(shared_data):
    args = ["votes", "RUS", "IRN", "--data", str(shared_data)]
    result = runner.invoke(app, [*args, "--from", "2015", "--to", "2017", "--by", "year", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["overall"]["votes"] == 298 and round(data["overall"]["s_score"], 3) == 0.503
    assert [r["label"] for r in data["rows"]] == ["2015", "2016", "2017"]


def test_votes_table(shared_data):
    args = ["votes", "RUS", "USA", "--votes-dir", str(shared_data / "un-votes")]
    result = runner.invoke(app, [*args, "--from", "2015", "--to", "2017"])
    assert result.exit_code == 0, result.output
    assert "0.294" in result.stdout and "-0.206" in result.stdout


def test_alliances_json_and_table(shared_data):
    args = ["alliances", "RUS", "IRN", "--data", str(shared_data)]
    result = runner.invoke(app, [*args, "--from", "2015", "--to", "2016", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["treaties"][0]["atopid"] == 4968
    result = runner.invoke(app, [*args, "--from", "2016", "--to", "2017"])
    assert result.exit_code == 0, result.output
    assert "ATOP 4968" in result.stdout and "not covered" in result.stdout


def test_measure_writes_a_valid_scenario(shared_data, tmp_path):
    out = tmp_path / "measured.yaml"
    result = runner.invoke(
        app,
        [
            "measure",
            "russia-iran-2017",
            "--data",
            str(shared_data),
            "--from",
            "2015",
            "--to",
            "2016",
            "-o",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["output"] == str(out) and data["added"]
    s = load_scenario(out)
    assert any(t.basis.value == "measured" for t in s.ties)


def test_measure_table_and_errors(shared_data):
    base = ["measure", "russia-iran-2017", "--from", "2015", "--to", "2017"]
    result = runner.invoke(app, [*base, "--votes-dir", str(shared_data / "un-votes")])
    assert result.exit_code == 0, result.output
    assert "Measured against assessed ties" in result.stdout
    result = runner.invoke(app, base)
    assert result.exit_code == 2 and "at least one data set" in result.output
    result = runner.invoke(app, [*base, "--votes-dir", "no-such-folder"])
    assert result.exit_code == 2 and "no-such-folder" in result.output
    result = runner.invoke(
        app, ["measure", "russia-iran-2017", "--from", "2017", "--to", "2015", "--data", "."]
    )
    assert result.exit_code == 2 and "ends before it starts" in result.output


def test_votes_errors_exit_2(tmp_path):
    result = runner.invoke(
        app, ["votes", "RUS", "IRN", "--votes-dir", str(tmp_path), "--from", "2015", "--to", "2017"]
    )
    assert result.exit_code == 2
    assert "un_votes.csv.gz" in result.output
