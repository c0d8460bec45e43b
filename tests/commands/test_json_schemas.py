"""Snapshot tests of every ``--json`` schema: the key structure with its value types.

The values may change (new data, a better model); the keys and their types may not, unless the
snapshot under ``schemas/`` is rewritten on purpose (``BLOCS_UPDATE_SNAPSHOTS=1``) and the diff
reviewed. Lists are described by the union of their items' schemas.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.measure.events.synthetic import write_gdelt2

runner = CliRunner()
SCHEMAS = Path(__file__).parent / "schemas"
UPDATE = os.environ.get("BLOCS_UPDATE_SNAPSHOTS") == "1"


def schema(value: Any) -> Any:
    """The structure of a JSON value: dicts keep their keys, lists the union of their items,
    scalars become their type name (``null``, ``bool``, ``number``, ``str``).

    >>> schema({"a": [1, None], "b": {"c": "x"}})
    {'a': ['null|number'], 'b': {'c': 'str'}}
    """
    if isinstance(value, dict):
        return {k: schema(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        merged: Any = None
        for item in value:
            merged = _merge(merged, schema(item))
        return [] if merged is None else [merged]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "str"


def _merge(a: Any, b: Any) -> Any:
    if a is None or a == []:
        return b
    if b == []:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: _merge(a.get(k), b.get(k)) for k in sorted({*a, *b})}
    if isinstance(a, list) and isinstance(b, list):
        return [_merge(a[0], b[0])]
    if a == b:
        return a
    kinds = set()
    for x in (a, b):
        kinds |= set(x.split("|")) if isinstance(x, str) else {"object"}
    return "|".join(sorted(kinds))


def check(name: str, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    found = schema(json.loads(result.stdout))
    path = SCHEMAS / f"{name}.json"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"schema {name} is missing: run BLOCS_UPDATE_SNAPSHOTS=1 pytest {__file__}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert found == expected, (
        f"the --json schema of {name} changed; if intended, run BLOCS_UPDATE_SNAPSHOTS=1 pytest"
        f" {Path(__file__).name} and review the diff of schemas/{name}.json"
    )


SCENARIO_COMMANDS = {
    "assess": ["assess", "russia-iran-2017", "--draws", "500"],
    "scenarios": ["scenarios"],
    "evidence": ["evidence", "russia-iran-2017", "RUS", "IRN"],
    "wedge": ["wedge", "russia-iran-2017", "--draws", "500", "--sobol", "64", "--seed", "7"],
    "whatif": ["whatif", "russia-iran-2017", "sco-membership"],
    "balance": ["balance", "russia-iran-2017"],
    "landscape": ["landscape", "russia-iran-2017"],
    "dynamics": ["dynamics", "russia-iran-2017"],
}


@pytest.mark.parametrize("name", sorted(SCENARIO_COMMANDS))
def test_scenario_command_schema(name: str) -> None:
    check(name, [*SCENARIO_COMMANDS[name], "--json"])


def test_report_schema(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    check("report", ["report", "russia-iran-2017", "-o", str(out), "--draws", "500", "--json"])


def test_validate_schema(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    assert runner.invoke(app, ["export", "russia-iran-2017", "-o", str(out)]).exit_code == 0
    check("validate", ["validate", str(out), "--json"])


def test_event_command_schemas(tmp_path: Path) -> None:
    made = write_gdelt2(
        tmp_path / "20160101000000.export.CSV", 500, seed=2, start=dt.date(2016, 1, 1), days=366
    )
    db = tmp_path / "e.duckdb"
    check("events_ingest", ["events", "ingest", str(made.path), "--db", str(db), "--json"])
    dyad = ["events", "dyad", "RUS", "IRN", "--from", "2016-01", "--to", "2016-12"]
    check("events_dyad", [*dyad, "--db", str(db), "--json"])
    check("events_summary", ["events", "summary", "--db", str(db), "--json"])


def test_data_command_schemas(shared_data: Path) -> None:
    votes = ["votes", "RUS", "IRN", "--data", str(shared_data)]
    check("votes", [*votes, "--from", "2015", "--to", "2017", "--by", "year", "--json"])
    alliances = ["alliances", "RUS", "IRN", "--data", str(shared_data)]
    check("alliances", [*alliances, "--from", "2015", "--to", "2016", "--json"])
    measure = ["measure", "russia-iran-2017", "--from", "2015", "--to", "2016", "--json"]
    check("measure", [*measure, "--data", str(shared_data)])


def test_idealpoint_command_schemas(tmp_path: Path, write_un_votes, monkeypatch) -> None:
    monkeypatch.setenv("BLOCS_CACHE_DIR", str(tmp_path / "cache"))
    write_un_votes(tmp_path / "un-votes")
    check("idealpoints", ["idealpoints", "--data", str(tmp_path), "--json"])
    series = ["votes", "RUS", "IRN", "--data", str(tmp_path), "--series", "--json"]
    check("votes_series", series)
