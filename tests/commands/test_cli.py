"""The command line as a whole: ``python -m blocs``, the command list, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_python_dash_m_blocs_is_the_blocs_command():
    done = subprocess.run(
        [sys.executable, "-m", "blocs", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "assess" in done.stdout and "wedge" in done.stdout
    assert "python -m blocs" in done.stdout


def test_python_dash_m_blocs_reports_errors_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "blocs", "assess", "no-such-scenario"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "no-such-scenario" in done.stderr


def test_the_command_list_loads_no_numerical_or_validation_library():
    """``blocs --help`` stays quick: the heavy libraries load inside the commands that use
    them (benchmarks/bench_cli_startup.py measures the time)."""
    code = (
        "import sys, blocs, blocs.cli, blocs.scenario;"
        "heavy = ['numpy', 'pandas', 'scipy', 'pydantic', 'networkx', 'numba', 'duckdb',"
        " 'ruamel.yaml', 'ortools'];"
        "print(' '.join(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


def test_lazy_names_of_the_package():
    import blocs
    import blocs.scenario

    assert callable(blocs.assess) and callable(blocs.load) and callable(blocs.wedge)
    assert blocs.Scenario is blocs.scenario.Scenario
    assert {"assess", "load", "wedge", "Scenario"} <= set(dir(blocs))
    with pytest.raises(AttributeError, match="no_such_name"):
        blocs.no_such_name  # noqa: B018


@pytest.mark.parametrize(
    ("argv", "module", "extra"),
    [
        (["serve"], "fastapi", "serve"),
        (["events", "summary"], "ibis", "events"),
        (["events", "dyad", "RUS", "IRN", "--plot", "chart.svg"], "altair", "plot"),
    ],
)
def test_a_missing_extra_is_named_in_one_line(monkeypatch, argv, module, extra):
    import importlib.util

    from typer.testing import CliRunner

    from blocs.cli import app

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == module else real(name, *a)
    )
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2
    assert f"pip install 'blocs[{extra}]'" in result.output
    assert module in result.output


def test_choices_are_listed_in_help():
    from typer.testing import CliRunner

    from blocs.cli import app

    runner = CliRunner()
    cases = {
        ("balance",): ["enumerate", "heuristic", "military"],
        ("landscape",): ["steepest", "random"],
        ("dynamics",): ["marvel", "traag"],
        ("votes",): ["period", "year"],
        ("export",): ["yaml", "json"],
        ("events", "dyad"): ["quarter", "mentions", "story"],
        ("events", "ingest"): ["gdelt-reduced", "icews"],
    }
    for command, words in cases.items():
        result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        for word in words:
            assert word in result.output, (command, word)


def test_seed_draws_and_data_mean_the_same_in_every_command():
    import typer.main

    from blocs.cli import app
    from blocs.seeding import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS, MIN_DRAWS

    group = typer.main.get_command(app)
    seen = set()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(command, "commands", None) or {name: command}
        for sub in subs.values():
            for param in sub.params:
                if "--seed" in param.opts:
                    assert param.default == DEFAULT_SEED, name
                    seen.add("seed")
                if "--draws" in param.opts and name != "serve":
                    assert param.default == DEFAULT_DRAWS, name
                    assert (param.min, param.max) == (MIN_DRAWS, MAX_DRAWS), name
                    seen.add("draws")
                if "--data" in param.opts:
                    assert "reference-data root" in (param.help or "").lower(), name
                    seen.add("data")
                assert "--period" not in param.opts and "--years" not in param.opts, name
    assert seen == {"seed", "draws", "data"}
