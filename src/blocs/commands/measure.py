"""Measure commands: ``votes``, ``alliances`` and ``measure`` (measured ties into a scenario)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from blocs.commands.common import (
    ATOP_OPTION,
    DATA_OPTION,
    EVENTS_MODULES,
    FROM_OPTION,
    JSON_OPTION,
    SCENARIO_ARG,
    TO_OPTION,
    VOTES_DIR_OPTION,
    console,
    data_place,
    err_console,
    print_json,
    require_extra,
    user_errors,
    year_bounds,
)
from blocs.errors import BlocsError


class VotesBy(StrEnum):
    """One row for the whole period, or one a year."""

    period = "period"
    year = "year"


def _need(place: Path | None, option: str) -> Path:
    if place is None:
        raise BlocsError(f"give {option} or --data (the reference-data root)")
    return place


def _num(value: float | None, digits: int = 3) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:.{digits}f}"


@user_errors
def votes(
    a: str = typer.Argument(..., help="First state, ISO alpha-3 (e.g. RUS)."),
    b: str = typer.Argument(..., help="Second state, ISO alpha-3 (e.g. IRN)."),
    start: int | None = typer.Option(
        None, "--from", help="First year of the period, e.g. 2015 (needed unless --series)."
    ),
    end: int | None = typer.Option(
        None, "--to", help="Last year of the period (inclusive; needed unless --series)."
    ),
    data: Path | None = DATA_OPTION,
    votes_dir: Path | None = VOTES_DIR_OPTION,
    by: VotesBy = typer.Option(VotesBy.period, "--by", help="One row for the period or a year."),
    issue: str | None = typer.Option(None, "--issue", help="Issue code (me nu di hr co ec)."),
    series: bool = typer.Option(
        False,
        "--series",
        help="Session by session from the first to the last session both voted in (or --from"
        " to --to): agreement, S, kappa and ideal-point distance side by side.",
    ),
    json: bool = JSON_OPTION,
) -> None:
    """How alike two states vote in the UN General Assembly: agreement, S, kappa."""
    from blocs.measure.votes import vote_agreement

    folder = _need(data_place(data, votes_dir, "un-votes", option="--votes-dir"), "--votes-dir")
    if series:
        _vote_series(a, b, folder, start, end, json)
        return
    if start is None or end is None:
        raise BlocsError("--from and --to are needed (or --series for every common session)")
    start, end = year_bounds(start, end)
    result = vote_agreement(folder, a, b, start, end, by=by.value, issue=issue)
    if json:
        print_json(result)
        return
    title = f"UN General Assembly votes, {result.a}–{result.b}"
    if issue:
        title += f", issue {issue}"
    table = Table("period", "roll calls", "identical", "agreement", "S", "kappa", title=title)
    rows = result.rows if by is VotesBy.year else ()
    for r in (*rows, result.overall):
        table.add_row(
            r.label,
            str(r.votes),
            str(r.identical),
            _num(r.agreement),
            _num(r.s_score),
            _num(r.kappa),
        )
    console.print(table)
    console.print(
        "Roll calls on which both voted yes, abstain or no; S = Signorino–Ritter"
        f" (yes 1, abstain 2, no 3). Data: {result.source.title}, {result.source.version}."
        f" Cite: {result.source.cite}",
        highlight=False,
    )
    if result.malformed:
        console.print(f"[yellow]{result.malformed} malformed rows were skipped[/]")


def _vote_series(
    a: str, b: str, data: Path, start: int | None, end: int | None, json: bool
) -> None:
    from blocs.commands.idealpoints import fit_progress
    from blocs.measure.idealpoints.alignment import pair_alignment
    from blocs.measure.idealpoints.cache import record_estimates

    with fit_progress("ideal points of every session", disable=json) as (_, show):
        votes, estimates = record_estimates(data, progress=show)
    result = pair_alignment(votes, estimates, a, b)
    if start is not None or end is not None:
        result = result.between(
            start if start is not None else -9999, end if end is not None else 9999
        )
    if json:
        print_json(result)
        return
    table = Table(
        "session",
        "year",
        "roll calls",
        "agreement",
        "S",
        "kappa",
        f"ideal {result.a}",
        f"ideal {result.b}",
        "distance",
        title=f"UN General Assembly alignment, {result.a}–{result.b}, session by session",
    )
    for r in result.rows:
        table.add_row(
            str(r.session),
            str(r.year),
            str(r.votes),
            _num(r.agreement),
            _num(r.s_score),
            _num(r.kappa),
            _num(r.ideal_a, 2),
            _num(r.ideal_b, 2),
            _num(r.distance, 2),
        )
    console.print(table)
    console.print(result.reading(), highlight=False)
    console.print(
        "Agreement, S (yes 1, abstain 2, no 3) and kappa over every roll call both voted on;"
        f" ideal points: dynamic ordered probit, higher = closer to {result.anchor}, one scale"
        f" for 1946–2020 (blocs idealpoints). Data: {result.source.title},"
        f" {result.source.version}. Cite: {result.source.cite}",
        highlight=False,
    )


@user_errors
def alliances(
    a: str = typer.Argument(..., help="First state, ISO alpha-3 (e.g. RUS)."),
    b: str = typer.Argument(..., help="Second state, ISO alpha-3 (e.g. IRN)."),
    start: int = FROM_OPTION,
    end: int = TO_OPTION,
    data: Path | None = DATA_OPTION,
    atop: Path | None = ATOP_OPTION,
    json: bool = JSON_OPTION,
) -> None:
    """ATOP alliance obligations between two states, year by year."""
    from blocs.measure.alliances import OBLIGATIONS, alliance_ties

    source = _need(data_place(data, atop, "atop-v4", option="--atop"), "--atop")
    start, end = year_bounds(start, end)
    result = alliance_ties(source, a, b, start, end)
    if json:
        print_json(result)
        return
    table = Table(
        "year",
        *OBLIGATIONS,
        "ATOP ids",
        title=f"ATOP {result.source.version} alliance obligations, {result.a}–{result.b}",
    )
    for y in result.years:
        if not y.covered:
            table.add_row(str(y.year), *[""] * len(OBLIGATIONS), "not covered by the data")
            continue
        marks = ["yes" if getattr(y, o) else "" for o in OBLIGATIONS]
        table.add_row(str(y.year), *marks, " ".join(map(str, y.atopids)))
    console.print(table)
    for t in result.treaties:
        end_text = "in effect" if t.end is None else str(t.end)
        console.print(
            f"ATOP {t.atopid}: {t.start}–{end_text}, {', '.join(t.obligations) or 'none'}",
            highlight=False,
        )
    console.print(f"Obligation score (mean strongest obligation): {_num(result.strength())}")
    console.print(
        f"Data: {result.source.title}, version {result.source.version}. Cite: {result.source.cite}",
        highlight=False,
    )
    if result.malformed:
        console.print(f"[yellow]{result.malformed} malformed rows were skipped[/]")


@user_errors
def measure(
    scenario: str = SCENARIO_ARG,
    start: int = FROM_OPTION,
    end: int = TO_OPTION,
    data: Path | None = DATA_OPTION,
    votes_dir: Path | None = VOTES_DIR_OPTION,
    atop: Path | None = ATOP_OPTION,
    events_db: Path | None = typer.Option(
        None, "--events", exists=True, help="An event store (DuckDB file, blocs events ingest)."
    ),
    ideal_points: bool = typer.Option(
        False,
        "--ideal-points",
        help="Also political ties from the distance of UN ideal points (from the UN votes).",
    ),
    all_pairs: bool = typer.Option(
        False, "--all-pairs", help="Measure every pair of states, not only assessed pairs."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the scenario with measured ties here (YAML)."
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Add measured ties (UN votes, ideal points, ATOP alliances, events) beside assessed ones."""
    if events_db is not None:
        require_extra("events", *EVENTS_MODULES)
    from blocs.measure.measured_ties import measure_scenario
    from blocs.results import to_jsonable
    from blocs.scenario import load, save_scenario

    start, end = year_bounds(start, end)
    votes_folder = data_place(data, votes_dir, "un-votes", option="--votes-dir")
    if ideal_points and votes_folder is None:
        raise BlocsError("--ideal-points: give --data (the reference-data root) or --votes-dir")
    result = measure_scenario(
        load(scenario),
        start,
        end,
        votes=votes_folder,
        alliances=data_place(data, atop, "atop-v4", option="--atop"),
        events=events_db,
        ideal_points=votes_folder if ideal_points else None,
        all_pairs=all_pairs,
    )
    if output is not None:
        save_scenario(result.scenario, output)
    if json:
        print_json({**to_jsonable(result), "output": str(output) if output else None})
        return
    table = Table(
        "pair",
        "channel",
        "data set",
        "measured",
        "assessed",
        "assessed overall",
        "signs",
        "note",
        title=f"Measured against assessed ties, {scenario}, {start}–{end}",
    )
    for c in result.comparisons:
        signs = {True: "agree", False: "[red]differ[/]", None: "–"}[c.agree]
        table.add_row(
            f"{c.a}–{c.b}",
            c.channel,
            c.dataset,
            _num(c.measured),
            _num(c.assessed),
            _num(c.assessed_overall),
            signs,
            c.note or "",
        )
    console.print(table)
    console.print(f"{len(result.added)} measured ties added.", highlight=False)
    for source in result.datasets:
        version = f", version {source.version}" if source.version else ""
        cite = f" Cite: {source.cite}" if source.cite else ""
        console.print(f"Data: {source.title}{version}.{cite}", highlight=False)
    for message in result.messages:
        console.print(f"[yellow]note:[/] {message}", highlight=False)
    if output is not None:
        console.print(f"wrote {output}", highlight=False)


