"""What-if commands: ``whatif`` (a shock, before and after) and ``wedge`` (the price to pull an
ally away). They only render results computed by :mod:`blocs.whatif`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from blocs.commands.common import (
    DATA_OPTION,
    DRAWS_OPTION,
    JSON_OPTION,
    SCENARIO_ARG,
    SEED_OPTION,
    console,
    print_json,
    user_errors,
)
from blocs.scenario import load


def _num(x: float | None, fmt: str = "{:+.2f}") -> str:
    return "—" if x is None else fmt.format(x)


@user_errors
def whatif(
    scenario: str = SCENARIO_ARG,
    overlay: str = typer.Argument(
        ...,
        help="An overlay YAML file, or an example: us-sanctions-relief, syria-war-ends,"
        " sco-membership.",
    ),
    all_pairs: bool = typer.Option(False, "--all", help="Show unchanged pairs too."),
    json: bool = JSON_OPTION,
) -> None:
    """Apply a shock (an overlay) to a scenario and show the net ties before and after."""
    from blocs.whatif.compare import what_if
    from blocs.whatif.overlay import load_overlay

    result = what_if(load(scenario), load_overlay(overlay))
    if json:
        print_json(result)
        return
    ov = result.overlay
    changes = Table("#", "change", "where", "before", "after", "why", title=f"Overlay: {ov.title}")
    for c in ov.changes:
        changes.add_row(
            str(c.index), c.op, escape(c.path), str(c.before), str(c.after), escape(c.description)
        )
    console.print(changes)
    rows = result.rows if all_pairs else result.changed_rows
    ties = Table("pair", "channel", "before", "after", "change", title="Net ties")
    for r in rows:
        ties.add_row(
            f"{r.a}–{r.b}",
            r.channel,
            _num(r.before),
            _num(r.after),
            _num(r.after - r.before) if r.changed else "",
        )
    console.print(ties)
    land = result.lenses.get("landscape", {})
    table = Table("", "before", "after", title="Landscape (global minimum)")
    b, a = land.get("before", {}), land.get("after", {})
    if b.get("available") and a.get("available"):
        for k in (0, 1):
            table.add_row(
                f"coalition {k + 1}",
                ", ".join(b["global_minimum"][k]),
                ", ".join(a["global_minimum"][k]),
            )
        table.add_row("energy", f"{b['energy']:.4g}", f"{a['energy']:.4g}")
        console.print(table)
    else:
        console.print(f"landscape: {escape(str(b.get('note') or a.get('note')))}")


@user_errors
def wedge(
    scenario: str = SCENARIO_ARG,
    divider: str | None = typer.Option(
        None, "--divider", help="Who tries to pull the target away (default: the focus)."
    ),
    target: str | None = typer.Option(
        None, "--target", help="Whose alignment is for sale (default: the focus)."
    ),
    partner: str | None = typer.Option(
        None, "--partner", help="The ally the target would leave (default: the focus)."
    ),
    overlay: str | None = typer.Option(None, "--overlay", help="Overlay applied first."),
    assumptions: Path | None = typer.Option(
        None, "--assumptions", help="Assumptions YAML (default: the one shipped with blocs)."
    ),
    draws: int = DRAWS_OPTION,
    seed: int = SEED_OPTION,
    sobol: int = typer.Option(
        1024, "--sobol", min=0, help="Sobol base samples (a power of two; 0 skips)."
    ),
    data: Path | None = DATA_OPTION,
    json: bool = JSON_OPTION,
) -> None:
    """The price to pull TARGET away from PARTNER for DIVIDER: ledger, structure, base rate."""
    from blocs.report.terminal import render_wedge
    from blocs.whatif.montecarlo import CHUNK
    from blocs.whatif.wedge import wedge as run_wedge

    loaded = load(scenario)
    kwargs = dict(
        divider=divider,
        target=target,
        partner=partner,
        overlay=overlay,
        assumptions=assumptions,
        draws=draws,
        seed=seed,
        sobol_samples=sobol,
        data=data,
    )
    if json or draws <= CHUNK:
        result = run_wedge(loaded, **kwargs)
    else:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("Monte Carlo draws", total=draws)
            result = run_wedge(
                loaded,
                **kwargs,
                progress=lambda done, total: bar.update(task, completed=done),
            )
    if json:
        print_json(result)
        return
    render_wedge(result, console)


def register(app: typer.Typer) -> None:
    """Add the what-if commands to the ``blocs`` app."""
    app.command("whatif")(whatif)
    app.command("wedge")(wedge)
