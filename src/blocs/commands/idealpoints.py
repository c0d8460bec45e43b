"""The ``idealpoints`` command: ideal points of every state in every UN General Assembly session."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from blocs.commands.common import JSON_OPTION, console, print_json, user_errors

#: More rows than this are not printed in full (use --csv or --state).
MAX_PRINTED = 60


@contextlib.contextmanager
def fit_progress(
    description: str, *, disable: bool
) -> Iterator[tuple[Any, Callable[[str, int], None]]]:
    """A progress bar for the ideal-point fit: the bar and the callback to give the estimator."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=disable,
    ) as bar:
        task = bar.add_task(description, total=None, note="")

        def show(stage: str, iteration: int) -> None:
            bar.update(task, note=f"iteration {iteration}")

        yield bar, show


@user_errors
def idealpoints(
    data: Path = typer.Option(
        ..., "--data", help="Reference-data root directory (the folder holding un-votes/)."
    ),
    sessions: str | None = typer.Option(
        None, "--sessions", help="Sessions estimated together, e.g. 70-72 (default: all)."
    ),
    state: list[str] = typer.Option(
        [], "--state", help="Print only these states (ISO alpha-3); repeat for several."
    ),
    csv: Path | None = typer.Option(
        None, "--csv", help="Write every estimate here (session, year, iso3, ccode, ...)."
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Ideal points (dynamic ordered probit, BSV family) with standard errors per state-session."""
    from blocs.measure.idealpoints import estimate_ideal_points, parse_sessions, read_un_votes

    span = parse_sessions(sessions) if sessions else None
    with fit_progress("reading the roll calls", disable=json) as (bar, show):
        votes = read_un_votes(data)
        bar.update(bar.task_ids[0], description="fitting the model")
        result = estimate_ideal_points(votes, span, progress=show)
    if csv is not None:
        result.to_frame().to_csv(csv, index=False)
    if json:
        print_json(result)
        return
    rows = result.points
    if state:
        rows = tuple(p for s in state for p in result.series(s))
    shown = rows
    if len(rows) > MAX_PRINTED:
        last = result.last_session
        shown = tuple(sorted((p for p in rows if p.session == last), key=lambda p: -p.ideal_point))
    title = (
        f"Ideal points, UN General Assembly sessions {result.first_session}–{result.last_session}"
    )
    table = Table("session", "year", "iso3", "ccode", "ideal point", "se", "votes", title=title)
    for p in shown:
        table.add_row(
            str(p.session),
            str(p.year),
            p.iso3 or "–",
            str(p.ccode),
            f"{p.ideal_point:+.3f}",
            f"{p.se:.3f}",
            str(p.n_votes),
        )
    console.print(table)
    if shown is not rows:
        console.print(
            f"{len(rows):,} estimates; only session {result.last_session} is shown"
            " (use --csv FILE for all, or --state ISO3).",
            highlight=False,
        )
    console.print(result.reading(), highlight=False)
    console.print(result.counts.reading(), highlight=False)
    if not result.converged:
        console.print("[yellow]note:[/] the optimiser stopped before converging", highlight=False)
    if result.sessions_without_votes:
        console.print(
            "[yellow]note:[/] no contested roll call in session(s) "
            + ", ".join(map(str, result.sessions_without_votes)),
            highlight=False,
        )
    console.print(
        f"Higher = closer to {result.anchor}; mean 0 and sd 1 over the state-sessions of this run."
        f" Data: {result.source.title}, {result.source.version}. Cite: {result.source.cite}",
        highlight=False,
    )
    if csv is not None:
        console.print(f"wrote {csv}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ideal-point command to the ``blocs`` app."""
    app.command()(idealpoints)
