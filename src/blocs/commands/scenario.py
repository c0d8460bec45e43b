"""Scenario commands: ``assess``, ``scenarios``, ``validate``, ``evidence``, ``export``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from blocs.commands.common import (
    DATA_OPTION,
    DRAWS_OPTION,
    JSON_OPTION,
    SCENARIO_ARG,
    SEED_OPTION,
    TIME_LIMIT_OPTION,
    VOTES_DIR_OPTION,
    console,
    data_place,
    err_console,
    print_json,
    time_limit_or_none,
    user_errors,
)
from blocs.errors import ScenarioError
from blocs.scenario import load
from blocs.scenario.library import available


class ExportFormat(StrEnum):
    """The text forms a scenario can be written in."""

    yaml = "yaml"
    json = "json"


@user_errors
def assess(
    scenario: str = SCENARIO_ARG,
    data: Path | None = DATA_OPTION,
    seed: int = SEED_OPTION,
    draws: int = DRAWS_OPTION,
    report: Path | None = typer.Option(
        None, "--report", help="Also write the HTML report of this assessment to this file."
    ),
    votes_dir: Path | None = VOTES_DIR_OPTION,
    full: bool = typer.Option(
        False, "--full", help="Print every table (ties, net ties, each lens) after the answer."
    ),
    time_limit: float = TIME_LIMIT_OPTION,
    json: bool = JSON_OPTION,
) -> None:
    """Assess a scenario: the answer on one screen (--full: ties, balance, alignment, wedge)."""
    from blocs.assessment import assess as assess_scenario
    from blocs.report.terminal import render_assessment, render_summary

    votes = data_place(data, votes_dir, "un-votes", option="--votes-dir")
    loaded = load(scenario)
    result = assess_scenario(
        loaded, data=data, seed=seed, draws=draws, time_limit=time_limit_or_none(time_limit)
    )
    if json:
        print_json(result)
    elif full:
        render_assessment(result, console)
    else:
        render_summary(result, console)
    if report is not None:
        from blocs.report.gather import gather
        from blocs.report.html import write_report

        inputs = gather(loaded, assessment=result, seed=seed, draws=draws, votes=votes, data=data)
        written = write_report(inputs, report)
        if not json:
            console.print(
                f"[bold]Report.[/] The full report is at {written.path.resolve()}"
                f" ({written.bytes / 1024:.0f} KiB).",
                highlight=False,
            )
    elif not json and not full:
        console.print(
            "[bold]More.[/] --full prints every table; --report FILE writes the HTML report.",
            highlight=False,
        )


@user_errors
def scenarios(json: bool = JSON_OPTION) -> None:
    """List the built-in scenarios."""
    rows = []
    for name in available():
        s = load(name)
        rows.append({"name": name, "title": s.title, "actors": len(s.actors), "ties": len(s.ties)})
    if json:
        print_json(rows)
        return
    from rich.table import Table

    table = Table("name", "title", "actors", "ties", title="Built-in scenarios")
    for r in rows:
        table.add_row(r["name"], r["title"], str(r["actors"]), str(r["ties"]))
    console.print(table)


@user_errors
def validate(
    file: Path = typer.Argument(..., help="Scenario YAML file (or built-in name) to check."),
    sources: Path | None = typer.Option(
        None,
        "--sources",
        help="Folder of the source documents: also check that every cited paragraph exists"
        " and every figure stands in it.",
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Check a scenario file; print what is wrong with file, line and field.

    With ``--sources``, every citation is checked against the documents (exit code 2 when a
    citation does not stand, each problem on one located line)."""
    s = load(str(file))
    if sources is not None:
        from blocs.measure.documents.citations import check_citations
        from blocs.scenario.library import path_of

        builtin = not file.exists() and str(file) in available()
        scenario_file = path_of(str(file)) if builtin else file
        check = check_citations(scenario_file, sources)
        if json:
            print_json(check)
        else:
            for problem in check.problems:
                err_console.print(problem.located(), highlight=False, markup=False, soft_wrap=True)
            console.print(check.reading(), highlight=False)
        if not check.ok:
            raise typer.Exit(code=2)
        return
    summary = {
        "file": str(file),
        "valid": True,
        "id": s.id,
        "actors": len(s.actors),
        "ties": len(s.ties),
        "evidence": sum(1 for _ in s.evidence_items()),
    }
    if json:
        print_json(summary)
    else:
        console.print(
            f"[green]valid[/]: {file} ({summary['actors']} actors, {summary['ties']} ties,"
            f" {summary['evidence']} evidence items)"
        )


@user_errors
def evidence(
    scenario: str = typer.Argument(
        ..., help="A built-in scenario name or a scenario file (.yaml, .json)."
    ),
    a: str = typer.Argument(..., help="First actor id, e.g. RUS."),
    b: str = typer.Argument(..., help="Second actor id, e.g. IRN."),
    json: bool = JSON_OPTION,
) -> None:
    """The evidence trail of every tie between two actors, with source and paragraph."""
    from blocs.assessment import assess as assess_scenario
    from blocs.report.terminal import render_evidence

    s = load(scenario)
    for actor_id in (a, b):
        if actor_id not in s.actor_ids:
            raise ScenarioError(f"unknown actor '{actor_id}' (known: {', '.join(s.actor_ids)})")
    result = assess_scenario(s)
    rows = [t for t in result.ties if {t.a, t.b} == {a, b}]
    if json:
        print_json({"a": a, "b": b, "ties": rows})
    else:
        render_evidence(a, b, rows, console)


@user_errors
def export(
    file: str = typer.Argument(..., help="Scenario name or YAML file."),
    format: ExportFormat = typer.Option(ExportFormat.yaml, "--format", "-f", help="Text form."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not to stdout."),
) -> None:
    """Write a scenario as YAML or JSON."""
    from blocs.scenario import dumps_scenario

    text = dumps_scenario(load(file), format=format.value)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    """Add the scenario commands to the ``blocs`` app."""
    app.command()(assess)
    app.command()(scenarios)
    app.command()(validate)
    app.command()(evidence)
    app.command()(export)
