"""Scoring on DEU III: the reader's drop rule, the scorecard, the CLI's JSON keys."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import DataFormatError
from blocs.models.bargaining.files import read_bdm_csv, read_deu, read_ktab_csv
from blocs.models.bargaining.scoring import score

runner = CliRunner()


def test_deu_reader_counts_what_it_drops(shared_data):
    data = read_deu(shared_data / "deu3" / "deu3.csv")
    assert data.rows == 364
    assert len(data.issues) + sum(data.dropped.values()) == 364
    assert len(data.issues) == 353
    first = data.issues[0]
    assert first.issue == "d00032i1" and first.outcome == 100.0
    assert "pcom"[1:] in first.actors and first.capability[first.actors.index("com")] == 4.1
    assert "11 dropped" in data.reading()


def test_scorecard_on_a_subset_agrees_with_hand_computed_errors(shared_data):
    data = read_deu(shared_data / "deu3" / "deu3.csv")
    few = type(data)(data.path, data.issues[:25], 25, {})
    card = score(few, models=("weighted_mean", "median"))
    want = np.mean(
        [
            abs(
                np.dot(i.capability * i.salience, i.position) / np.dot(i.capability, i.salience)
                - i.outcome
            )
            for i in few.issues
        ]
    )
    assert card.file["weighted_mean"].mae == pytest.approx(want)
    assert card.file["weighted_mean"].n == 25
    assert 0 <= card.equal["median"].within_10 <= 1


def test_bargain_score_json_keys(shared_data, tmp_path):
    # the first twelve issue rows (the full file takes minutes; the docs give its table)
    lines = (shared_data / "deu3" / "deu3.csv").read_text().splitlines()
    root = tmp_path / "data"
    (root / "deu3").mkdir(parents=True)
    (root / "deu3" / "deu3.csv").write_text("\n".join(lines[:14]) + "\n")
    result = runner.invoke(app, ["bargain", "score", "--data", str(root), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    for setting in ("file_capabilities", "equal_capabilities"):
        assert set(out[setting]) == {"weighted_mean", "bdm", "smp", "median", "nash"}
        for s in out[setting].values():
            assert set(s) == {"mae", "within_10", "n"} and s["n"] == 12
    assert out["rows"] == 12
    missing = runner.invoke(app, ["bargain", "score", "--data", str(tmp_path)])
    assert missing.exit_code == 2 and "deu3" in missing.output


def test_forecast_reads_the_bdm_layout(shared_data):
    path = shared_data / "bdm-scholz-examples" / "ExampleActors.csv"
    result = runner.invoke(app, ["bargain", "forecast", str(path), "--model", "bdm", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["issues"][0]["forecasts"]["bdm"] == 7.0
    assert out["issues"][0]["forecasts"]["weighted_mean"] == pytest.approx(7.389955686853767)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Actor,Capability,Position,Salience\nA,1,,0.5\nB,1,3,0.5\n", "line 2"),
        ("Actor,Capability,Position,Salience\nA,1,2,\nB,1,3,0.5\n", "has no salience"),
        ("Actor,Capability,Position,Salience\nA,1,2,170\nB,1,3,50\n", "outside [0, 100]"),
        ("Actor,Capability,Position,Salience\nA,0,2,0.5\nB,0,3,0.5\n", "positive number"),
    ],
)
def test_bad_bdm_files_give_one_located_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(DataFormatError):
        read_bdm_csv(path)
    result = runner.invoke(app, ["bargain", "forecast", str(path)])
    assert result.exit_code == 2
    err = result.output.strip()
    assert "bad.csv" in err and "Traceback" not in err
    assert message in err.replace("\n", " ") or message == "line 2"


def test_ktab_reader(shared_data):
    inp = read_ktab_csv(shared_data / "ktab-smp" / "SOE-Pol-Comp.csv")
    assert inp.n_actors == 13 and inp.dimensions == ("Policy", "Competitive")
    assert inp.salience[0].tolist() == pytest.approx([0.24, 0.48])
