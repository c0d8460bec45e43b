"""The ``blocs events`` commands: JSON output, tables, charts, one-line errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from blocs.cli import app
from blocs.measure.events.synthetic import write_gdelt2

runner = CliRunner()


def test_ingest_dyad_summary(tmp_path: Path) -> None:
    made = write_gdelt2(
        tmp_path / "20160101000000.export.CSV", 2000, seed=2, start=dt.date(2016, 1, 1), days=366
    )
    db = tmp_path / "e.duckdb"
    out = runner.invoke(app, ["events", "ingest", str(made.path), "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert (report["rows"], report["rejects"]) == (2000, 0)
    assert report["files"][0]["format"] == "gdelt2"

    args = ["events", "dyad", "RUS", "IRN", "--from", "2016-01", "--to", "2016-12", "--db", str(db)]
    out = runner.invoke(app, [*args, "--freq", "quarter", "--json"])
    assert out.exit_code == 0, out.output
    series = json.loads(out.stdout)
    assert [r["period"] for r in series["rows"]] == [
        "2016-01-01",
        "2016-04-01",
        "2016-07-01",
        "2016-10-01",
    ]
    assert set(series["rows"][0]) >= {"events", "net_cooperation", "share", "goldstein_mean"}
    chart = tmp_path / "rus_irn.svg"
    out = runner.invoke(app, [*args, "--plot", str(chart)])
    assert out.exit_code == 0, out.output
    assert "RUS ↔ IRN" in out.stdout
    assert chart.read_text(encoding="utf-8").startswith("<svg")

    out = runner.invoke(app, ["events", "summary", "--db", str(db), "--json"])
    assert json.loads(out.stdout)["events"] == 2000
    out = runner.invoke(app, ["events", "summary", "--db", str(db)])
    assert out.exit_code == 0 and "gdelt2" in out.stdout


def test_plain_ingest_shows_a_table(tmp_path: Path) -> None:
    made = write_gdelt2(tmp_path / "20160101000000.export.CSV", 100, seed=2)
    out = runner.invoke(app, ["events", "ingest", str(made.path), "--db", str(tmp_path / "e.db")])
    assert out.exit_code == 0, out.output
    assert "100 rows stored, 0 rejected" in out.stdout


def test_errors_are_one_line_with_exit_code_2(tmp_path: Path) -> None:
    out = runner.invoke(app, ["events", "dyad", "RUS", "IRN", "--db", str(tmp_path / "no.db")])
    assert out.exit_code == 2
    assert "no event store here" in out.output
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n")
    out = runner.invoke(app, ["events", "ingest", str(odd), "--db", str(tmp_path / "e.db")])
    assert out.exit_code == 2 and "cannot tell the format" in out.output
    out = runner.invoke(
        app, ["events", "dyad", "RUS", "IRN", "--freq", "fortnight", "--db", str(tmp_path / "e.db")]
    )
    assert out.exit_code == 2 and "--freq" in out.output
