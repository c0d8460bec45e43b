"""Report commands: ``report`` (the offline HTML report) and ``serve`` (the what-if page)."""

from __future__ import annotations

from pathlib import Path

import typer

from blocs.commands.common import (
    DATA_OPTION,
    DRAWS_OPTION,
    EVENTS_MODULES,
    JSON_OPTION,
    SCENARIO_ARG,
    SEED_OPTION,
    SERVE_MODULES,
    TIME_LIMIT_OPTION,
    VOTES_DIR_OPTION,
    console,
    data_place,
    print_json,
    require_extra,
    time_limit_or_none,
    user_errors,
)
from blocs.scenario import load
from blocs.seeding import MAX_DRAWS, MIN_DRAWS


@user_errors
def report(
    scenario: str = SCENARIO_ARG,
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    seed: int = SEED_OPTION,
    draws: int = DRAWS_OPTION,
    data: Path | None = DATA_OPTION,
    votes_dir: Path | None = VOTES_DIR_OPTION,
    events: Path | None = typer.Option(
        None, "--events", exists=True, help="An event store (DuckDB file, blocs events ingest)."
    ),
    time_limit: float = TIME_LIMIT_OPTION,
    json: bool = JSON_OPTION,
) -> None:
    """Write one self-contained HTML report (opens offline) and print its path."""
    if events is not None:
        require_extra("events", *EVENTS_MODULES)
    from blocs.assessment import assess
    from blocs.report.gather import gather
    from blocs.report.html import write_report

    votes = data_place(data, votes_dir, "un-votes", option="--votes-dir")
    loaded = load(scenario)
    assessment = assess(
        loaded, data=data, seed=seed, draws=draws, time_limit=time_limit_or_none(time_limit)
    )
    inputs = gather(
        loaded,
        assessment=assessment,
        seed=seed,
        draws=draws,
        votes=votes,
        events=events,
        data=data,
    )
    result = write_report(inputs, output)
    if json:
        print_json(result)
        return
    console.print(f"wrote {result.path} ({result.bytes / 1024:.0f} KiB)", highlight=False)
    for line in result.not_computed:
        console.print(f"  [dim]not computed: {line}[/]", highlight=False)


@user_errors
def serve(
    scenario: str = SCENARIO_ARG,
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (local by default)."),
    draws: int = typer.Option(
        5_000,
        "--draws",
        min=MIN_DRAWS,
        max=MAX_DRAWS,
        help="Monte Carlo draws per change of a control (fewer than elsewhere: the page redraws"
        " on every change).",
    ),
) -> None:
    """Serve the what-if page: inducement, credibility, horizon and overlays as controls."""
    require_extra("serve", *SERVE_MODULES)
    from blocs.report.server import serve as run

    s = load(scenario)
    console.print(f"what-if page for {s.id} at http://{host}:{port}/ (Ctrl-C stops)")
    run(s, host=host, port=port, draws=draws)


def register(app: typer.Typer) -> None:
    """Add the report commands to the ``blocs`` app."""
    app.command()(report)
    app.command()(serve)