@user_errors
def build(
    states: str = typer.Option(
        ...,
        "--states",
        help="States, comma-separated: ISO alpha-3 codes or COW numbers (CHN,365,USA), or all.",
    ),
    start: int = FROM_OPTION,
    end: int = TO_OPTION,
    data: Path | None = DATA_OPTION,
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the built scenario here (YAML)."
    ),
    scenario_id: str | None = typer.Option(None, "--id", help="Scenario id."),
    title: str | None = typer.Option(None, "--title", help="Scenario title."),
    json: bool = JSON_OPTION,
) -> None:
    """Build a scenario of measured ties (ATOP, MIDs, SIPRI, UN votes, CINC) for any states."""
    from rich.progress import Progress

    from blocs.measure.builder import build_scenario
    from blocs.results import to_jsonable
    from blocs.scenario import save_scenario

    if data is None:
        raise BlocsError("--data: give the reference-data root (the folder holding atop-v4/, ...)")
    start, end = year_bounds(start, end)
    with Progress(console=err_console, transient=True, disable=json) as progress:
        task = progress.add_task("reading", total=None)

        def step(name: str) -> None:
            progress.update(task, description=f"reading {name}")

        result = build_scenario(
            data,
            states.split(","),
            start,
            end,
            scenario_id=scenario_id,
            title=title,
            on_step=step,
        )
        if output is not None:
            progress.update(task, description=f"writing {output.name}")
            save_scenario(result.scenario, output)
    if json:
        print_json({**to_jsonable(result), "output": str(output) if output else None})
        return
    table = Table(
        "data set",
        "covers",
        "years used",
        "ties",
        "sizes",
        "malformed rows",
        "rows without code",
        title=f"Scenario {result.scenario.id}: {len(result.scenario.ties)} measured ties",
    )
    for row in result.coverage():
        covers = "not found" if row["covers"] is None else "–".join(map(str, row["covers"]))
        used = "none" if row["years_used"] is None else "–".join(map(str, row["years_used"]))
        table.add_row(
            row["source"],
            covers,
            used,
            str(row["ties"]),
            str(row["sizes"]),
            str(row["malformed_rows"]),
            str(row["unmatched_rows"]),
        )
    console.print(table)
    console.print(result.reading(), highlight=False)
    for message in result.messages:
        console.print(f"[yellow]{escape(message)}[/]", highlight=False)
    if output is not None:
        console.print(f"Wrote {output}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the measure commands to the ``blocs`` app."""
    app.command()(votes)
    app.command()(alliances)
    app.command()(measure)
    app.command()(build)
