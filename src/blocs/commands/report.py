"""Report commands: ``report`` (the offline HTML report) and ``serve`` (the what-if page)."""

from __future__ import annotations

from pathlib import Path

import typer

from blocs.commands.common import (
    EVENTS_MODULES,
    JSON_OPTION,
    SERVE_MODULES,
    console,
    print_json,
    require_extra,
    user_errors,
)
from blocs.errors import BlocsError
from blocs.scenario import load
from blocs.scenario.library import DEFAULT

SCENARIO_ARG = typer.Argument(DEFAULT, help="A built-in scenario name or a scenario YAML file.")


@user_errors
def report(
    scenario: str = SCENARIO_ARG,
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="HTML file to write."),
    seed: int = typer.Option(0, "--seed", help="Seed for every stochastic part (recorded)."),
    draws: int = typer.Option(20_000, "--draws", min=100, help="Monte Carlo draws (wedge)."),
    votes: Path | None = typer.Option(None, "--votes", help="UN General Assembly votes file."),
    events: Path | None = typer.Option(None, "--events", help="Event store (GDELT/ICEWS)."),
    data: Path | None = typer.Option(
        None, "--data", help="Reference-data folder holding atop-v4/ (the base-rate lens)."
    ),
    json: bool = JSON_OPTION,
) -> None:
    """Write one self-contained HTML report (opens offline) and print its path."""
    if events is not None:
        require_extra("events", *EVENTS_MODULES)
    from blocs.report.gather import gather
    from blocs.report.html import write_report

    for label, path in (("--votes", votes), ("--events", events), ("--data", data)):
        if path is not None and not path.exists():
            raise BlocsError(f"{label}: no file at '{path}'; give an existing file")
    inputs = gather(load(scenario), seed=seed, draws=draws, votes=votes, events=events, data=data)
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
    draws: int = typer.Option(5_000, "--draws", min=100, help="Monte Carlo draws per change."),
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
