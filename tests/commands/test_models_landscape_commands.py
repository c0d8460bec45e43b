"""The ``landscape`` and ``dynamics`` commands: tables, --json, CSV inputs, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()
FURNAS = "landscape-syria-furnas"


def test_landscape_of_the_builtin_scenario_as_json():
    result = runner.invoke(app, ["landscape", "russia-iran-2017", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scenario_id"] == "russia-iran-2017"
    assert data["minima"] and sum(m["basin"] for m in data["minima"]) == 1.0
    assert "left_out" in data


def test_landscape_prints_minima_and_left_out_actors():
    result = runner.invoke(app, ["landscape", "--channel", "economic", "--rule", "random"])
    assert result.exit_code == 0, result.output
    assert "local minima" in result.stdout
    assert "left out" in result.stdout


def test_landscape_from_csv_files_reproduces_furnas(shared_data: Path):
    folder = shared_data / FURNAS
    args = [
        "landscape",
        "--sizes",
        str(folder / "Actor_data.csv"),
        "--propensities",
        str(folder / "Pairwise_propensity_Feb_20.csv"),
        "--shift",
        "3",
        "--by-order",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["global_minimum"]
    assert best["energy"] == -83200.0
    assert set(best["coalitions"][1]) == {"Tur", "ISIS", "Nursa"}


def test_landscape_csv_names_must_match_unless_by_order(shared_data: Path):
    folder = shared_data / FURNAS
    args = ["landscape", "--sizes", str(folder / "Actor_data.csv")]
    args += ["--propensities", str(folder / "Pairwise_propensity_Feb_20.csv")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--by-order" in result.output
    assert "Traceback" not in result.output


def test_landscape_csv_errors_name_file_and_line(tmp_path: Path):
    sizes = tmp_path / "sizes.csv"
    sizes.write_text("actor,size\nA,1\nB,two\n")
    matrix = tmp_path / "p.csv"
    matrix.write_text(",A,B\nA,,1\nB,1,\n")
    result = runner.invoke(app, ["landscape", "--sizes", str(sizes), "--propensities", str(matrix)])
    assert result.exit_code == 2
    assert "sizes.csv:3: size: 'two' is not a number" in " ".join(result.output.split())
    sizes.write_text("actor,size\nA,1\nB,2\n")
    matrix.write_text(",A,B\nA,,1\nB,-1,\n")
    result = runner.invoke(app, ["landscape", "--sizes", str(sizes), "--propensities", str(matrix)])
    assert result.exit_code == 2
    assert "symmetric" in result.output


def test_landscape_needs_both_csv_files(tmp_path: Path):
    result = runner.invoke(app, ["landscape", "--sizes", str(tmp_path / "s.csv")])
    assert result.exit_code == 2
    assert "both --sizes and --propensities" in result.output


def test_dynamics_json_and_table():
    result = runner.invoke(app, ["dynamics", "russia-iran-2017", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["model"] == "marvel"
    assert data["outcome"] in {"factions", "harmony", "no blow-up"}
    result = runner.invoke(app, ["dynamics", "--model", "traag"])
    assert result.exit_code == 0, result.output
    assert "blow-up" in result.stdout


def test_dynamics_bad_channel_is_a_one_line_error():
    result = runner.invoke(app, ["dynamics", "--channel", "militray"])
    assert result.exit_code == 2
    assert "channel" in result.output
    assert "Traceback" not in result.output
