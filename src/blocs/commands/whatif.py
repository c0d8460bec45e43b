"""What-if commands: ``whatif`` (a shock, before and after) and ``wedge`` (the price to pull an
ally away). They only render results computed by :mod:`blocs.whatif`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from blocs.commands.common import JSON_OPTION, console, print_json, user_errors
from blocs.scenario import load
from blocs.scenario.library import DEFAULT

SCENARIO_ARG = typer.Argument(DEFAULT, help="A built-in scenario name or a scenario YAML file.")


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
    divider: str = typer.Option("USA", "--divider", help="Who tries to pull the target away."),
    target: str = typer.Option("RUS", "--target", help="Whose alignment is for sale."),
    partner: str = typer.Option("IRN", "--partner", help="The ally the target would leave."),
    overlay: str | None = typer.Option(None, "--overlay", help="Overlay applied first."),
    assumptions: Path | None = typer.Option(
        None, "--assumptions", help="Assumptions YAML (default: the one shipped with blocs)."
    ),
    draws: int = typer.Option(20_000, "--draws", min=1, help="Monte Carlo draws."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed (recorded in the output)."),
    sobol: int = typer.Option(
        1024, "--sobol", min=0, help="Sobol base samples (a power of two; 0 skips)."
    ),
    data: Path | None = typer.Option(
        None, "--data", help="Reference data folder with atop-v4/ (for the base-rate lens)."
    ),
    json: bool = JSON_OPTION,
) -> None:
    """The price to pull TARGET away from PARTNER for DIVIDER: ledger, structure, base rate."""
    from blocs.whatif.montecarlo import CHUNK
    from blocs.whatif.wedge import usd
    from blocs.whatif.wedge import wedge as run_wedge

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
        result = run_wedge(load(scenario), **kwargs)
    else:
        from rich.progress import Progress

        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("Monte Carlo draws", total=draws)
            result = run_wedge(
                load(scenario),
                **kwargs,
                progress=lambda done, total: bar.update(task, completed=done),
            )
    if json:
        print_json(result)
        return
    console.print(f"[bold]{escape(result.answer)}[/]")
    for text in result.disagreements:
        console.print(f"  • {escape(text)}")
    mc = result.price
    summary = Table("", "value", title=f"Reservation price (seed {mc.seed}, {mc.draws} draws)")
    summary.add_row("median", usd(mc.price_median) + " a year")
    summary.add_row("80% interval", f"{usd(mc.price_p10)} – {usd(mc.price_p90)}")
    summary.add_row("draws over the cap", f"{mc.share_over_cap:.1%}")
    summary.add_row("draws where leaving is free", f"{mc.share_free:.1%}")
    if mc.offered:
        summary.add_row("already offered", usd(mc.offered) + " a year")
        summary.add_row("offer suffices in", f"{mc.share_offer_enough:.1%} of draws")
    console.print(summary)
    terms = Table("term", "side", "yearly (median)", "10%–90%", "PV (median)", title="Ledger")
    for t in mc.terms:
        terms.add_row(
            escape(t.label),
            t.side,
            usd(t.yearly_median),
            f"{usd(t.yearly_p10)} – {usd(t.yearly_p90)}",
            usd(t.pv_median),
        )
    console.print(terms)
    tor = Table("input", "kind", "low", "high", "price at low", "price at high", title="Tornado")
    for r in result.tornado[:10]:
        tor.add_row(
            escape(r.label),
            r.kind,
            f"{r.low:.3g}",
            f"{r.high:.3g}",
            usd(r.output_at_low),
            usd(r.output_at_high),
        )
    console.print(tor)
    if result.sobol is not None:
        sob = Table("input", "S1", "ST", title=f"Sobol indices ({result.sobol.evaluations} runs)")
        for row in result.sobol.rows()[:10]:
            sob.add_row(
                row["name"],
                f"{row['first_order']:.2f} ± {row['first_order_conf']:.2f}",
                f"{row['total']:.2f} ± {row['total_conf']:.2f}",
            )
        console.print(sob)
    ev = Table("input", "figure", "range", "source", "¶", title="Evidenced inputs")
    for e in result.evidenced:
        ev.add_row(
            e["name"],
            escape(f"{e['value']:.4g} {e['unit']} ({e['bound']})"),
            escape(f"{e['low']:.4g} – {e['high']:.4g} ({e['range_rule']})"),
            escape(e["source"]),
            str(e["paragraph"] or e["locator"] or ""),
        )
    console.print(ev)
    asm = Table("assumption", "unit", "range", "rationale", title="Assumptions (not sourced)")
    for a in result.assumptions:
        asm.add_row(
            escape(a["label"]),
            a["unit"],
            f"{a['low']:.4g} – {a['high']:.4g}",
            escape(a["rationale"]),
        )
    console.print(asm)
    console.print(f"structural lens: {escape(result.structural_note)}")
    if not result.base_rate.available:
        console.print(f"base-rate lens: {escape(result.base_rate.note)} (pass --data)")


def register(app: typer.Typer) -> None:
    """Add the what-if commands to the ``blocs`` app."""
    app.command("whatif")(whatif)
    app.command("wedge")(wedge)
