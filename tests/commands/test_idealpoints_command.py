"""The idealpoints command: table, --json, --csv, one located line and exit 2 for bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_idealpoints_table_json_and_csv(tmp_path, write_un_votes):
    write_un_votes(tmp_path / "data" / "un-votes")
    root = str(tmp_path / "data")
    out = tmp_path / "points.csv"
    result = runner.invoke(app, ["idealpoints", "--data", root, "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "USA" in result.stdout and "ideal points of 12 states" in result.stdout
    assert "scaled" in result.stdout and f"wrote {out}" in result.stdout
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["session", "year", "iso3", "ccode", "ideal_point", "se",
                                   "n_votes"]  # fmt: skip
    assert len(frame) == 24 and set(frame["session"]) == {70, 71}
    result = runner.invoke(app, ["idealpoints", "--data", root, "--sessions", "71", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["first_session"] == data["last_session"] == 71
    usa = next(p for p in data["points"] if p["iso3"] == "USA")
    assert usa["ideal_point"] > 0 and usa["se"] > 0 and usa["ccode"] == 2
    assert data["counts"]["outside_sessions"] == 12 * 25
    result = runner.invoke(app, ["idealpoints", "--data", root, "--state", "IRN"])
    assert result.exit_code == 0 and "CUB" not in result.stdout and "IRN" in result.stdout


@pytest.mark.parametrize(
    ("extra", "sessions", "message"),
    [
        (["3,Iran,IR,perhaps"], None, "un_votes.csv.gz:602: vote: unknown value 'perhaps'"),
        (["3,Atlantis,XA,yes"], None, "un_votes.csv.gz:602: country_code: 'XA' (Atlantis)"),
        ([], "70-75", "session 72 has no votes"),
        ([], "71-70", "runs backwards"),
    ],
)
def test_idealpoints_bad_input_is_one_line_with_exit_2(
    tmp_path, write_un_votes, extra, sessions, message
):
    write_un_votes(tmp_path / "un-votes", extra_rows=extra)
    args = ["idealpoints", "--data", str(tmp_path)]
    if sessions:
        args += ["--sessions", sessions]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_votes_series_side_by_side(tmp_path, write_un_votes, monkeypatch):
    monkeypatch.setenv("BLOCS_CACHE_DIR", str(tmp_path / "cache"))
    write_un_votes(tmp_path / "data" / "un-votes", sessions=(69, 70, 71))
    root = str(tmp_path / "data")
    result = runner.invoke(app, ["votes", "RUS", "IRN", "--data", root, "--series", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["session"] for r in data["rows"]] == [69, 70, 71]
    assert {"agreement", "s_score", "kappa", "distance", "ideal_a", "ideal_b"} <= set(
        data["rows"][0]
    )
    args = ["votes", "RUS", "IRN", "--data", root, "--series", "--from", "2015"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2016" in result.stdout and "2014" not in result.stdout
    assert "voted alike" in " ".join(result.stdout.split())
    result = runner.invoke(app, ["votes", "RUS", "IRN", "--data", root])
    assert result.exit_code == 2 and "--from and --to" in result.output
